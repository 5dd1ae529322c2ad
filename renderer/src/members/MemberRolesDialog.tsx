import { useState } from 'react';
import type { ApprovalRole, BaseRole, MemberView } from '../../../shared/domain';
import { call } from '../api';
import { FormDialog } from '../components/FormDialog';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';
import { RoleFields } from './roles';

/** Change roles of one member. The last ADMIN cannot lose the ADMIN role (main refuses with LAST_ADMIN). */
export function MemberRolesDialog({ member, onClose, onSaved }: { member: MemberView; onClose: () => void; onSaved: (view: MemberView) => void }) {
  const t = useT();
  const [role, setRole] = useState<BaseRole>(member.role);
  const [approvalRoles, setApprovalRoles] = useState<ApprovalRole[]>(member.approvalRoles);
  const { errors, busy, onSubmit } = useFormSubmit(async () => onSaved(await call('members.updateRoles', { memberId: member.id, role, approvalRoles })));
  return (
    <FormDialog
      title={t('Change roles of {{username}}', { username: member.username })}
      submitLabel={busy ? t('Saving…') : t('Save')}
      busy={busy}
      error={errors.general ?? errors.fieldError('memberId') ?? null}
      onSubmit={onSubmit}
      onClose={onClose}
    >
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
