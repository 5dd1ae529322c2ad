import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import { AsymmetricAlgorithm, AsymmetricAlgorithmLabels, KeyType, KeyTypeLabels, type KeyView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { ProgressNote } from '../components/ProgressNote';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';

export const ROTATION_HELP = 'Days between automatic rotations: 0 for none, or 30 to 3,650.';

/** Add Key: one dialog for the three kinds; the fields follow the chosen Key type. */
export function AddKeyDialog({ keyStoreId, onClose }: { keyStoreId: string; onClose: (created?: KeyView) => void }) {
  const [type, setType] = useState<KeyType>('symmetric');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [data, setData] = useState('');
  const [cycle, setCycle] = useState('0');
  const [algorithm, setAlgorithm] = useState<AsymmetricAlgorithm>('RSA-2048');
  const change = useChange();
  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    const base = { keyStoreId, name, description };
    const rotationCycleDays = cycle.trim() === '' ? 0 : Number(cycle);
    const created =
      type === 'confidential'
        ? await change('keys.create', { type, ...base, data })
        : type === 'symmetric'
          ? await change('keys.create', { type, ...base, rotationCycleDays })
          : await change('keys.create', { type, ...base, rotationCycleDays, algorithm });
    onClose(created);
  });

  const slowAlgorithm = type === 'asymmetric' && algorithm.startsWith('RSA-') && algorithm !== 'RSA-2048';
  return (
    <FormDialog title="Add Key" submitLabel="Add" busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <TextField select label="Key type" value={type} onChange={(e) => setType(e.target.value as KeyType)} disabled={busy}>
        {KeyType.options.map((t) => (
          <MenuItem key={t} value={t}>
            {KeyTypeLabels[t]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        autoFocus
        disabled={busy}
        error={!!errors.fieldError('name')}
        helperText={errors.fieldError('name') ?? 'Unique in this key store.'}
      />
      <TextField
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        disabled={busy}
        error={!!errors.fieldError('description')}
        helperText={errors.fieldError('description')}
      />
      {type === 'confidential' && (
        <SecretField
          label="Data"
          value={data}
          onChange={(e) => setData(e.target.value)}
          required
          disabled={busy}
          error={!!errors.fieldError('data')}
          helperText={errors.fieldError('data') ?? 'A string of up to 32 KB, kept encrypted and shown only on Reveal.'}
        />
      )}
      {type === 'asymmetric' && (
        <TextField select label="Algorithm" value={algorithm} onChange={(e) => setAlgorithm(e.target.value as AsymmetricAlgorithm)} disabled={busy}>
          {AsymmetricAlgorithm.options.map((a) => (
            <MenuItem key={a} value={a}>
              {AsymmetricAlgorithmLabels[a]}
            </MenuItem>
          ))}
        </TextField>
      )}
      {type !== 'confidential' && (
        <TextField
          label="Rotation Cycle"
          type="number"
          value={cycle}
          onChange={(e) => setCycle(e.target.value)}
          disabled={busy}
          slotProps={{ htmlInput: { min: 0, max: 3650, step: 1 } }}
          error={!!errors.fieldError('rotationCycleDays')}
          helperText={errors.fieldError('rotationCycleDays') ?? ROTATION_HELP}
        />
      )}
      {busy && (
        <ProgressNote
          label="Generating key"
          text={type === 'confidential' ? 'Saving…' : slowAlgorithm ? 'Generating key… RSA keys of this size can take several seconds.' : 'Generating key…'}
        />
      )}
    </FormDialog>
  );
}
