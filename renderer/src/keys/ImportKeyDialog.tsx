import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import type { KeyView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { useFormSubmit } from '../components/useFormErrors';

/** Import Key: an AES-256 Symmetric Key from 32 bytes written as 0xXX. Imported keys are never rotated. */
export function ImportKeyDialog({ keyStoreId, onClose }: { keyStoreId: string; onClose: (created?: KeyView) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [keyData, setKeyData] = useState('');
  const change = useChange();
  const { errors, busy, onSubmit: submit } = useFormSubmit(async () => onClose(await change('keys.import', { keyStoreId, name, description, keyData })));

  return (
    <FormDialog title="Import Key" submitLabel="Import" busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <Alert severity="info">Imports an AES-256 Symmetric Key. Imported keys cannot be rotated.</Alert>
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        autoFocus
        error={!!errors.fieldError('name')}
        helperText={errors.fieldError('name')}
      />
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
    </FormDialog>
  );
}
