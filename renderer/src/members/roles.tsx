import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { ApprovalRole, BaseRole } from '../../../shared/domain';
import type { Roles } from '../../../shared/permissions';
import { t, useT } from '../i18n';

/**
 * What each role may do, in the words (main enforces it: shared/permissions.ts). English keys of the i18n layer:
 * translate where shown, `t(ROLE_TEXT[role])`, or use rolesText(). Role names themselves (ADMIN, APPROVAL ADMIN…) are
 * the product's identifiers and read the same in every language.
 */
export const ROLE_TEXT: Readonly<Record<BaseRole, string>> = {
  ADMIN: 'Manages members and the Governance Setting, and everything a MEMBER can do.',
  MEMBER: 'Manages key stores, keys and authentication information, and uses keys in the console.',
  VIEWER: 'Sees key stores, keys and authentication information (metadata only); no Reveal, Decrypt, Sign, data keys or Download, and no changes.',
};

export const APPROVAL_ROLE_LABEL: Readonly<Record<ApprovalRole, string>> = { APPROVAL_ADMIN: 'APPROVAL ADMIN', APPROVAL_MEMBER: 'APPROVAL MEMBER' };

export const APPROVAL_ROLE_TEXT: Readonly<Record<ApprovalRole, string>> = {
  APPROVAL_ADMIN: "Approver: approves or denies other members' requests.",
  APPROVAL_MEMBER: 'Requester: stages changes in Key Store Management and requests approval.',
};

export const rolesLabel = (m: Roles): string => [m.role, ...m.approvalRoles.map((r) => APPROVAL_ROLE_LABEL[r])].join(', ');
/** What a member's roles let them do, in the UI's language (one sentence per role). */
export const rolesText = (m: Roles): string => [t(ROLE_TEXT[m.role]), ...m.approvalRoles.map((r) => t(APPROVAL_ROLE_TEXT[r]))].join(' ');

/** Role select and approval role checkboxes, shared by Add Member and Change roles. */
export function RoleFields(props: {
  role: BaseRole;
  approvalRoles: ApprovalRole[];
  onRole: (role: BaseRole) => void;
  onApprovalRoles: (roles: ApprovalRole[]) => void;
  roleError?: string;
  approvalRolesError?: string;
}) {
  const t = useT();
  const toggle = (r: ApprovalRole, on: boolean) => props.onApprovalRoles(ApprovalRole.options.filter((x) => (x === r ? on : props.approvalRoles.includes(x))));
  return (
    <>
      <TextField
        select
        label={t('Role')}
        value={props.role}
        onChange={(e) => props.onRole(e.target.value as BaseRole)}
        error={!!props.roleError}
        helperText={props.roleError ?? t(ROLE_TEXT[props.role])}
      >
        {BaseRole.options.map((r) => (
          <MenuItem key={r} value={r}>
            {r}
          </MenuItem>
        ))}
      </TextField>
      <FormControl component="fieldset" error={!!props.approvalRolesError}>
        <FormLabel component="legend">{t('Approval roles (in addition to the role)')}</FormLabel>
        <FormGroup>
          {ApprovalRole.options.map((r) => (
            <FormControlLabel
              key={r}
              control={<Checkbox checked={props.approvalRoles.includes(r)} onChange={(e) => toggle(r, e.target.checked)} />}
              label={APPROVAL_ROLE_LABEL[r]}
            />
          ))}
        </FormGroup>
        <FormHelperText>
          {props.approvalRolesError ??
            [t(APPROVAL_ROLE_TEXT.APPROVAL_ADMIN), t(APPROVAL_ROLE_TEXT.APPROVAL_MEMBER), t('Both are used only with the Approval Feature on.')].join(' ')}
        </FormHelperText>
      </FormControl>
    </>
  );
}
