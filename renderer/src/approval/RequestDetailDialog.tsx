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
import { CopyButton } from '../components/CopyButton';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DetailList } from '../components/DetailList';
import { FormDialog } from '../components/FormDialog';
import { ProgressNote } from '../components/ProgressNote';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { useGovernance } from '../store/governance';
import { notify } from '../store/notify';
import { useSession } from '../store/session';
import { ChangeCells } from './FieldChanges';
import { historyText, RequestStatusChip, requestStoreName } from './labels';

type Pending = 'approve' | 'co-sign' | 'deny' | 'withdraw' | null;

/** One request: its changes (before -> after, no secret values), its history, and the buttons the member may use. */
export function RequestDetailDialog({ request: r, onChanged, onClose }: { request: ApprovalRequestView; onChanged: () => void; onClose: () => void }) {
  const t = useT();
  const titleId = useId();
  const [pending, setPending] = useState<Pending>(null);
  const isPending = r.status === 'Pending';
  const storeName = requestStoreName(r);
  const done = (message: string) => {
    setPending(null);
    notify(message);
    onChanged();
    // A Governance Setting request changes what the whole console shows.
    void useGovernance
      .getState()
      .refresh()
      .catch(() => undefined);
  };
  const approvals = r.approvals.map((a) => (a.coSigned ? t('{{username}}, co-signed', { username: a.member.username }) : a.member.username)).join('; ');
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{t('Approval request: {{keyStore}}', { keyStore: storeName })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {r.status === 'Failed' && r.failure && <Alert severity="error">{t('Failed, nothing was applied: {{failure}}', { failure: r.failure })}</Alert>}
          {r.status === 'Denied' && (
            <Alert severity="warning">
              {r.decidedBy
                ? t('Denied by {{username}}: {{reason}}', { username: r.decidedBy.username, reason: r.denyReason ?? '' })
                : t('Denied by an approver: {{reason}}', { reason: r.denyReason ?? '' })}
            </Alert>
          )}
          {isPending && r.mine && (
            <Alert severity="info">{t('This is your request: another APPROVAL ADMIN must approve it. You can Withdraw it while it is Pending.')}</Alert>
          )}
          <DetailList
            items={[
              [t('Status'), <RequestStatusChip key="s" status={r.status} />],
              [t('Requester'), r.requester.username],
              [t('Key store'), storeName],
              [t('Requested'), formatDate(r.createdAt)],
              [t('Expires'), isPending ? formatDate(r.expiresAt) : '—'],
              [
                t('Approvals'),
                approvals
                  ? t('{{n}} of {{required}} ({{who}})', { n: r.approvals.length, required: r.requiredApprovals, who: approvals })
                  : t('{{n}} of {{required}}', { n: r.approvals.length, required: r.requiredApprovals }),
              ],
              [t('Decided by'), r.decidedBy?.username ?? '—'],
              [t('Decided at'), formatDate(r.decidedAt)],
              [t('Comment'), r.comment || '—'],
              [
                t('Request Id'),
                <Stack key="id" direction="row" alignItems="center" spacing={0.5}>
                  <Box component="code" sx={{ fontSize: '0.8125rem' }}>
                    {r.id}
                  </Box>
                  <CopyButton value={r.id} what={t('Request Id')} />
                </Stack>,
              ],
            ]}
          />
          <Box>
            <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
              {t('Changes')}
            </Typography>
            <Table size="small" aria-label={t('Changes')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('Status')}</TableCell>
                  <TableCell>{t('Item')}</TableCell>
                  <TableCell>{t('Before → after')}</TableCell>
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
              {t('History')}
            </Typography>
            <Table size="small" aria-label={t('History')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('When')}</TableCell>
                  <TableCell>{t('Who')}</TableCell>
                  <TableCell>{t('What')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.history.map((h, i) => (
                  <TableRow key={i}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(h.at)}</TableCell>
                    <TableCell>{h.member?.username ?? t('Secure Key Manager')}</TableCell>
                    <TableCell>{historyText(h.event)}</TableCell>
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
            {t('Withdraw')}
          </Button>
        )}
        {isPending && !r.canApprove && (
          <Button onClick={() => setPending('co-sign')} title={t('An APPROVAL ADMIN at this desk approves with their own username and passphrase')}>
            {t('Co-sign')}
          </Button>
        )}
        {isPending && r.canApprove && (
          <Button color="error" variant="outlined" startIcon={<CloseIcon />} onClick={() => setPending('deny')}>
            {t('Deny')}
          </Button>
        )}
        {isPending && r.canApprove && (
          <Button variant="contained" color="success" startIcon={<CheckIcon />} onClick={() => setPending('approve')}>
            {t('Approve')}
          </Button>
        )}
        <Button onClick={onClose}>{t('Close')}</Button>
      </DialogActions>
      {(pending === 'approve' || pending === 'co-sign') && (
        <ApproveDialog request={r} coSignOnly={pending === 'co-sign'} onDone={done} onClose={() => setPending(null)} />
      )}
      {pending === 'deny' && <DenyDialog request={r} onDone={done} onClose={() => setPending(null)} />}
      {pending === 'withdraw' && (
        <ConfirmDialog
          title={t('Withdraw the request')}
          confirmLabel={t('Withdraw')}
          destructive
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await call('approvals.withdraw', { requestId: r.id });
            done(t('Request withdrawn. Its changes are back in your Key Store Management.'));
          }}
        >
          {t('The request is withdrawn and can no longer be approved. Its changes go back to your Key Store Management, to fix and request again.')}
        </ConfirmDialog>
      )}
    </Dialog>
  );
}

