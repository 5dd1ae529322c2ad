import { create } from 'zustand';
import type { CeremonyView } from '../../../shared/audit';
import { call } from '../api';

interface CeremonyState {
  /** Every ceremony, newest first (null until loaded, and after lock). */
  list: CeremonyView[] | null;
  /** The ceremony running now, if any: the console shows a banner while it runs. */
  running: CeremonyView | null;
  refresh(): Promise<void>;
  /** A ceremony started or ended here: what main answered, without asking for the list again. */
  changed(ceremony: CeremonyView): void;
  clear(): void;
}

/** Key ceremonies, for the banner across the console and the Ceremonies page. Holds no secrets. */
export const useCeremonies = create<CeremonyState>((set) => ({
  list: null,
  running: null,
  async refresh() {
    const list = await call('ceremony.list');
    set({ list, running: list.find((c) => c.endedAt === null) ?? null });
  },
  changed(ceremony) {
    set((s) => {
      const rest = (s.list ?? []).filter((c) => c.id !== ceremony.id);
      const list = [ceremony, ...rest].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
      return { list: s.list ? list : null, running: list.find((c) => c.endedAt === null) ?? null };
    });
  },
  clear() {
    set({ list: null, running: null });
  },
}));
