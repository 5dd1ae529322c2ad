import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { KeyView } from '../../../shared/domain';
import { call } from '../api';
import { useFormErrors } from '../components/useFormErrors';

/** Import Key: an AES-256 Symmetric Key from 32 bytes written as 0xXX. Imported keys are never rotated. */
export function ImportKeyDialog({ keyStoreId, onClose }: { keyStoreId: string; onClose: (created?: KeyView) => void }) {
  const errors = useFormErrors();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [keyData, setKeyData] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      onClose(await call('keys.import', { keyStoreId, name, description, keyData }));
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={() => onClose()} fullWidth maxWidth="sm" aria-labelledby="import-key-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="import-key-title">Import Key</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity="info">Imports an AES-256 Symmetric Key. Imported keys cannot be rotated.</Alert>
            {errors.general && <Alert severity="error">{errors.general}</Alert>}
            <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus error={!!errors.fieldError('name')} helperText={errors.fieldError('name')} />
            <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
            <TextField
              label="Key Data"
              value={keyData}
              onChange={(e) => setKeyData(e.target.value)}
              required
              multiline
              minRows={4}
              autoComplete="off"
              slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
              placeholder="0x0a, 0x1b, 0xff, ..."
              error={!!errors.fieldError('keyData')}
              helperText={errors.fieldError('keyData') ?? '32 bytes written as 0xXX, separated by commas and/or spaces.'}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose()}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>Import</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