/** What notify() says once an approval went through: applied, or counted towards the approvals still needed. */
function approvedMessage(t: ReturnType<typeof useT>, after: ApprovalRequestView): string {
  if (after.status === 'Approved') return t('Request approved. Its changes are applied.');
  if (after.status === 'Failed') return t('Approval recorded, but the changes could not be applied. Nothing was applied.');
  return t('Approval recorded: {{n}} of {{required}}.', { n: after.approvals.length, required: after.requiredApprovals });
}

/**
 * Approve as the signed-in member, or name a co-signing officer (an APPROVAL ADMIN at the same desk) who types their own
 * username and passphrase; main checks them against that member's keyslot and records that member as the approver.
 */
function ApproveDialog(props: { request: ApprovalRequestView; coSignOnly: boolean; onDone: (message: string) => void; onClose: () => void }) {
  const t = useT();
  const me = useSession((s) => s.info?.username ?? '');
  const [coSign, setCoSign] = useState(props.coSignOnly);
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const requestId = props.request.id;
  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    const after = coSign ? await call('approvals.coSign', { requestId, coSigner: { username, passphrase } }) : await call('approvals.approve', { requestId });
    setPassphrase('');
    props.onDone(approvedMessage(t, after));
  });
  const count = props.request.changes.length;
  const storeName = requestStoreName(props.request);
  const last = props.request.approvals.length + 1 >= props.request.requiredApprovals;
  return (
    <FormDialog
      title={props.coSignOnly ? t('Approve with a co-signing officer') : t('Approve')}
      submitLabel={t('Approve')}
      busy={busy}
      error={errors.general}
      onSubmit={onSubmit}
      onClose={props.onClose}
    >
      <Typography>
        {!last
          ? t('This approval is {{n}} of the {{required}} required; the changes apply with the last one.', {
              n: props.request.approvals.length + 1,
              required: props.request.requiredApprovals,
            })
          : count === 1
            ? t('Approving applies the change to {{keyStore}} now. Generated keys and certificates are created now.', { keyStore: storeName })
            : t('Approving applies the {{n}} changes to {{keyStore}} now, all at once or none. Generated keys and certificates are created now.', {
                n: count,
                keyStore: storeName,
              })}
      </Typography>
      {props.coSignOnly ? (
        <Alert severity="info">
          {t('An APPROVAL ADMIN at this desk approves with their own username and passphrase. {{username}} is signed in and is not recorded as the approver.', {
            username: me,
          })}
        </Alert>
      ) : (
        <FormControlLabel
          control={<Checkbox checked={coSign} onChange={(e) => setCoSign(e.target.checked)} disabled={busy} />}
          label={t('A co-signing officer approves instead of me ({{username}})', { username: me })}
        />
      )}
      {coSign && (
        <>
          <TextField
            label={t('Username')}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
            autoComplete="off"
            disabled={busy}
            {...errors.fieldProps('coSigner.username', t("The co-signing officer's own username."))}
          />
          <SecretField
            label={t('Passphrase')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            required
            disabled={busy}
            {...errors.fieldProps('coSigner.passphrase', t('Checked against their keyslot; it is not stored.'))}
          />
        </>
      )}
      {busy && (
        <ProgressNote
          label={t('Approving')}
          text={
            coSign
              ? t('Checking the passphrase and applying the changes… This can take several seconds.')
              : t('Applying the changes… Generating keys and certificates can take several seconds.')
          }
        />
      )}
    </FormDialog>
  );
}

function DenyDialog(props: { request: ApprovalRequestView; onDone: (message: string) => void; onClose: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    await call('approvals.deny', { requestId: props.request.id, reason });
    props.onDone(t('Request denied. Nothing was applied.'));
  });
  return (
    <FormDialog title={t('Deny')} submitLabel={t('Deny')} busy={busy} error={errors.general} onSubmit={onSubmit} onClose={props.onClose}>
      <Typography>
        {t('The request of {{requester}} for {{keyStore}} ends as Denied and nothing is applied. The requester sees your reason.', {
          requester: props.request.requester.username,
          keyStore: requestStoreName(props.request),
        })}
      </Typography>
      <TextField
        label={t('Reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        multiline
        minRows={2}
        autoFocus
        disabled={busy}
        {...errors.fieldProps('reason')}
      />
    </FormDialog>
  );
}
