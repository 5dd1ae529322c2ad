import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { MIN_PASSPHRASE_LENGTH, type ApprovalRole, type BaseRole, type MemberView } from '../../../shared/domain';
import { call } from '../api';
import { FormDialog } from '../components/FormDialog';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';
import { RoleFields } from './roles';

/** Add Member: a new keyslot for someone who unlocks the same vault with their own username and passphrase. */
export function AddMemberDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (member: MemberView) => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const [role, setRole] = useState<BaseRole>('MEMBER');
  const [approvalRoles, setApprovalRoles] = useState<ApprovalRole[]>([]);
  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    onAdded(await call('members.add', { username, passphrase, confirmPassphrase, role, approvalRoles }));
  });
  const field = (name: string, helper?: string) => ({ required: true, error: !!errors.fieldError(name), helperText: errors.fieldError(name) ?? helper });
  return (
    <FormDialog title={t('Add Member')} submitLabel={busy ? t('Adding…') : t('Add')} busy={busy} error={errors.general} onSubmit={onSubmit} onClose={onClose}>
      <TextField
        label={t('Username')}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        autoFocus
        autoComplete="off"
        {...field('username', t('What the member types at Unlock. Stored hashed in the vault header, never in plain text.'))}
      />
      <SecretField
        label={t('Passphrase')}
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        {...field('passphrase', t('At least {{n}} characters. Hand it over in person; the member can change it in Settings.', { n: MIN_PASSPHRASE_LENGTH }))}
      />
      <SecretField label={t('Confirm passphrase')} value={confirmPassphrase} onChange={(e) => setConfirm(e.target.value)} {...field('confirmPassphrase')} />
      <RoleFields
        role={role}
        approvalRoles={approvalRoles}
        onRole={setRole}
        onApprovalRoles={setApprovalRoles}
        roleError={errors.fieldError('role')}
        approvalRolesError={errors.fieldError('approvalRoles')}
      />
    </FormDialog>
  );
}
