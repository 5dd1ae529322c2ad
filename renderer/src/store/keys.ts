import { create } from 'zustand';
import type { KeyView } from '../../../shared/domain';
import { call } from '../api';
import { upsertById } from './upsert';

interface KeysState {
  /** Key metadata of the key store on screen. Never key material: secrets stay in the component that asked. */
  keyStoreId: string | null;
  items: KeyView[] | null;
  load(keyStoreId: string): Promise<void>;
  /** Put a key's new view (after a change) into the list without a reload. */
  put(view: KeyView): void;
  /** Several at once (a batch Request for Deletion): one new list, so the grid takes in 10,000 rows once, not per key. */
  putMany(views: readonly KeyView[]): void;
  remove(keyId: string): void;
  clear(): void;
}

export const useKeys = create<KeysState>((set, get) => ({
  keyStoreId: null,
  items: null,
  async load(keyStoreId) {
    if (get().keyStoreId !== keyStoreId) set({ keyStoreId, items: null });
    const items = await call('keys.list', { keyStoreId });
    if (get().keyStoreId === keyStoreId) set({ items });
  },
  put(view) {
    const items = get().items;
    if (!items || get().keyStoreId !== view.keyStoreId) return;
    set({ items: upsertById(items, view) });
  },
  putMany(views) {
    const items = get().items;
    const keyStoreId = get().keyStoreId;
    const changed = new Map(views.filter((v) => v.keyStoreId === keyStoreId).map((v) => [v.id, v]));
    if (!items || changed.size === 0) return;
    const next = items.map((k) => changed.get(k.id) ?? k);
    const known = new Set(items.map((k) => k.id));
    set({ items: [...next, ...[...changed.values()].filter((v) => !known.has(v.id))] });
  },
  remove(keyId) {
    set({ items: get().items?.filter((k) => k.id !== keyId) ?? null });
  },
  clear() {
    set({ keyStoreId: null, items: null });
  },
}));
