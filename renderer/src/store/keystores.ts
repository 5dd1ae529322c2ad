import { create } from 'zustand';
import type { KeyStoreView } from '../../../shared/domain';
import { call } from '../api';
import type { Input } from '../../../shared/contract';

interface KeyStoresState {
  items: KeyStoreView[] | null;
  load(): Promise<void>;
  create(input: Input<'keystores.create'>): Promise<KeyStoreView>;
  update(input: Input<'keystores.update'>): Promise<KeyStoreView>;
  clear(): void;
}

const upsert = (items: KeyStoreView[] | null, view: KeyStoreView): KeyStoreView[] => {
  const list = items ?? [];
  return list.some((k) => k.id === view.id) ? list.map((k) => (k.id === view.id ? view : k)) : [...list, view];
};

/** Key store metadata (never key material). The list updates from each call's answer, without a reload. */
export const useKeyStores = create<KeyStoresState>((set, get) => ({
  items: null,
  async load() {
    set({ items: await call('keystores.list') });
  },
  async create(input) {
    const view = await call('keystores.create', input);
    set({ items: upsert(get().items, view) });
    return view;
  },
  async update(input) {
    const view = await call('keystores.update', input);
    set({ items: upsert(get().items, view) });
    return view;
  },
  clear() {
    set({ items: null });
  },
}));
