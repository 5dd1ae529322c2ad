import PersonAddOutlined from '@mui/icons-material/PersonAddOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
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
import { useGovernance } from '../store/governance';
import { useSession } from '../store/session';
import { AddMemberDialog } from './AddMemberDialog';
import { MemberRolesDialog } from './MemberRolesDialog';
import { APPROVAL_ROLE_LABEL } from './roles';
import { useLoaded } from '../components/useLoaded';

type Pending = { kind: 'add' } | { kind: 'roles'; member: MemberView } | { kind: 'remove'; member: MemberView } | null;

/** Settings → Member Management (ADMIN only): who can unlock this vault, and with which roles. */
/** Stable across renders, so the list loads once when the screen opens. */
const listFetch = () => call('members.list');

export function MemberManagement() {
  const me = useSession((s) => s.info);
  const refreshInfo = useSession((s) => s.refreshInfo);
  const refreshGovernance = useGovernance((s) => s.refresh);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  const { value: members, error, reload: load } = useLoaded(listFetch);

  // Roles decide what the Governance Setting allows and, for one's own entry, what this console shows.
  const changed = (message: string) => {
    setPending(null);
    setNotice(message);
    load();
    void refreshGovernance().catch(() => undefined);
    void refreshInfo().catch(() => undefined);
  };

  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-labelledby="member-management-title">
      <Stack direction="row" alignItems="center" justifyContent="space-between" sx={{ mb: 1 }}>
        <Typography variant="h6" component="h2" id="member-management-title">
          Member Management
        </Typography>
        <Button variant="contained" startIcon={<PersonAddOutlined />} onClick={() => setPending({ kind: 'add' })}>
          Add Member
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Members unlock the same vault, each with their own username and passphrase. Nobody shares a passphrase, and removing a member re-keys the vault.
      </Typography>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {error}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {!members && !error && <LinearProgress aria-label="Loading members" />}
      {members && members.length === 1 && (
        <Alert severity="info" sx={{ mb: 2 }}>
          You are the only member. Add Member lets another person unlock this same vault with their own username and passphrase, with the role you choose. Two
          members holding approval roles are what the Approval Feature needs.
        </Alert>
      )}
      {members && (
        <TableContainer>
          <Table size="small" aria-label="Members">
            <TableHead>
              <TableRow>
                <TableCell>Username</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Approval roles</TableCell>
                <TableCell>Created</TableCell>
                <TableCell>Last unlock</TableCell>
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
                          (you)
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
                    <TableCell>{formatDate(m.createdAt)}</TableCell>
                    <TableCell>{m.lastUnlockAt ? formatDate(m.lastUnlockAt) : 'Never'}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                      <Button size="small" aria-label={`Change roles of ${m.username}`} onClick={() => setPending({ kind: 'roles', member: m })}>
                        Change roles
                      </Button>
                      {isMe ? (
                        <Tooltip title="You cannot remove yourself. Another ADMIN can remove your account." describeChild>
                          <Box component="span" tabIndex={0} sx={{ display: 'inline-flex' }}>
                            <Button size="small" color="error" disabled aria-label={`Remove ${m.username} (you cannot remove yourself)`}>
                              Remove
                            </Button>
                          </Box>
                        </Tooltip>
                      ) : (
                        <Button size="small" color="error" aria-label={`Remove ${m.username}`} onClick={() => setPending({ kind: 'remove', member: m })}>
                          Remove
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
      {pending?.kind === 'add' && <AddMemberDialog onClose={() => setPending(null)} onAdded={() => changed('Member added. They can unlock this vault now.')} />}
      {pending?.kind === 'roles' && (
        <MemberRolesDialog member={pending.member} onClose={() => setPending(null)} onSaved={(v) => changed(`Roles of ${v.username} changed.`)} />
      )}
      {pending?.kind === 'remove' && (
        <ConfirmDialog
          title={`Remove ${pending.member.username}`}
          confirmLabel="Remove member"
          destructive
          typeToConfirm={pending.member.username}
          onClose={() => setPending(null)}
          onConfirm={async (typed) => {
            const { username } = pending.member;
            await call('members.remove', { memberId: pending.member.id, confirmUsername: typed });
            changed(`${username} was removed, and the vault was re-keyed.`);
          }}
        >
          {pending.member.username} can no longer unlock this vault. Removing a member re-keys the vault: a fresh data key is sealed to every remaining member,
          so {pending.member.username}'s passphrase opens neither the current vault file nor any file written after this. Remaining members keep their
          passphrases.
        </ConfirmDialog>
      )}
    </Paper>
  );
}
