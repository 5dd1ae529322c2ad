import { useState } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/domain';
import { call } from '../api';
import { FormDialog } from '../components/FormDialog';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';

/** Change passphrase for the signed-in account. The passphrases live only in this dialog's state. */
export function ChangePassphraseDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const [currentPassphrase, setCurrent] = useState('');
  const [newPassphrase, setNew] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    await call('vault.changePassphrase', { currentPassphrase, newPassphrase, confirmPassphrase });
    onChanged();
  });
  const field = (name: string, helper?: string) => ({ required: true, error: !!errors.fieldError(name), helperText: errors.fieldError(name) ?? helper });
  return (
    <FormDialog
      title={t('Change passphrase')}
      submitLabel={busy ? t('Changing…') : t('Change passphrase')}
      busy={busy}
      error={errors.general}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <SecretField
        label={t('Current passphrase')}
        value={currentPassphrase}
        onChange={(e) => setCurrent(e.target.value)}
        autoFocus
        {...field('currentPassphrase')}
      />
      <SecretField
        label={t('New passphrase')}
        value={newPassphrase}
        onChange={(e) => setNew(e.target.value)}
        {...field('newPassphrase', t('At least {{n}} characters.', { n: MIN_PASSPHRASE_LENGTH }))}
      />
      <SecretField label={t('Confirm new passphrase')} value={confirmPassphrase} onChange={(e) => setConfirm(e.target.value)} {...field('confirmPassphrase')} />
    </FormDialog>
  );
}
