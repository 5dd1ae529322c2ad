import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../i18n';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * The frame every form dialog shares: title (its accessible name), fields, the error that belongs to no field,
 * Cancel and the submit button. While busy, the dialog cannot be dismissed and both buttons are disabled.
 *
 * Typed input is not thrown away by a stray click outside or Escape: once a field changed (or `dirty` says so),
 * those ask "Discard changes?" first; Cancel still closes at once. (useFormSubmit, which feeds `busy` and `onSubmit`,
 * puts the focus on the first invalid field after a refusal.)
 */
export function FormDialog(props: {
  title: string;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit: (e: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
  /** Whether there is input to lose. Left out: true once any field of the form changed. */
  dirty?: boolean;
  /** The dismiss button's words (default Cancel). */
  cancelLabel?: string;
}) {
  const t = useT();
  const titleId = useId();
  const [changed, setChanged] = useState(false);
  const [asking, setAsking] = useState(false);
  const dirty = props.dirty ?? changed;

  const dismiss = (_event: unknown, reason?: 'backdropClick' | 'escapeKeyDown') => {
    if (props.busy) return;
    if (reason && dirty) setAsking(true);
    else props.onClose();
  };

  return (
    <Dialog open onClose={dismiss} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form onSubmit={props.onSubmit} onChange={() => setChanged(true)} noValidate>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.error && <Alert severity="error">{props.error}</Alert>}
            {props.children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} disabled={props.busy}>
            {props.cancelLabel ?? t('Cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={props.busy}>
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
      {asking && (
        <ConfirmDialog
          title={t('Discard changes?')}
          confirmLabel={t('Discard')}
          dismissLabel={t('Keep editing')}
          destructive
          onConfirm={async () => props.onClose()}
          onClose={() => setAsking(false)}
        >
          {t('What you typed in "{{title}}" has not been saved and will be lost.', { title: props.title })}
        </ConfirmDialog>
      )}
    </Dialog>
  );
}
