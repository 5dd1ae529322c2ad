import type { CeremonyView } from '../../../shared/audit';
import { call } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useCeremonies } from '../store/ceremony';
import { useSession } from '../store/session';

/** End ceremony, confirmed first; then its record opens, for the officers to check, print and sign. */
export function EndCeremonyDialog({ ceremony, onClose }: { ceremony: CeremonyView; onClose: () => void }) {
  return (
    <ConfirmDialog
      title="End ceremony"
      confirmLabel="End ceremony"
      onClose={onClose}
      onConfirm={async () => {
        const record = await call('ceremony.end');
        useCeremonies.getState().changed(record.ceremony);
        useSession.getState().navigate({ name: 'ceremony', id: record.ceremony.id });
      }}
    >
      The record of &quot;{ceremony.title}&quot; closes at the current end of the audit trail: what is done after this is not part of it. Its record opens next,
      to print for {ceremony.officers.length === 1 ? 'the officer' : `the ${ceremony.officers.length} officers`} to sign.
    </ConfirmDialog>
  );
}
