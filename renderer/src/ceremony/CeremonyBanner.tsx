import EventNoteOutlined from '@mui/icons-material/EventNoteOutlined';
import Alert from '@mui/material/Alert';
import { useState } from 'react';
import { GuardedButton } from '../components/GuardedButton';
import { formatDateTime } from '../format';
import { useCeremonies } from '../store/ceremony';
import { EndCeremonyDialog } from './EndCeremonyDialog';

/** Across the console while a key ceremony runs: everything done now goes into its record. */
export function CeremonyBanner() {
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
        aria-label="Ceremony in progress"
        sx={{ borderRadius: 0 }}
        action={
          <GuardedButton permission="admin" color="inherit" variant="outlined" size="small" onClick={() => setEnding(true)}>
            End ceremony
          </GuardedButton>
        }
      >
        Ceremony in progress: {running.title} — started {formatDateTime(running.startedAt)} by {running.startedBy}. Everything done now goes into its record.
      </Alert>
      {ending && <EndCeremonyDialog ceremony={running} onClose={() => setEnding(false)} />}
    </>
  );
}
