import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import type { KeyView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { emptyWrapped, ImportFormChoice, toWrapped, WrappedKeyFields, type ImportForm, type WrappedValue } from '../transfer/WrappedKeyFields';
import { CodeField } from '../components/CodeField';

/**
 * Import Key: an AES-256 Symmetric Key from 32 bytes written as 0xXX, or any key as Wrapped key material (a file wrapped
 * for the vault's wrapping key, never typed or shown). Imported keys are never rotated.
 */
export function ImportKeyDialog({ keyStoreId, onClose }: { keyStoreId: string; onClose: (created?: KeyView) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [keyData, setKeyData] = useState('');
  const [form, setForm] = useState<ImportForm>('keyData');
  const [wrapped, setWrapped] = useState<WrappedValue>(emptyWrapped);
  const change = useChange();
  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    const created = await change(
      'keys.import',
      form === 'wrapped' ? { keyStoreId, name, description, wrapped: toWrapped(wrapped) } : { keyStoreId, name, description, keyData },
    );
    if (created) notify(t('Key "{{name}}" imported.', { name: created.name }));
    onClose(created);
  });

  return (
    <FormDialog title={t('Import Key')} submitLabel={t('Import')} busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <Alert severity="info">
        {form === 'wrapped'
          ? t('Imports a Symmetric Key (AES-256) or an Asymmetric Key wrapped for this vault. Imported keys cannot be rotated.')
          : t('Imports an AES-256 Symmetric Key. Imported keys cannot be rotated.')}
      </Alert>
      <TextField label={t('Name')} value={name} onChange={(e) => setName(e.target.value)} required autoFocus {...errors.fieldProps('name')} />
      <TextField label={t('Description')} value={description} onChange={(e) => setDescription(e.target.value)} {...errors.fieldProps('description')} />
      <ImportFormChoice value={form} onChange={setForm} disabled={busy} />
      {form === 'wrapped' ? (
        <WrappedKeyFields value={wrapped} onChange={setWrapped} fieldError={errors.fieldError} disabled={busy} />
      ) : (
        <CodeField
          label={t('Key Data')}
          value={keyData}
          onChange={(e) => setKeyData(e.target.value)}
          required
          minRows={4}
          placeholder="0x0a, 0x1b, 0xff, ..."
          {...errors.fieldProps('keyData', t('32 bytes written as 0xXX, separated by commas and/or spaces.'))}
        />
      )}
    </FormDialog>
  );
}
