import Snackbar from '@mui/material/Snackbar';
import { useEffect } from 'react';
import { useNotify } from '../store/notify';

const SHOWN_MS = 4_000;

/** The snackbar behind notify(): bottom left, polite, gone after 4 seconds or on Escape. */
export function Notifications() {
  const { message, dismiss } = useNotify();
  // A confirmation belongs to the member who acted: it must not greet the next one after Lock.
  useEffect(() => window.skm.on('vault.locked', dismiss), [dismiss]);
  return (
    <Snackbar
      key={message?.id}
      open={message !== null}
      message={message?.text}
      autoHideDuration={SHOWN_MS}
      onClose={(_e, reason) => reason !== 'clickaway' && dismiss()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      slotProps={{ content: { role: 'status' } }}
    />
  );
}
