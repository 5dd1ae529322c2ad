import EventNoteOutlined from '@mui/icons-material/EventNoteOutlined';
import Alert from '@mui/material/Alert';
import { useState } from 'react';
import { GuardedButton } from '../components/GuardedButton';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { useCeremonies } from '../store/ceremony';
import { EndCeremonyDialog } from './EndCeremonyDialog';

/** Across the console while a key ceremony runs: everything done now goes into its record. */
export function CeremonyBanner() {
  const t = useT();
  const running = useCeremonies((s) => s.running);
  const [ending, setEnding] = useState(false);
  if (!running) return null;
  return (
    <>
      <Alert
        severity="warning"
        variant="filled"
        icon={<EventNoteOutlined />}
        role="status"
        aria-label={t('Ceremony in progress')}
        sx={{ borderRadius: 0 }}
        action={
          <GuardedButton permission="admin" color="inherit" variant="outlined" size="small" onClick={() => setEnding(true)}>
            {t('End ceremony')}
          </GuardedButton>
        }
      >
        {t('Ceremony in progress: {{title}} — started {{at}} by {{member}}. Everything done now goes into its record.', {
          title: running.title,
          at: formatDateTime(running.startedAt),
          member: running.startedBy,
        })}
      </Alert>
      {ending && <EndCeremonyDialog ceremony={running} onClose={() => setEnding(false)} />}
    </>
  );
}
