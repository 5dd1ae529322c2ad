import { create } from 'zustand';
import type { KeyStoreView } from '../../../shared/domain';
import { call } from '../api';
import { upsertById } from './upsert';
import type { Input } from '../../../shared/contract';

interface KeyStoresState {
  items: KeyStoreView[] | null;
  load(): Promise<void>;
  create(input: Input<'keystores.create'>): Promise<KeyStoreView>;
  update(input: Input<'keystores.update'>): Promise<KeyStoreView>;
  clear(): void;
}

/** Key store metadata (never key material). The list updates from each call's answer, without a reload. */
export const useKeyStores = create<KeyStoresState>((set, get) => ({
  items: null,
  async load() {
    set({ items: await call('keystores.list') });
  },
  async create(input) {
    const view = await call('keystores.create', input);
    set({ items: upsertById(get().items, view) });
    return view;
  },
  async update(input) {
    const view = await call('keystores.update', input);
    set({ items: upsertById(get().items, view) });
    return view;
  },
  clear() {
    set({ items: null });
  },
}));
