import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import { AsymmetricAlgorithm, AsymmetricAlgorithmLabels, KeyType, KeyTypeLabels, type KeyView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { ProgressNote } from '../components/ProgressNote';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { RotationCycleField, rotationChoice, rotationDays } from './RotationCycleField';

/** Add Key: one dialog for the three kinds; the fields follow the chosen Key type. */
/** One menu item per key type, in the product's words: the Add Key form and the key list's Type filter. */
export const keyTypeItems = (t: ReturnType<typeof useT>) =>
  KeyType.options.map((k) => (
    <MenuItem key={k} value={k}>
      {t(KeyTypeLabels[k])}
    </MenuItem>
  ));

export function AddKeyDialog({ keyStoreId, onClose }: { keyStoreId: string; onClose: (created?: KeyView) => void }) {
  const t = useT();
  const [type, setType] = useState<KeyType>('symmetric');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [data, setData] = useState('');
  const [cycle, setCycle] = useState(rotationChoice(0));
  const [algorithm, setAlgorithm] = useState<AsymmetricAlgorithm>('RSA-2048');
  const change = useChange();
  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    const base = { keyStoreId, name, description };
    const created =
      type === 'confidential'
        ? await change('keys.create', { type, ...base, data })
        : type === 'symmetric'
          ? await change('keys.create', { type, ...base, rotationCycleDays: rotationDays(cycle) })
          : await change('keys.create', { type, ...base, rotationCycleDays: rotationDays(cycle), algorithm });
    if (created) notify(t('Key "{{name}}" added.', { name: created.name }));
    onClose(created);
  });

  const slowAlgorithm = type === 'asymmetric' && algorithm.startsWith('RSA-') && algorithm !== 'RSA-2048';
  return (
    <FormDialog title={t('Add Key')} submitLabel={t('Add')} busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <TextField select label={t('Key type')} value={type} onChange={(e) => setType(e.target.value as KeyType)} disabled={busy}>
        {keyTypeItems(t)}
      </TextField>
      <TextField
        label={t('Name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        autoFocus
        disabled={busy}
        {...errors.fieldProps('name', t('Unique in this key store.'))}
      />
      <TextField
        label={t('Description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        disabled={busy}
        {...errors.fieldProps('description')}
      />
      {type === 'confidential' && (
        <SecretField
          label={t('Data')}
          value={data}
          onChange={(e) => setData(e.target.value)}
          required
          disabled={busy}
          {...errors.fieldProps('data', t('A string of up to 32 KB, kept encrypted and shown only on Reveal.'))}
        />
      )}
      {type === 'asymmetric' && (
        <TextField select label={t('Algorithm')} value={algorithm} onChange={(e) => setAlgorithm(e.target.value as AsymmetricAlgorithm)} disabled={busy}>
          {AsymmetricAlgorithm.options.map((a) => (
            <MenuItem key={a} value={a}>
              {AsymmetricAlgorithmLabels[a]}
            </MenuItem>
          ))}
        </TextField>
      )}
      {type !== 'confidential' && <RotationCycleField value={cycle} onChange={setCycle} error={errors.fieldError('rotationCycleDays')} disabled={busy} />}
      {busy && (
        <ProgressNote
          label={t('Generating key')}
          text={
            type === 'confidential' ? t('Saving…') : slowAlgorithm ? t('Generating key… RSA keys of this size can take several seconds.') : t('Generating key…')
          }
        />
      )}
    </FormDialog>
  );
}
