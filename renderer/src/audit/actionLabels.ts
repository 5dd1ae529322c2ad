import { t } from '../i18n';

/**
 * Audit record actions in the console's words (English; shown through t()). Actions are contract channel names plus
 * what the app records itself (vault sessions, the scheduler, batched Key API calls, trail warnings); anything new
 * shows as its raw name. The words live here, free of React, so tests/unit/audit-labels.test.ts can check every
 * recorded action has a label and every label (and fact word) a Korean entry.
 */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'vault.create': 'Create vault',
  'vault.unlock': 'Unlock',
  'vault.lock': 'Lock',
  'vault.changePassphrase': 'Change passphrase',
  'vault.releaseHeldDeletions': 'Apply held deletions',
  'settings.update': 'Change settings',
  'keystores.create': 'Add Key Store',
  'keystores.update': 'Edit Key Store',
  'keystores.requestDeletion': 'Request for Deletion (key store)',
  'keystores.cancelDeletion': 'Cancel Deletion (key store)',
  'keystores.deleteNow': 'Immediately Delete (key store)',
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
  'transfer.wrappingKey': 'View wrapping key',
  'transfer.downloadWrappingKey': 'Download wrapping key',
  'transfer.inspectDestinationKey': 'Inspect destination key',
  'transfer.exportWrapped': 'Export wrapped key',
  'transfer.downloadImportCommand': 'Download import command',
  'scheduler.deleteKey': 'Scheduled deletion (key)',
  'scheduler.rotateKey': 'Automatic rotation',
  'scheduler.deleteIpv4': 'Scheduled deletion (IPv4 Address)',
  'scheduler.deleteMac': 'Scheduled deletion (MAC Address)',
  'scheduler.deleteCertificate': 'Scheduled deletion (certificate)',
  'scheduler.deleteKeyStore': 'Scheduled deletion (key store)',
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

/** The facts main records (audit/actions.ts factsOf, the session, approvals, the trail's own warnings), by name. */
export const FACT_LABELS: Readonly<Record<string, string>> = {
  firstAt: 'first',
  lastAt: 'last',
  version: 'version',
  reason: 'reason',
  serial: 'serial',
  algorithm: 'algorithm',
  status: 'status',
  approvalRequest: 'approval request',
  approvedBy: 'approved by',
  keyApiServing: 'Key API serving',
  generations: 'generations',
};
/** Fact values that are words rather than data: a lock's reason, yes or no. */
export const FACT_VALUES: Readonly<Record<string, string>> = {
  user: 'by the member',
  idle: 'idle',
  shutdown: 'app closed',
  true: 'yes',
  false: 'no',
};

/** An action in the UI's language; a Key API call without its own label still says it came through the Key API. */
export const actionLabel = (action: string): string => {
  const label = ACTION_LABELS[action];
  if (label) return t(label);
  return action.startsWith('api.') ? t('Key API: {{action}}', { action: action.slice(4) }) : action;
};
