import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { StageableChannel, StagedChangeView } from '../../../shared/approval';
import type { Input, Output } from '../../../shared/contract';
import { ApiError, call } from '../api';

/**
 * Where a change made in a dialog goes: the one seam between the key store dialogs (Add Key, Import Key, Edit Key,
 * Add IPv4 Address, Add Certificates, Edit Key Store, the lifecycle buttons) and the approval feature.
 * - By default the change is made now: the channel is called and its answer (the item's new view) comes back.
 * - Inside <StagingSink> (Key Store Management) the same call is staged with `staging.stage` and nothing is applied:
 *   the answer is undefined, and the staging screen shows the pending change instead.
 */
export type ChangeSink = <C extends StageableChannel>(channel: C, input: Input<C>) => Promise<Output<C> | undefined>;

const callChannel = call as unknown as (channel: StageableChannel, input: unknown) => Promise<unknown>;

const applyNow: ChangeSink = (channel, input) => callChannel(channel, input) as Promise<Output<typeof channel>>;

const SinkContext = createContext<{ sink: ChangeSink; staging: boolean }>({ sink: applyNow, staging: false });

/** The function a dialog sends its change through (see ChangeSink). */
export const useChange = (): ChangeSink => useContext(SinkContext).sink;

/** True inside Key Store Management, where changes are staged: dialogs may word their hints accordingly. */
export const useStaging = (): boolean => useContext(SinkContext).staging;

/** main names a staged input's fields `input.<field>`: give the form back its own field names. */
function asFormError(err: unknown): unknown {
  if (err instanceof ApiError && err.field?.startsWith('input.')) {
    const unprefix = (field: string) => (field.startsWith('input.') ? field.slice('input.'.length) : field);
    const fields = err.fields && Object.fromEntries(Object.entries(err.fields).map(([field, message]) => [unprefix(field), message]));
    return new ApiError({ code: err.code, message: err.message, field: unprefix(err.field), ...(fields ? { fields } : {}) });
  }
  return err;
}

/** Changes made by the dialogs inside are staged in `keyStoreId`'s bucket (null: key stores still to be added). */
export function StagingSink({
  keyStoreId,
  onStaged,
  children,
}: {
  keyStoreId: string | null;
  onStaged: (change: StagedChangeView) => void;
  children: ReactNode;
}) {
  const sink = useCallback<ChangeSink>(
    async (channel, input) => {
      try {
        onStaged(await call('staging.stage', { keyStoreId, channel, input }));
      } catch (err) {
        throw asFormError(err);
      }
      return undefined;
    },
    [keyStoreId, onStaged],
  );
  return <SinkContext.Provider value={{ sink, staging: true }}>{children}</SinkContext.Provider>;
}
