import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { MIN_PASSPHRASE_LENGTH, type ApprovalRole, type BaseRole } from '../../../shared/domain';
import { call } from '../api';
import { FormDialog } from '../components/FormDialog';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { RoleFields } from './roles';

/** Add Member: a new keyslot for someone who unlocks the same vault with their own username and passphrase. */
export function AddMemberDialog({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const [role, setRole] = useState<BaseRole>('MEMBER');
  const [approvalRoles, setApprovalRoles] = useState<ApprovalRole[]>([]);
  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    await call('members.add', { username, passphrase, confirmPassphrase, role, approvalRoles });
    onAdded();
  });
  const field = (name: string, helper?: string) => ({ required: true, error: !!errors.fieldError(name), helperText: errors.fieldError(name) ?? helper });
  return (
    <FormDialog title="Add Member" submitLabel={busy ? 'Adding…' : 'Add'} busy={busy} error={errors.general} onSubmit={onSubmit} onClose={onClose}>
      <TextField
        label="Username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        autoFocus
        autoComplete="off"
        {...field('username', 'What the member types at Unlock. Stored hashed in the vault header, never in plain text.')}
      />
      <SecretField
        label="Passphrase"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        {...field('passphrase', `At least ${MIN_PASSPHRASE_LENGTH} characters. Hand it over in person; the member can change it in Settings.`)}
      />
      <SecretField label="Confirm passphrase" value={confirmPassphrase} onChange={(e) => setConfirm(e.target.value)} {...field('confirmPassphrase')} />
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
