import Alert from '@mui/material/Alert';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import type { KeyView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { useFormSubmit } from '../components/useFormErrors';
import { ROTATION_HELP } from './AddKeyDialog';
import { ALLOW_EXPORT_TEXT } from './labels';

/** Description, Rotation Cycle (generated keys only) and Allow export (symmetric and asymmetric keys) are the editable parts of a key. */
export function EditKeyDialog({ keyView, onClose }: { keyView: KeyView; onClose: (saved?: KeyView) => void }) {
  const [description, setDescription] = useState(keyView.description);
  const [cycle, setCycle] = useState(String(keyView.rotationCycleDays));
  const [allowExport, setAllowExport] = useState(keyView.allowExport);
  const rotatable = keyView.type !== 'confidential' && keyView.origin === 'generated';
  const exportable = keyView.type !== 'confidential';
  const change = useChange();

  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () =>
    onClose(
      await change('keys.update', {
        keyId: keyView.id,
        description,
        ...(rotatable ? { rotationCycleDays: cycle.trim() === '' ? 0 : Number(cycle) } : {}),
        // Sent only when changed, so an edit of the description does not also stage an unchanged Allow export.
        ...(exportable && allowExport !== keyView.allowExport ? { allowExport } : {}),
      }),
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
      {exportable && <FormControlLabel control={<Switch checked={allowExport} onChange={(e) => setAllowExport(e.target.checked)} />} label="Allow export" />}
      {exportable && (errors.fieldError('allowExport') || (allowExport && !keyView.allowExport)) && (
        <Alert severity={errors.fieldError('allowExport') ? 'error' : 'warning'}>{errors.fieldError('allowExport') ?? ALLOW_EXPORT_TEXT}</Alert>
      )}
    </FormDialog>
  );
}
