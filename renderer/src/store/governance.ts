import { create } from 'zustand';
import type { GovernanceView } from '../../../shared/approval';
import { call } from '../api';

interface GovernanceState {
  /** The Governance Setting as main last reported it (null until loaded, and after lock). */
  view: GovernanceView | null;
  /** Fetch it again: after unlock, after a governance change, after a request was decided. */
  refresh(): Promise<GovernanceView>;
  set(view: GovernanceView): void;
  clear(): void;
}

/** Whether the Approval Feature is on, for every screen that must know (see useCan). Holds no secrets. */
export const useGovernance = create<GovernanceState>((set) => ({
  view: null,
  async refresh() {
    const view = await call('governance.get');
    set({ view });
    return view;
  },
  set(view) {
    set({ view });
  },
  clear() {
    set({ view: null });
  },
}));
