import Alert from '@mui/material/Alert';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import type { KeyView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { ALLOW_EXPORT_TEXT } from './labels';
import { RotationCycleField, rotationChoice, rotationDays } from './RotationCycleField';

/** Description, Rotation Cycle (generated keys only) and Allow export (symmetric and asymmetric keys) are the editable parts of a key. */
export function EditKeyDialog({ keyView, onClose }: { keyView: KeyView; onClose: (saved?: KeyView) => void }) {
  const t = useT();
  const [description, setDescription] = useState(keyView.description);
  const [cycle, setCycle] = useState(rotationChoice(keyView.rotationCycleDays));
  const [allowExport, setAllowExport] = useState(keyView.allowExport);
  const rotatable = keyView.type !== 'confidential' && keyView.origin === 'generated';
  const exportable = keyView.type !== 'confidential';
  const change = useChange();

  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    const saved = await change('keys.update', {
      keyId: keyView.id,
      description,
      ...(rotatable ? { rotationCycleDays: rotationDays(cycle) } : {}),
      // Sent only when changed, so an edit of the description does not also stage an unchanged Allow export.
      ...(exportable && allowExport !== keyView.allowExport ? { allowExport } : {}),
    });
    if (saved) notify(t('Key "{{name}}" saved.', { name: saved.name }));
    onClose(saved);
  });

  return (
    <FormDialog title={t('Edit Key')} submitLabel={t('Save')} busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <TextField
        label={t('Description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        autoFocus
        {...errors.fieldProps('description')}
      />
      {rotatable && <RotationCycleField value={cycle} onChange={setCycle} error={errors.fieldError('rotationCycleDays')} disabled={busy} />}
      {exportable && (
        <FormControlLabel control={<Switch checked={allowExport} onChange={(e) => setAllowExport(e.target.checked)} />} label={t('Allow export')} />
      )}
      {exportable && (errors.fieldError('allowExport') || (allowExport && !keyView.allowExport)) && (
        <Alert severity={errors.fieldError('allowExport') ? 'error' : 'warning'}>{errors.fieldError('allowExport') ?? t(ALLOW_EXPORT_TEXT)}</Alert>
      )}
    </FormDialog>
  );
}
