import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import type { KeyView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { useFormSubmit } from '../components/useFormErrors';
import { ROTATION_HELP } from './AddKeyDialog';

/** Description and Rotation Cycle are the editable parts of a key (the cycle only for generated keys). */
export function EditKeyDialog({ keyView, onClose }: { keyView: KeyView; onClose: (saved?: KeyView) => void }) {
  const [description, setDescription] = useState(keyView.description);
  const [cycle, setCycle] = useState(String(keyView.rotationCycleDays));
  const rotatable = keyView.type !== 'confidential' && keyView.origin === 'generated';
  const change = useChange();

  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () =>
    onClose(
      await change('keys.update', { keyId: keyView.id, description, ...(rotatable ? { rotationCycleDays: cycle.trim() === '' ? 0 : Number(cycle) } : {}) }),
    ),
  );

  return (
    <FormDialog title="Edit Key" submitLabel="Save" busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <TextField
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        autoFocus
        error={!!errors.fieldError('description')}
        helperText={errors.fieldError('description')}
      />
      {rotatable && (
        <TextField
          label="Rotation Cycle"
          type="number"
          value={cycle}
          onChange={(e) => setCycle(e.target.value)}
          slotProps={{ htmlInput: { min: 0, max: 3650, step: 1 } }}
          error={!!errors.fieldError('rotationCycleDays')}
          helperText={errors.fieldError('rotationCycleDays') ?? ROTATION_HELP}
        />
      )}
    </FormDialog>
  );
}
