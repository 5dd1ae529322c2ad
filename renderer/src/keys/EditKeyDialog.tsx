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
import { ROTATION_HELP } from './AddKeyDialog';

/** Description and Rotation Cycle are the editable parts of a key (the cycle only for generated keys). */
export function EditKeyDialog({ keyView, onClose }: { keyView: KeyView; onClose: (saved?: KeyView) => void }) {
  const errors = useFormErrors();
  const [description, setDescription] = useState(keyView.description);
  const [cycle, setCycle] = useState(String(keyView.rotationCycleDays));
  const rotatable = keyView.type !== 'confidential' && keyView.origin === 'generated';

  async function submit(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    try {
      onClose(await call('keys.update', { keyId: keyView.id, description, ...(rotatable ? { rotationCycleDays: cycle.trim() === '' ? 0 : Number(cycle) } : {}) }));
    } catch (err) {
      errors.show(err);
    }
  }

  return (
    <Dialog open onClose={() => onClose()} fullWidth maxWidth="sm" aria-labelledby="edit-key-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="edit-key-title">Edit Key</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {errors.general && <Alert severity="error">{errors.general}</Alert>}
            <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} autoFocus error={!!errors.fieldError('description')} helperText={errors.fieldError('description')} />
            {rotatable && (
              <TextField label="Rotation Cycle" type="number" value={cycle} onChange={(e) => setCycle(e.target.value)} slotProps={{ htmlInput: { min: 0, max: 3650, step: 1 } }} error={!!errors.fieldError('rotationCycleDays')} helperText={errors.fieldError('rotationCycleDays') ?? ROTATION_HELP} />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose()}>Cancel</Button>
          <Button type="submit" variant="contained">Save</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
