import PersonAddOutlined from '@mui/icons-material/PersonAddOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import { ActionsHeadCell } from '../components/ActionsHeadCell';
import { useState } from 'react';
import type { MemberView } from '../../../shared/domain';
import { call } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { useGovernance } from '../store/governance';
import { notify } from '../store/notify';
import { useSession } from '../store/session';
import { AddMemberDialog } from './AddMemberDialog';
import { MemberRolesDialog } from './MemberRolesDialog';
import { APPROVAL_ROLE_LABEL } from './roles';
import { useLoaded } from '../components/useLoaded';
import { SettingsPanel } from '../components/SettingsPanel';

type Pending = { kind: 'add' } | { kind: 'roles'; member: MemberView } | { kind: 'remove'; member: MemberView } | null;

/** Stable across renders, so the list loads once when the screen opens. */
const listFetch = () => call('members.list');

/** Settings → Member Management (ADMIN only): who can unlock this vault, and with which roles. */
export function MemberManagement() {
  const t = useT();
  const me = useSession((s) => s.info);
  const refreshInfo = useSession((s) => s.refreshInfo);
  const refreshGovernance = useGovernance((s) => s.refresh);
  const [pending, setPending] = useState<Pending>(null);

  const { value: members, error, reload: load } = useLoaded(listFetch);

  // Roles decide what the Governance Setting allows and, for one's own entry, what this console shows.
  const changed = (message: string) => {
    setPending(null);
    notify(message);
    load();
    void refreshGovernance().catch(() => undefined);
    void refreshInfo().catch(() => undefined);
  };

  return (
    <SettingsPanel
      title={t('Member Management')}
      action={
        <Button variant="contained" startIcon={<PersonAddOutlined />} onClick={() => setPending({ kind: 'add' })}>
          {t('Add Member')}
        </Button>
      }
      intro={t(
        'Members unlock the same vault, each with their own username and passphrase. Nobody shares a passphrase, and removing a member re-keys the vault.',
      )}
    >
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {!members && !error && <LinearProgress aria-label={t('Loading members')} />}
      {members && members.length === 1 && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t(
            'You are the only member. Add Member lets another person unlock this same vault with their own username and passphrase, with the role you choose. Two members holding approval roles are what the Approval Feature needs.',
          )}
        </Alert>
      )}
      {members && (
        <TableContainer>
          <Table size="small" aria-label={t('Members')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('Username')}</TableCell>
                <TableCell>{t('Role')}</TableCell>
                <TableCell>{t('Approval roles')}</TableCell>
                <TableCell>{t('Created')}</TableCell>
                <TableCell>{t('Last unlock')}</TableCell>
                <ActionsHeadCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {members.map((m) => {
                const isMe = m.id === me?.memberId;
                return (
                  <TableRow key={m.id}>
                    <TableCell sx={{ fontWeight: 500 }}>
                      {m.username}
                      {isMe && (
                        <Typography component="span" variant="body2" color="text.secondary">
                          {' '}
                          {t('(you)')}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>{m.role}</TableCell>
                    <TableCell>
                      {m.approvalRoles.length === 0 ? (
                        '—'
                      ) : (
                        <Stack direction="row" spacing={0.5}>
                          {m.approvalRoles.map((r) => (
                            <Chip key={r} size="small" variant="outlined" label={APPROVAL_ROLE_LABEL[r]} />
                          ))}
                        </Stack>
                      )}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(m.createdAt)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.lastUnlockAt ? formatDate(m.lastUnlockAt) : t('Never')}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      <Button
                        size="small"
                        aria-label={t('Change roles of {{username}}', { username: m.username })}
                        onClick={() => setPending({ kind: 'roles', member: m })}
                      >
                        {t('Change roles')}
                      </Button>
                      {isMe ? (
                        <Tooltip title={t('You cannot remove yourself. Another ADMIN can remove your account.')} describeChild>
                          <Box component="span" tabIndex={0} sx={{ display: 'inline-flex' }}>
                            <Button
                              size="small"
                              color="error"
                              disabled
                              aria-label={t('Remove {{username}} (you cannot remove yourself)', { username: m.username })}
                            >
                              {t('Remove')}
                            </Button>
                          </Box>
                        </Tooltip>
                      ) : (
                        <Button
                          size="small"
                          color="error"
                          aria-label={t('Remove {{username}}', { username: m.username })}
                          onClick={() => setPending({ kind: 'remove', member: m })}
                        >
                          {t('Remove')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {pending?.kind === 'add' && (
        <AddMemberDialog
          onClose={() => setPending(null)}
          onAdded={(v) => changed(t('Member {{username}} added. They can unlock this vault now.', { username: v.username }))}
        />
      )}
      {pending?.kind === 'roles' && (
        <MemberRolesDialog
          member={pending.member}
          onClose={() => setPending(null)}
          onSaved={(v) => changed(t('Roles of {{username}} changed.', { username: v.username }))}
        />
      )}
      {pending?.kind === 'remove' && (
        <ConfirmDialog
          title={t('Remove {{username}}', { username: pending.member.username })}
          confirmLabel={t('Remove member')}
          destructive
          typeToConfirm={pending.member.username}
          onClose={() => setPending(null)}
          onConfirm={async (typed) => {
            const { username } = pending.member;
            await call('members.remove', { memberId: pending.member.id, confirmUsername: typed });
            changed(t('{{username}} was removed, and the vault was re-keyed.', { username }));
          }}
        >
          {t(
            "{{username}} can no longer unlock this vault. Removing a member re-keys the vault: a fresh data key is sealed to every remaining member, so {{username}}'s passphrase opens neither the current vault file nor any file written after this. Remaining members keep their passphrases.",
            { username: pending.member.username },
          )}
        </ConfirmDialog>
      )}
    </SettingsPanel>
  );
}
