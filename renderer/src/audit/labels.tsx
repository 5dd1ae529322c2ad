import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { AuditRecordView } from '../../../shared/audit';
import { formatDateTime } from '../format';

/**
 * Audit record actions in the console's words. Actions are contract channel names plus what the app records itself
 * (vault sessions, the scheduler, batched Key API calls, trail warnings); anything new shows as its raw name.
 */
const ACTION_LABELS: Readonly<Record<string, string>> = {
  'vault.create': 'Create vault',
  'vault.unlock': 'Unlock',
  'vault.lock': 'Lock',
  'vault.changePassphrase': 'Change passphrase',
  'vault.releaseHeldDeletions': 'Apply held deletions',
  'settings.update': 'Change settings',
  'keystores.create': 'Add Key Store',
  'keystores.update': 'Edit Key Store',
  'keys.create': 'Add Key',
  'keys.import': 'Import Key',
  'keys.update': 'Edit key',
  'keys.rotate': 'Immediately Rotate',
  'keys.requestDeletion': 'Request for Deletion (key)',
  'keys.cancelDeletion': 'Cancel Deletion (key)',
  'keys.deleteNow': 'Immediately Delete (key)',
  'keys.encrypt': 'Encrypt',
  'keys.decrypt': 'Decrypt',
  'keys.dataKey': 'Create data key',
  'keys.sign': 'Sign',
  'keys.verify': 'Verify signature',
  'keys.publicKey': 'View public key',
  'keys.reveal': 'Reveal Confidential Data',
  'auth.addIpv4': 'Add IPv4 Address',
  'auth.addMac': 'Add MAC Address',
  'auth.addCertificate': 'Add Certificates',
  'auth.requestDeletion': 'Request for Deletion (authentication)',
  'auth.cancelDeletion': 'Cancel Deletion (authentication)',
  'auth.deleteNow': 'Immediately Delete (authentication)',
  'auth.downloadCertificate': 'Download certificate',
  'auth.downloadCaCertificate': 'Download CA certificate',
  'auth.downloadCrl': 'Download CRL',
  'members.add': 'Add Member',
  'members.updateRoles': 'Change roles',
  'members.remove': 'Remove member',
  'governance.update': 'Change Governance Setting',
  'staging.stage': 'Stage change',
  'staging.discard': 'Discard staged change',
  'approvals.request': 'Request Approval',
  'approvals.withdraw': 'Withdraw request',
  'approvals.approve': 'Approve',
  'approvals.coSign': 'Approve (co-signed)',
  'approvals.deny': 'Deny',
  'keyApi.start': 'Start Key API',
  'keyApi.stop': 'Stop Key API',
  'keyApi.downloadCaCertificate': 'Download API CA certificate',
  'audit.verify': 'Verify chain',
  'audit.export': 'Export Audit Log',
  'audit.tamperDetected': 'Tampering detected',
  'audit.recordsLost': 'Records lost',
  'backup.export': 'Export backup',
  'backup.inspect': 'Inspect backup',
  'backup.restore': 'Restore from backup',
  'ceremony.start': 'Start ceremony',
  'ceremony.end': 'End ceremony',
  'ceremony.list': 'List ceremonies',
  'ceremony.record': 'View ceremony record',
  'scheduler.deleteKey': 'Scheduled deletion (key)',
  'scheduler.rotateKey': 'Automatic rotation',
  'scheduler.deleteIpv4': 'Scheduled deletion (IPv4 Address)',
  'scheduler.deleteMac': 'Scheduled deletion (MAC Address)',
  'scheduler.deleteCertificate': 'Scheduled deletion (certificate)',
  'api.encrypt': 'Key API: encrypt',
  'api.decrypt': 'Key API: decrypt',
  'api.sign': 'Key API: sign',
  'api.verify': 'Key API: verify',
  'api.secret': 'Key API: get Confidential Data',
  'api.createLocalKey': 'Key API: create local key',
  'api.symmetricKey': 'Key API: get symmetric key',
  'api.publicKey': 'Key API: get public key',
  'api.privateKey': 'Key API: get private key',
  'api.request': 'Key API: request',
};

export const actionLabel = (action: string): string => ACTION_LABELS[action] ?? (action.startsWith('api.') ? `Key API: ${action.slice(4)}` : action);

const OUTCOMES = {
  ok: { label: 'OK', color: 'success', variant: 'outlined' },
  failed: { label: 'Failed', color: 'error', variant: 'filled' },
  refused: { label: 'Refused', color: 'warning', variant: 'filled' },
} as const;

/** OK / Failed / Refused, with the error code that explains a failure or refusal. */
export function OutcomeChip({ outcome, code }: { outcome: AuditRecordView['outcome']; code?: string | undefined }) {
  const o = OUTCOMES[outcome];
  return (
    <Stack direction="row" spacing={0.75} alignItems="center" sx={{ whiteSpace: 'nowrap' }}>
      <Chip size="small" label={o.label} color={o.color} variant={o.variant} />
      {code && (
        <Typography component="code" variant="caption" sx={{ fontFamily: 'monospace' }}>
          {code}
        </Typography>
      )}
    </Stack>
  );
}

/** Who acted: a member by username, a Key API client by address, or the app itself. */
export const actorLabel = (actor: AuditRecordView['actor']): string =>
  actor.kind === 'api' ? `Key API client ${actor.name}` : actor.kind === 'system' ? `${actor.name} (the app)` : actor.name;

/** The key, or the authentication entry / member / request, an action was about. */
export const itemLabel = (target: AuditRecordView['target']): string => target?.keyName ?? target?.itemName ?? target?.keyId ?? target?.itemId ?? '';

const FACT_LABELS: Readonly<Record<string, string>> = { firstAt: 'first', lastAt: 'last', version: 'version', reason: 'reason', serial: 'serial' };

/** The non-secret facts a record carries (the version used, a lock's reason, a batch's first and last call). */
export const factsText = (facts: AuditRecordView['facts']): string =>
  facts
    ? Object.entries(facts)
        .map(([k, v]) => `${FACT_LABELS[k] ?? k} ${typeof v === 'string' && k.endsWith('At') && !Number.isNaN(Date.parse(v)) ? formatDateTime(v) : String(v)}`)
        .join(' · ')
    : '';

/** A chain head as a person compares it: record number and MAC. */
export const headText = (head: { seq: number; mac: string } | null): string => (head ? `#${head.seq} (MAC ${head.mac})` : 'empty trail');

/** The column headings of a table of audit records (the Audit Log adds Count; the ceremony record folds it into Action). */
export function AuditRecordHeadings({ count = false }: { count?: boolean }) {
  return (
    <TableRow>
      <TableCell align="right">Seq</TableCell>
      <TableCell>Time</TableCell>
      <TableCell>Actor</TableCell>
      <TableCell>Action</TableCell>
      <TableCell>Key store</TableCell>
      <TableCell>Key / item</TableCell>
      <TableCell>Outcome</TableCell>
      {count && <TableCell align="right">Count</TableCell>}
    </TableRow>
  );
}
