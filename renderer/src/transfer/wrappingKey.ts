import { create } from 'zustand';
import type { WrappingKeyView } from '../../../shared/transfer';
import { call } from '../api';
import { useSession } from '../store/session';

interface WrappingKeyState {
  /** The vault's wrapping key as main last answered it: public half and fingerprint only (null until asked, and after Lock). */
  view: WrappingKeyView | null;
  /** A request is under way; the first one in a vault's life makes the RSA-4096 key (seconds). */
  loading: boolean;
  /** Ask main for it, made on first need. Screens that ask at the same time share one request. */
  load(): Promise<WrappingKeyView>;
}

let pending: Promise<WrappingKeyView> | null = null;

/**
 * The vault's own wrapping key, shared by Settings → Wrapping key and Import Key → Wrapped key material, so that
 * opening one after the other neither asks again nor adds another audit record. It holds nothing secret.
 */
export const useWrappingKey = create<WrappingKeyState>((set) => ({
  view: null,
  loading: false,
  load() {
    if (!pending) {
      set({ loading: true });
      pending = call('transfer.wrappingKey').finally(() => {
        pending = null;
        set({ loading: false });
      });
      pending.then(
        // Not after a Lock that came while it was under way.
        (view) => useSession.getState().info && set({ view }),
        () => undefined,
      );
    }
    return pending;
  },
}));

// A lock (or a restore, which locks) may bring another vault: what was shown of this one goes.
useSession.subscribe((s, before) => {
  if (before.info && !s.info) useWrappingKey.setState({ view: null });
});
