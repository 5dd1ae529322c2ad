import type { CeremonyView } from '../../../shared/audit';
import { call } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { useCeremonies } from '../store/ceremony';
import { useSession } from '../store/session';

/** End ceremony, confirmed first; then its record opens, for the officers to check, print and sign. */
export function EndCeremonyDialog({ ceremony, onClose }: { ceremony: CeremonyView; onClose: () => void }) {
  const t = useT();
  return (
    <ConfirmDialog
      title={t('End ceremony')}
      confirmLabel={t('End ceremony')}
      dismissLabel={t('Keep it running')}
      onClose={onClose}
      onConfirm={async () => {
        const record = await call('ceremony.end');
        useCeremonies.getState().changed(record.ceremony);
        notify(t('Ceremony "{{title}}" ended.', { title: record.ceremony.title }));
        useSession.getState().navigate({ name: 'ceremony', id: record.ceremony.id });
      }}
    >
      {ceremony.officers.length === 1
        ? t(
            'The record of "{{title}}" closes at the current end of the audit trail: what is done after this is not part of it. Its record opens next, to print for the officer to sign.',
            { title: ceremony.title },
          )
        : t(
            'The record of "{{title}}" closes at the current end of the audit trail: what is done after this is not part of it. Its record opens next, to print for the {{officers}} officers to sign.',
            { title: ceremony.title, officers: ceremony.officers.length },
          )}
    </ConfirmDialog>
  );
}
