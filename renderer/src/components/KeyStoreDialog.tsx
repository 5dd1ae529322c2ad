import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import { AuthMethod, AuthMethodLabels, type KeyStoreView } from '../../../shared/domain';
import { useKeyStores } from '../store/keystores';
import { useFormErrors } from './useFormErrors';

/** Add Key Store, or edit one when `existing` is given: the same fields and rules either way. */
export function KeyStoreDialog({ open, onClose, existing }: { open: boolean; onClose: (saved?: KeyStoreView) => void; existing?: KeyStoreView }) {
  const { create, update } = useKeyStores();
  const errors = useFormErrors();
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [methods, setMethods] = useState<AuthMethod[]>(existing?.authMethods ?? []);
  const [busy, setBusy] = useState(false);
  const title = existing ? 'Edit Key Store' : 'Add Key Store';

  const toggle = (m: AuthMethod) => setMethods((cur) => (cur.includes(m) ? cur.filter((x) => x !== m) : [...cur, m]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const input = { name, description, authMethods: methods };
      onClose(existing ? await update({ id: existing.id, ...input }) : await create(input));
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  }

  const methodError = errors.fieldError('authMethods');
  return (
    <Dialog open={open} onClose={() => onClose()} fullWidth maxWidth="sm" aria-labelledby="keystore-dialog-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="keystore-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {errors.general && <Alert severity="error">{errors.general}</Alert>}
            <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus error={!!errors.fieldError('name')} helperText={errors.fieldError('name') ?? 'Unique in this vault, up to 100 characters.'} />
            <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} multiline minRows={2} error={!!errors.fieldError('description')} helperText={errors.fieldError('description')} />
            <FormControl component="fieldset" error={!!methodError} required>
              <FormLabel component="legend">Client authentication methods</FormLabel>
              <FormGroup row>
                {AuthMethod.options.map((m) => (
                  <FormControlLabel key={m} control={<Checkbox checked={methods.includes(m)} onChange={() => toggle(m)} />} label={AuthMethodLabels[m]} />
                ))}
              </FormGroup>
              <FormHelperText>{methodError ?? 'Client programs must pass every method chosen here.'}</FormHelperText>
            </FormControl>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose()}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>{existing ? 'Save' : 'Add'}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
