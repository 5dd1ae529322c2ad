import { useState } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/domain';
import { call } from '../api';
import { FormDialog } from '../components/FormDialog';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';

/** Change passphrase for the signed-in account. The passphrases live only in this dialog's state. */
export function ChangePassphraseDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
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
      title="Change passphrase"
      submitLabel={busy ? 'Changing…' : 'Change passphrase'}
      busy={busy}
      error={errors.general}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <SecretField
        label="Current passphrase"
        value={currentPassphrase}
        onChange={(e) => setCurrent(e.target.value)}
        autoFocus
        {...field('currentPassphrase')}
      />
      <SecretField
        label="New passphrase"
        value={newPassphrase}
        onChange={(e) => setNew(e.target.value)}
        {...field('newPassphrase', `At least ${MIN_PASSPHRASE_LENGTH} characters.`)}
      />
      <SecretField label="Confirm new passphrase" value={confirmPassphrase} onChange={(e) => setConfirm(e.target.value)} {...field('confirmPassphrase')} />
    </FormDialog>
  );
}
