import { create } from 'zustand';
import type { VaultInfo, VaultStatus } from '../../../shared/domain';
import { call, errorMessage } from '../api';

export type Route =
  | { name: 'keystores' }
  | { name: 'keystore'; id: string }
  | { name: 'key'; keyStoreId: string; keyId: string }
  | { name: 'settings' }
  // The approval feature's tabs: Key Store Management (staging) and Approval List.
  | { name: 'staging' }
  | { name: 'approvals' }
  // Issue 11: the Audit Log, and key ceremonies with their printable record.
  | { name: 'audit' }
  | { name: 'ceremonies' }
  | { name: 'ceremony'; id: string };

interface SessionState {
  status: VaultStatus | null;
  /** Why the console could not even ask for the vault's status (the host refused this page's session). */
  statusError: string | null;
  info: VaultInfo | null;
  route: Route;
  /** Why the vault was locked last, to tell the user after an idle lock. */
  lockedReason: 'user' | 'idle' | 'shutdown' | null;
  /** A backup was just restored into this data folder: the Unlock screen says so. */
  restored: boolean;
  refreshStatus(): Promise<void>;
  opened(info: VaultInfo): void;
  /** Fresh vault info (read-only state, held deletions) without leaving the current screen. */
  refreshInfo(): Promise<void>;
  locked(reason: 'user' | 'idle' | 'shutdown'): void;
  navigate(route: Route): void;
}

/** Who is signed in and which screen shows. Holds no secrets: passphrases live only in form fields. */
export const useSession = create<SessionState>((set) => ({
  status: null,
  statusError: null,
  info: null,
  route: { name: 'keystores' },
  lockedReason: null,
  restored: false,
  async refreshStatus() {
    try {
      set({ status: await call('vault.status'), statusError: null });
    } catch (err) {
      set({ statusError: errorMessage(err) });
    }
  },
  opened(info) {
    set({ info, status: { state: 'unlocked', username: info.username }, route: { name: 'keystores' }, lockedReason: null, restored: false });
  },
  async refreshInfo() {
    const info = await call('vault.info');
    set((s) => (s.status?.state === 'unlocked' ? { info } : {}));
  },
  locked(reason) {
    set({ info: null, status: { state: 'locked' }, route: { name: 'keystores' }, lockedReason: reason });
  },
  navigate(route) {
    set({ route });
  },
}));
