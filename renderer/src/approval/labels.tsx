import Chip from '@mui/material/Chip';
import { SECRET_SHOWN, type ApprovalRequestView, type ChangeStatus, type RequestStatus } from '../../../shared/approval';
import { formatDate } from '../format';
import { t, useT } from '../i18n';

type Color = 'default' | 'success' | 'warning' | 'error' | 'info';

const CHANGE_COLORS: Record<ChangeStatus, Color> = {
  Added: 'success',
  Modified: 'info',
  Deleted: 'error',
  'Request for Deletion': 'warning',
  'Cancel Deletion': 'info',
  'Immediately Delete': 'error',
};

const REQUEST_COLORS: Record<RequestStatus, Color> = {
  Pending: 'warning',
  Approved: 'success',
  Denied: 'error',
  Withdrawn: 'default',
  Expired: 'default',
  Failed: 'error',
};

/** A pending change's Status, shown beside its item in Key Store Management and in a request's list of changes. */
export function ChangeStatusChip({ status }: { status: ChangeStatus }) {
  const t = useT();
  return <Chip size="small" variant="outlined" color={CHANGE_COLORS[status]} label={t(status)} />;
}

export function RequestStatusChip({ status }: { status: RequestStatus }) {
  const t = useT();
  return <Chip size="small" variant={status === 'Pending' ? 'outlined' : 'filled'} color={REQUEST_COLORS[status]} label={t(status)} />;
}

/*
 * main describes changes and history in English words from a closed vocabulary (main/core/approval/describe.ts and
 * approval-service.ts): field names, item kinds and label values are translated where shown; what the user typed
 * (names, descriptions, comments, reasons) never is. Anything not recognised is shown as main sent it.
 */

/** A request's key store, or for the requests without one, what main names them ("Governance Setting", "New key stores"). */
export const requestStoreName = (r: Pick<ApprovalRequestView, 'keyStoreId' | 'keyStoreName'>): string =>
  r.keyStoreId === null ? t(r.keyStoreName) : r.keyStoreName;

/** "Symmetric Key", "IPv4 Address", "Key Store", "Governance Setting"… */
export const itemKindText = (kind: string): string => t(kind);

/** The item a change is about: what the user named it, or for the Governance Setting, the setting ("Approval Feature"). */
export const itemNameText = (c: { itemKind: string; itemName: string }): string => (c.itemKind === 'Governance Setting' ? t(c.itemName) : c.itemName);

/** The field of a change: "Name", "Rotation cycle", "Approval Feature"… */
export const fieldText = (field: string): string => t(field);

/** Fields whose values are the product's own labels (statuses, types, On/Off, day counts), not what the user typed. */
const LABEL_VALUED = new Set([
  'Status',
  'Type',
  'Allow export',
  'Authentication methods',
  'Client authentication',
  'Rotation cycle',
  'Version',
  'Data',
  'Key data',
  'Password',
  'Approval Feature',
  'Request expiry',
]);

/** A value before or after a change, translated when it is one of the product's labels. */
export function valueText(field: string, value: string): string {
  if (value === SECRET_SHOWN) return t('(secret)');
  if (!LABEL_VALUED.has(field)) return value;
  let m: RegExpMatchArray | null;
  if ((m = /^(\d+) days?$/.exec(value))) return t('{{n}} days', { n: Number(m[1]) });
  if ((m = /^(\d+) \(generated at approval\)$/.exec(value))) return t('{{version}} (generated at approval)', { version: m[1] });
  if ((m = /^(.+) \(imported\)$/.exec(value))) return t('{{type}} (imported)', { type: t(m[1]!) });
  if (field === 'Authentication methods')
    return value
      .split(', ')
      .map((v) => t(v))
      .join(', ');
  return t(value);
}

/** One History line of a request, in the UI's language. */
export function historyText(event: string): string {
  let m: RegExpMatchArray | null;
  if (event === 'Requested approval') return t('Requested approval');
  if (event === 'Approved') return t('Approved');
  if (event === 'Withdrawn by the requester; the changes are back in Key Store Management.')
    return t('Withdrawn by the requester; the changes are back in Key Store Management.');
  if ((m = /^Requested approval: "([\s\S]*)"$/.exec(event))) return t('Requested approval: "{{comment}}"', { comment: m[1] });
  if ((m = /^Approved \(co-signed at this workstation by (.+)\)$/.exec(event)))
    return t('Approved (co-signed at this workstation by {{username}})', { username: m[1] });
  if ((m = /^Applied: (\d+) changes? in one write\.$/.exec(event)))
    return m[1] === '1' ? t('Applied: 1 change in one write.') : t('Applied: {{n}} changes in one write.', { n: Number(m[1]) });
  if ((m = /^Staged (Added|Modified|Deleted|Request for Deletion|Cancel Deletion|Immediately Delete): (.+?) "([\s\S]*)"$/.exec(event)))
    return t('Staged {{status}}: {{kind}} "{{name}}"', {
      status: t(m[1]!),
      kind: itemKindText(m[2]!),
      name: itemNameText({ itemKind: m[2]!, itemName: m[3]! }),
    });
  if ((m = /^Denied: ([\s\S]*)$/.exec(event))) return t('Denied: {{reason}}', { reason: m[1] });
  if ((m = /^Expired: no decision before (.+)\.$/.exec(event)) && !Number.isNaN(Date.parse(m[1]!)))
    return t('Expired: no decision before {{date}}.', { date: formatDate(m[1]!) });
  if ((m = /^Failed: ([\s\S]*)$/.exec(event))) return t('Failed: {{failure}}', { failure: m[1] });
  return event;
}
