import { create } from 'zustand';
import type { VaultInfo, VaultStatus } from '../../../shared/domain';
import { ApiError, call, errorMessage, onHostUnreachable } from '../api';

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

/** How long after a 'shutdown' lock the host is asked again: a host that is really stopping is gone by then. */
const SHUTDOWN_PROBE_MS = 2_000;

interface SessionState {
  status: VaultStatus | null;
  /** Why the console could not even ask for the vault's status (the host refused this page's session). */
  statusError: string | null;
  /**
   * The host this page talks to has stopped (it said so as it locked, or stopped answering): the page says "The
   * console has stopped" rather than an Unlock form that could never work.
   */
  stopped: boolean;
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
  /** The host stopped answering. */
  hostStopped(): void;
  navigate(route: Route): void;
}

/** Who is signed in and which screen shows. Holds no secrets: passphrases live only in form fields. */
export const useSession = create<SessionState>((set, get) => ({
  status: null,
  statusError: null,
  stopped: false,
  info: null,
  route: { name: 'keystores' },
  lockedReason: null,
  restored: false,
  async refreshStatus() {
    try {
      const status = await call('vault.status');
      set({ status, statusError: null, stopped: false });
      // After a page reload the vault is still open but this page knows nothing of it: who is signed in (the
      // header, Settings' Vault panel) and their roles come back with the status, not with whichever screen asks.
      if (status.state === 'unlocked' && !get().info) await get().refreshInfo();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'HOST_UNREACHABLE') return; // hostStopped() has said it
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
    if (reason !== 'shutdown') return;
    // 'shutdown' is what a stopping host says as it locks. Stop Key API can say it too while the console is already
    // locked and the host keeps running: asking again a moment later tells the two apart.
    set({ stopped: true });
    setTimeout(() => {
      call('vault.status').then(
        (status) => set({ status, stopped: false }),
        () => undefined,
      );
    }, SHUTDOWN_PROBE_MS);
  },
  hostStopped() {
    // Whatever the page held goes, as at a lock: the vault behind it is locked (or gone with its host).
    set((s) => ({ stopped: true, info: null, route: { name: 'keystores' }, status: s.status?.state === 'unlocked' ? { state: 'locked' } : s.status }));
  },
  navigate(route) {
    set({ route });
  },
}));

onHostUnreachable(() => useSession.getState().hostStopped());
