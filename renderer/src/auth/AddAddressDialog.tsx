import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent } from 'react';
import type { AuthEntryView } from '../../../shared/domain';
import { call } from '../api';
import { useFormErrors } from '../components/useFormErrors';
import { AUTH_KIND_TEXT } from './kinds';

/** Add IPv4 Address / Add MAC Address: the same two fields, checked by main with the shared parsers. */
export function AddAddressDialog({ keyStoreId, kind, onClose }: { keyStoreId: string; kind: 'ipv4' | 'mac'; onClose: (created?: AuthEntryView) => void }) {
  const text = AUTH_KIND_TEXT[kind];
  const errors = useFormErrors();
  const [address, setAddress] = useState('');
  const [description, setDescription] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    try {
      const input = { keyStoreId, address, description };
      onClose(kind === 'ipv4' ? await call('auth.addIpv4', input) : await call('auth.addMac', input));
    } catch (err) {
      errors.show(err);
    }
  }

  return (
    <Dialog open onClose={() => onClose()} fullWidth maxWidth="sm" aria-labelledby="add-address-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="add-address-title">{text.add}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {errors.general && <Alert severity="error">{errors.general}</Alert>}
            <TextField label={text.field} value={address} onChange={(e) => setAddress(e.target.value)} required autoFocus slotProps={{ htmlInput: { spellCheck: false } }} error={!!errors.fieldError('address')} helperText={errors.fieldError('address') ?? text.example} />
            <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={!!errors.fieldError('description')} helperText={errors.fieldError('description')} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose()}>Cancel</Button>
          <Button type="submit" variant="contained">Add</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
