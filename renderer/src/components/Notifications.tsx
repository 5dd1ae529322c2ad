import Snackbar from '@mui/material/Snackbar';
import { useNotify } from '../store/notify';

const SHOWN_MS = 4_000;

/** The snackbar behind notify(): bottom left, polite, gone after 4 seconds or on Escape. */
export function Notifications() {
  const { message, dismiss } = useNotify();
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
