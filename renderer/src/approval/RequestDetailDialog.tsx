import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import UndoIcon from '@mui/icons-material/Undo';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import type { ApprovalRequestView } from '../../../shared/approval';
import { call } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DetailList } from '../components/DetailList';
import { FormDialog } from '../components/FormDialog';
import { ProgressNote } from '../components/ProgressNote';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { formatDate } from '../format';
import { useGovernance } from '../store/governance';
import { useSession } from '../store/session';
import { ChangeCells } from './FieldChanges';
import { RequestStatusChip } from './labels';

type Pending = 'approve' | 'co-sign' | 'deny' | 'withdraw' | null;

/** One request: its changes (before -> after, no secret values), its history, and the buttons the member may use. */
export function RequestDetailDialog({ request: r, onChanged, onClose }: { request: ApprovalRequestView; onChanged: () => void; onClose: () => void }) {
  const titleId = useId();
  const [pending, setPending] = useState<Pending>(null);
  const isPending = r.status === 'Pending';
  const done = () => {
    setPending(null);
    onChanged();
    // A Governance Setting request changes what the whole console shows.
    void useGovernance
      .getState()
      .refresh()
      .catch(() => undefined);
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Approval request: {r.keyStoreName}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {r.status === 'Failed' && r.failure && <Alert severity="error">Failed, nothing was applied: {r.failure}</Alert>}
          {r.status === 'Denied' && (
            <Alert severity="warning">
              Denied by {r.decidedBy?.username ?? 'an approver'}: {r.denyReason}
            </Alert>
          )}
          {isPending && r.mine && (
            <Alert severity="info">This is your request: another APPROVAL ADMIN must approve it. You can Withdraw it while it is Pending.</Alert>
          )}
          <DetailList
            items={[
              ['Status', <RequestStatusChip key="s" status={r.status} />],
              ['Requester', r.requester.username],
              ['Key store', r.keyStoreName],
              ['Requested', formatDate(r.createdAt)],
              ['Expires', isPending ? formatDate(r.expiresAt) : '—'],
              [
                'Approvals',
                `${r.approvals.length} of ${r.requiredApprovals}${r.approvals.length ? ` (${r.approvals.map((a) => a.member.username + (a.coSigned ? ', co-signed' : '')).join('; ')})` : ''}`,
              ],
              ['Decided by', r.decidedBy?.username ?? '—'],
              ['Decided at', formatDate(r.decidedAt)],
              ['Comment', r.comment || '—'],
            ]}
          />
          <Box>
            <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
              Changes
            </Typography>
            <Table size="small" aria-label="Changes">
              <TableHead>
                <TableRow>
                  <TableCell>Status</TableCell>
                  <TableCell>Item</TableCell>
                  <TableCell>Before → after</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.changes.map((c) => (
                  <TableRow key={c.id}>
                    <ChangeCells change={c} />
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
          <Box>
            <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
              History
            </Typography>
            <Table size="small" aria-label="History">
              <TableHead>
                <TableRow>
                  <TableCell>When</TableCell>
                  <TableCell>Who</TableCell>
                  <TableCell>What</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.history.map((h, i) => (
                  <TableRow key={i}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(h.at)}</TableCell>
                    <TableCell>{h.member?.username ?? 'Secure Key Manager'}</TableCell>
                    <TableCell>{h.event}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        {isPending && r.mine && (
          <Button startIcon={<UndoIcon />} onClick={() => setPending('withdraw')}>
            Withdraw
          </Button>
        )}
        {isPending && !r.canApprove && (
          <Button onClick={() => setPending('co-sign')} title="An APPROVAL ADMIN at this desk approves with their own username and passphrase">
            Co-sign
          </Button>
        )}
        {isPending && r.canApprove && (
          <Button color="error" variant="outlined" startIcon={<CloseIcon />} onClick={() => setPending('deny')}>
            Deny
          </Button>
        )}
        {isPending && r.canApprove && (
          <Button variant="contained" color="success" startIcon={<CheckIcon />} onClick={() => setPending('approve')}>
            Approve
          </Button>
        )}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
      {(pending === 'approve' || pending === 'co-sign') && (
        <ApproveDialog request={r} coSignOnly={pending === 'co-sign'} onDone={done} onClose={() => setPending(null)} />
      )}
      {pending === 'deny' && <DenyDialog request={r} onDone={done} onClose={() => setPending(null)} />}
      {pending === 'withdraw' && (
        <ConfirmDialog
          title="Withdraw"
          confirmLabel="Withdraw"
          destructive
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await call('approvals.withdraw', { requestId: r.id });
            done();
          }}
        >
          The request is withdrawn and can no longer be approved. Its changes go back to your Key Store Management, to fix and request again.
        </ConfirmDialog>
      )}
    </Dialog>
  );
}

/**
 * Approve as the signed-in member, or name a co-signing officer (an APPROVAL ADMIN at the same desk) who types their own
 * username and passphrase; main checks them against that member's keyslot and records that member as the approver.
 */
function ApproveDialog(props: { request: ApprovalRequestView; coSignOnly: boolean; onDone: () => void; onClose: () => void }) {
  const me = useSession((s) => s.info?.username ?? '');
  const [coSign, setCoSign] = useState(props.coSignOnly);
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const requestId = props.request.id;
  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    if (coSign) await call('approvals.coSign', { requestId, coSigner: { username, passphrase } });
    else await call('approvals.approve', { requestId });
    setPassphrase('');
    props.onDone();
  });
  const count = props.request.changes.length;
  const last = props.request.approvals.length + 1 >= props.request.requiredApprovals;
  return (
    <FormDialog
      title={props.coSignOnly ? 'Approve with a co-signing officer' : 'Approve'}
      submitLabel="Approve"
      busy={busy}
      error={errors.general}
      onSubmit={onSubmit}
      onClose={props.onClose}
    >
      <Typography>
        {last
          ? `Approving applies the ${count === 1 ? 'change' : `${count} changes`} to ${props.request.keyStoreName} now, all at once or none. Generated keys and certificates are created now.`
          : `This approval is ${props.request.approvals.length + 1} of the ${props.request.requiredApprovals} required; the changes apply with the last one.`}
      </Typography>
      {props.coSignOnly ? (
        <Alert severity="info">
          An APPROVAL ADMIN at this desk approves with their own username and passphrase. {me} is signed in and is not recorded as the approver.
        </Alert>
      ) : (
        <FormControlLabel
          control={<Checkbox checked={coSign} onChange={(e) => setCoSign(e.target.checked)} disabled={busy} />}
          label={`A co-signing officer approves instead of me (${me})`}
        />
      )}
      {coSign && (
        <>
          <TextField
            label="Username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
            autoComplete="off"
            disabled={busy}
            error={!!errors.fieldError('coSigner.username')}
            helperText={errors.fieldError('coSigner.username') ?? "The co-signing officer's own username."}
          />
          <SecretField
            label="Passphrase"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            required
            disabled={busy}
            error={!!errors.fieldError('coSigner.passphrase')}
            helperText={errors.fieldError('coSigner.passphrase') ?? 'Checked against their keyslot; it is not stored.'}
          />
        </>
      )}
      {busy && (
        <ProgressNote
          label="Approving"
          text={
            coSign
              ? 'Checking the passphrase and applying the changes… This can take several seconds.'
              : 'Applying the changes… Generating keys and certificates can take several seconds.'
          }
        />
      )}
    </FormDialog>
  );
}

function DenyDialog(props: { request: ApprovalRequestView; onDone: () => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    await call('approvals.deny', { requestId: props.request.id, reason });
    props.onDone();
  });
  return (
    <FormDialog title="Deny" submitLabel="Deny" busy={busy} error={errors.general} onSubmit={onSubmit} onClose={props.onClose}>
      <Typography>
        The request of {props.request.requester.username} for {props.request.keyStoreName} ends as Denied and nothing is applied. The requester sees your
        reason.
      </Typography>
      <TextField
        label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        multiline
        minRows={2}
        autoFocus
        disabled={busy}
        error={!!errors.fieldError('reason')}
        helperText={errors.fieldError('reason')}
      />
    </FormDialog>
  );
}
