import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { useT } from '../i18n';

/**
 * Confirmation for consequential actions. It opens with the focus on the safe button, so a reflex Enter does
 * nothing harmful. With `typeToConfirm`, the action stays disabled until that text (the item's name) is typed
 * exactly — the guard for Immediately Delete — and Enter in that field confirms once it matches.
 *
 * The dismiss button never says "Cancel" (which would stand beside "Cancel Deletion"): "Keep" for a destructive
 * action (keep the thing), "Close" otherwise, or `dismissLabel`.
 */
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  destructive?: boolean;
  typeToConfirm?: string;
  /** The safe button's words; default "Keep" (destructive) or "Close". */
  dismissLabel?: string;
  onConfirm: (typed: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useT();
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const blocked = props.typeToConfirm !== undefined && typed !== props.typeToConfirm;

  async function confirm(e?: FormEvent) {
    e?.preventDefault();
    if (busy || blocked) return;
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
    <Dialog open onClose={() => !busy && props.onClose()} aria-labelledby={titleId} maxWidth="sm" fullWidth>
      <form onSubmit={confirm} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          <DialogContentText component="div">{props.children}</DialogContentText>
          {props.typeToConfirm !== undefined && (
            <TextField
              sx={{ mt: 2 }}
              fullWidth
              autoFocus
              label={t('Type the name to confirm')}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              helperText={t('Type "{{name}}" exactly.', { name: props.typeToConfirm })}
              autoComplete="off"
            />
          )}
          {error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={busy} autoFocus={props.typeToConfirm === undefined}>
            {props.dismissLabel ?? (props.destructive ? t('Keep') : t('Close'))}
          </Button>
          <Button type="submit" variant="contained" color={props.destructive ? 'error' : 'primary'} disabled={busy || blocked}>
            {props.confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
