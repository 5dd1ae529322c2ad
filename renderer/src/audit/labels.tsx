import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { AuditRecordView } from '../../../shared/audit';
import { LifecycleStatusLabels, type LifecycleStatus } from '../../../shared/domain';
import { formatDateTime } from '../format';
import { t, useT } from '../i18n';

import { FACT_LABELS, FACT_VALUES } from './actionLabels';

export { actionLabel } from './actionLabels';

const OUTCOMES = {
  ok: { label: 'OK', color: 'success', variant: 'outlined' },
  failed: { label: 'Failed', color: 'error', variant: 'filled' },
  refused: { label: 'Refused', color: 'warning', variant: 'filled' },
} as const;

/** OK / Failed / Refused, with the error code that explains a failure or refusal. */
export function OutcomeChip({ outcome, code }: { outcome: AuditRecordView['outcome']; code?: string | undefined }) {
  const t = useT();
  const o = OUTCOMES[outcome];
  return (
    <Stack direction="row" spacing={0.75} alignItems="center" sx={{ whiteSpace: 'nowrap' }}>
      <Chip size="small" label={t(o.label)} color={o.color} variant={o.variant} />
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
  actor.kind === 'api'
    ? t('Key API client {{name}}', { name: actor.name })
    : actor.kind === 'system'
      ? t('{{name}} (the app)', { name: actor.name })
      : actor.name;

/** The key, or the authentication entry / member / request, an action was about. */
export const itemLabel = (target: AuditRecordView['target']): string => target?.keyName ?? target?.itemName ?? target?.keyId ?? target?.itemId ?? '';

const factValue = (name: string, v: string | number | boolean): string => {
  if (typeof v === 'string' && name.endsWith('At') && !Number.isNaN(Date.parse(v))) return formatDateTime(v);
  const word = FACT_VALUES[String(v)];
  if (word && (name === 'reason' || typeof v === 'boolean')) return t(word);
  // A status: a lifecycle status (in-service…) or an approval request's (Approved…), in the console's words.
  if (name === 'status' && typeof v === 'string') return t(v in LifecycleStatusLabels ? LifecycleStatusLabels[v as LifecycleStatus] : v);
  return String(v);
};

/** The non-secret facts a record carries (the version used, a lock's reason, a batch's first and last call). */
export const factsText = (facts: AuditRecordView['facts']): string =>
  facts
    ? Object.entries(facts)
        .map(([k, v]) => t('{{fact}} {{value}}', { fact: FACT_LABELS[k] ? t(FACT_LABELS[k]) : k, value: factValue(k, v) }))
        .join(' · ')
    : '';

/** A chain head as a person compares it: record number and MAC. */
export const headText = (head: { seq: number; mac: string } | null): string =>
  head ? t('#{{seq}} (MAC {{mac}})', { seq: head.seq, mac: head.mac }) : t('empty trail');

/** The column headings of a table of audit records (the Audit Log adds Count; the ceremony record folds it into Action). */
export function AuditRecordHeadings({ count = false }: { count?: boolean }) {
  const t = useT();
  return (
    <TableRow>
      <TableCell align="right">{t('Seq')}</TableCell>
      <TableCell>{t('Time')}</TableCell>
      <TableCell>{t('Actor')}</TableCell>
      <TableCell>{t('Action')}</TableCell>
      <TableCell>{t('Key store')}</TableCell>
      <TableCell>{t('Key / item')}</TableCell>
      <TableCell>{t('Outcome')}</TableCell>
      {count && <TableCell align="right">{t('Count')}</TableCell>}
    </TableRow>
  );
}
