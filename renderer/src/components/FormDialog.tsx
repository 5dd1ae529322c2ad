import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { focusFirstInvalid } from './useFormErrors';

/**
 * The frame every form dialog shares: title (its accessible name), fields, the error that belongs to no field,
 * Cancel and the submit button. While busy, the dialog cannot be dismissed and both buttons are disabled.
 *
 * Typed input is not thrown away by a stray click outside or Escape: once a field changed (or `dirty` says so),
 * those ask "Discard changes?" first; Cancel still closes at once. After a refused submit the first invalid field
 * takes the focus.
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
  const form = useRef<HTMLFormElement>(null);
  const [changed, setChanged] = useState(false);
  const [asking, setAsking] = useState(false);
  const dirty = props.dirty ?? changed;

  // A submit that ended with the dialog still open was refused: bring the keyboard to the first field to fix.
  const wasBusy = useRef(props.busy);
  useEffect(() => {
    if (wasBusy.current && !props.busy) focusFirstInvalid(form.current);
    wasBusy.current = props.busy;
  }, [props.busy]);

  const dismiss = (_event: unknown, reason?: 'backdropClick' | 'escapeKeyDown') => {
    if (props.busy) return;
    if (reason && dirty) setAsking(true);
    else props.onClose();
  };

  return (
    <Dialog open onClose={dismiss} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form ref={form} onSubmit={props.onSubmit} onChange={() => setChanged(true)} noValidate>
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
