import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { AuthEntryView } from '../../../shared/domain';
import { call } from '../api';
import { SecretField } from '../components/SecretField';
import { useFormErrors } from '../components/useFormErrors';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Add Certificates: issues a client certificate from the key store's CA, kept as a password-protected .p12. */
export function AddCertificateDialog({ keyStoreId, onClose }: { keyStoreId: string; onClose: (created?: AuthEntryView) => void }) {
  const errors = useFormErrors();
  const today = new Date();
  const nextYear = new Date(today);
  nextYear.setUTCFullYear(today.getUTCFullYear() + 1);
  const [form, setForm] = useState({ name: '', password: '', confirmPassword: '', description: '', validFrom: isoDay(today), validTo: isoDay(nextYear) });
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
    error: !!errors.fieldError(name),
    disabled: busy,
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      onClose(await call('auth.addCertificate', { keyStoreId, ...form }));
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={() => !busy && onClose()} fullWidth maxWidth="sm" aria-labelledby="add-cert-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="add-cert-title">Add Certificates</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {errors.general && <Alert severity="error">{errors.general}</Alert>}
            <TextField label="Name" required autoFocus {...field('name')} helperText={errors.fieldError('name') ?? 'Becomes the certificate subject (CN).'} />
            <SecretField label="Password" required {...field('password')} helperText={errors.fieldError('password') ?? 'Protects the downloaded .p12 file. At least 8 characters; it is not stored.'} />
            <SecretField label="Confirm password" required {...field('confirmPassword')} helperText={errors.fieldError('confirmPassword')} />
            <TextField label="Description" {...field('description')} helperText={errors.fieldError('description')} />
            <Stack direction="row" spacing={2}>
              <TextField label="Valid from" type="date" required fullWidth {...field('validFrom')} slotProps={{ inputLabel: { shrink: true } }} helperText={errors.fieldError('validFrom')} />
              <TextField label="Valid to" type="date" required fullWidth {...field('validTo')} slotProps={{ inputLabel: { shrink: true } }} helperText={errors.fieldError('validTo') ?? 'At most 10 years after valid from.'} />
            </Stack>
            {busy && (
              <Stack spacing={1} role="status" aria-live="polite">
                <LinearProgress aria-label="Issuing certificate" />
                <Typography variant="body2" color="text.secondary">Issuing the certificate… (the key store's CA is created on first use)</Typography>
              </Stack>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose()} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>Add</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
