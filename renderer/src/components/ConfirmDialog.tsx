import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api';

/**
 * Confirmation for consequential actions. With `typeToConfirm`, the action stays disabled until that text
 * (the item's name) is typed exactly — the guard for Immediately Delete.
 */
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  destructive?: boolean;
  typeToConfirm?: string;
  onConfirm: (typed: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = props.typeToConfirm !== undefined && typed !== props.typeToConfirm;

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm(typed);
      props.onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={props.onClose} aria-labelledby="confirm-title" maxWidth="sm" fullWidth>
      <DialogTitle id="confirm-title">{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">{props.children}</DialogContentText>
        {props.typeToConfirm !== undefined && (
          <TextField
            sx={{ mt: 2 }}
            fullWidth
            autoFocus
            label="Type the name to confirm"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            helperText={`Type "${props.typeToConfirm}" exactly.`}
          />
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button variant="contained" color={props.destructive ? 'error' : 'primary'} disabled={busy || blocked} onClick={confirm}>
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
