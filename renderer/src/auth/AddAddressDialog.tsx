import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import type { AuthEntryView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { useFormSubmit } from '../components/useFormErrors';
import { AUTH_KIND_TEXT } from './kinds';

/** Add IPv4 Address / Add MAC Address: the same two fields, checked by main with the shared parsers. */
export function AddAddressDialog({ keyStoreId, kind, onClose }: { keyStoreId: string; kind: 'ipv4' | 'mac'; onClose: (created?: AuthEntryView) => void }) {
  const text = AUTH_KIND_TEXT[kind];
  const [address, setAddress] = useState('');
  const [description, setDescription] = useState('');
  const change = useChange();

  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    const input = { keyStoreId, address, description };
    onClose(kind === 'ipv4' ? await change('auth.addIpv4', input) : await change('auth.addMac', input));
  });

  return (
    <FormDialog title={text.add} submitLabel="Add" busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <TextField
        label={text.field}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        required
        autoFocus
        slotProps={{ htmlInput: { spellCheck: false } }}
        error={!!errors.fieldError('address')}
        helperText={errors.fieldError('address') ?? text.example}
      />
      <TextField
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={!!errors.fieldError('description')}
        helperText={errors.fieldError('description')}
      />
    </FormDialog>
  );
}
