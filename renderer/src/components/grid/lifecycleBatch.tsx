import DeleteOutline from '@mui/icons-material/DeleteOutline';
import UndoIcon from '@mui/icons-material/Undo';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { useCallback, useState, type ReactNode } from 'react';
import type { LifecycleStatus } from '../../../../shared/domain';
import { ApiError, errorMessage } from '../../api';
import { useStaging } from '../../approval/ChangeSink';
import { useT } from '../../i18n';
import { notify } from '../../store/notify';
import { ConfirmDialog } from '../ConfirmDialog';
import { GuardedButton } from '../GuardedButton';

/** A row with the deletion lifecycle: keys and authentication information. */
export interface LifecycleRow {
  id: string;
  name: string;
  status: LifecycleStatus;
}
export type BatchAction = 'request' | 'cancel';
/** The row kind in words, already translated: "key" / "keys". */
export interface Nouns {
  one: string;
  many: string;
}
export interface BatchOutcome<R> {
  done: { item: R; view: R | undefined }[];
  refused: { item: R; error: unknown }[];
}

/** Which rows an action applies to: Request for Deletion to those In Service, Cancel Deletion to those Scheduled. */
const APPLIES: Record<BatchAction, LifecycleStatus> = { request: 'in-service', cancel: 'scheduled-for-deletion' };
export const applicable = <R extends LifecycleRow>(action: BatchAction, rows: readonly R[]): R[] => rows.filter((r) => r.status === APPLIES[action]);

/** At most this many calls in flight: the vault writes concurrent changes together, without flooding the bridge. */
const IN_FLIGHT = 8;
/** The confirmation names this many rows, then says how many more. */
const NAMED = 15;

/** Each item through `run`, a few at a time; every item gets its own answer (done, or refused and why). */
export async function runBatch<R>(items: readonly R[], run: (item: R) => Promise<R | undefined>): Promise<BatchOutcome<R>> {
  const outcome: BatchOutcome<R> = { done: [], refused: [] };
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        outcome.done.push({ item, view: await run(item) });
      } catch (error) {
        outcome.refused.push({ item, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
  return outcome;
}

interface Pending<R> {
  action: BatchAction;
  items: R[];
  /** Selected rows the action does not apply to (already in the state it leads to). */
  skipped: number;
  select?: (ids: string[]) => void;
}

/**
 * Request for Deletion and Cancel Deletion of one row (its icon button) or of the selected rows (the grid's bulk line):
 * a confirmation naming how many and which, then each row through `run` (useChange, so the Approval Feature's staging
 * applies), then a snackbar for what was done and an alert for what was refused and why. The refused rows stay selected.
 */
export function useLifecycleBatch<R extends LifecycleRow>(options: {
  nouns: Nouns;
  run: (action: BatchAction, item: R) => Promise<R | undefined>;
  /** The new views of the rows that changed (not called when the changes were staged). */
  onChanged: (views: R[]) => void;
}) {
  const t = useT();
  const staging = useStaging();
  const { nouns, run, onChanged } = options;
  const [pending, setPending] = useState<Pending<R> | null>(null);
  const [result, setResult] = useState<{ action: BatchAction; outcome: BatchOutcome<R> } | null>(null);

  const start = useCallback((action: BatchAction, rows: readonly R[], select?: (ids: string[]) => void) => {
    const items = applicable(action, rows);
    if (items.length > 0) setPending({ action, items, skipped: rows.length - items.length, ...(select ? { select } : {}) });
  }, []);

  const confirm = async (p: Pending<R>) => {
    setResult(null);
    const outcome = await runBatch(p.items, (item) => run(p.action, item));
    // One row refused: say why in the dialog, which stays open, as a single confirmation always did.
    if (p.items.length === 1 && outcome.refused.length === 1) throw outcome.refused[0]!.error;
    const views = outcome.done.flatMap((d) => (d.view ? [d.view] : []));
    if (views.length > 0) onChanged(views);
    p.select?.(outcome.refused.map((r) => r.item.id));
    if (outcome.refused.length > 0) setResult({ action: p.action, outcome });
    if (outcome.done.length > 0)
      notify(
        doneText(
          p.action,
          outcome.done.map((d) => d.item),
        ),
      );
  };

  function doneText(action: BatchAction, done: R[]): string {
    if (staging) return t('{{count}} changes staged for approval in Key Store Management.', { count: done.length });
    if (done.length === 1) {
      const name = done[0]!.name;
      return action === 'request' ? t('"{{name}}" is Scheduled to be Deleted.', { name }) : t('"{{name}}" is back In Service.', { name });
    }
    const values = { count: done.length, nouns: nouns.many };
    return action === 'request' ? t('{{count}} {{nouns}} are Scheduled to be Deleted.', values) : t('{{count}} {{nouns}} are back In Service.', values);
  }

  const bulkButtons = (selected: readonly R[], select: (ids: string[]) => void): ReactNode => {
    const requests = applicable('request', selected).length;
    const cancels = applicable('cancel', selected).length;
    return (
      <>
        {requests > 0 && (
          <GuardedButton
            permission="change"
            size="small"
            variant="outlined"
            color="warning"
            startIcon={<DeleteOutline />}
            onClick={() => start('request', selected, select)}
          >
            {t('Request for Deletion ({{count}})', { count: requests })}
          </GuardedButton>
        )}
        {cancels > 0 && (
          <GuardedButton permission="change" size="small" variant="outlined" startIcon={<UndoIcon />} onClick={() => start('cancel', selected, select)}>
            {t('Cancel Deletion ({{count}})', { count: cancels })}
          </GuardedButton>
        )}
      </>
    );
  };

  const element = (
    <>
      {result && <BatchResult action={result.action} outcome={result.outcome} nouns={nouns} onClose={() => setResult(null)} />}
      {pending && (
        <ConfirmDialog
          title={pending.action === 'request' ? t('Request for Deletion') : t('Cancel Deletion')}
          confirmLabel={pending.action === 'request' ? t('Request for Deletion') : t('Cancel Deletion')}
          destructive={pending.action === 'request'}
          onClose={() => setPending(null)}
          onConfirm={() => confirm(pending)}
        >
          <BatchSummary pending={pending} nouns={nouns} staging={staging} />
        </ConfirmDialog>
      )}
    </>
  );

  return { start, bulkButtons, element };
}

function BatchSummary<R extends LifecycleRow>({ pending, nouns, staging }: { pending: Pending<R>; nouns: Nouns; staging: boolean }) {
  const t = useT();
  const { action, items, skipped } = pending;
  const one = items.length === 1 ? { noun: nouns.one, name: items[0]!.name } : null;
  const many = { count: items.length, nouns: nouns.many };
  const what =
    action === 'request'
      ? one
        ? t(
            'The {{noun}} "{{name}}" will be Scheduled to be Deleted and deleted for good in 7 days. Until then it cannot be used, and you can Cancel Deletion.',
            one,
          )
        : t(
            'These {{count}} {{nouns}} will be Scheduled to be Deleted and deleted for good in 7 days. Until then they cannot be used, and you can Cancel Deletion.',
            many,
          )
      : one
        ? t('The {{noun}} "{{name}}" returns to In Service and can be used again.', one)
        : t('These {{count}} {{nouns}} return to In Service and can be used again.', many);
  return (
    <>
      {what}
      {!one && (
        <Box component="ul" sx={{ my: 1, pl: 3, maxHeight: 240, overflowY: 'auto' }}>
          {items.slice(0, NAMED).map((item) => (
            <li key={item.id}>{item.name}</li>
          ))}
          {items.length > NAMED && <li>{t('and {{count}} more', { count: items.length - NAMED })}</li>}
        </Box>
      )}
      {skipped > 0 && (
        <Box sx={{ mt: 1 }}>
          {action === 'request'
            ? t('{{count}} other selected {{nouns}} are already Scheduled to be Deleted and stay as they are.', { count: skipped, nouns: nouns.many })
            : t('{{count}} other selected {{nouns}} are already In Service and stay as they are.', { count: skipped, nouns: nouns.many })}
        </Box>
      )}
      {staging && <Box sx={{ mt: 1 }}>{t('The changes are staged in Key Store Management and apply once approved.')}</Box>}
    </>
  );
}

/** What a batch could not do, row by row, with main's own words for why. */
function BatchResult<R extends LifecycleRow>(props: { action: BatchAction; outcome: BatchOutcome<R>; nouns: Nouns; onClose: () => void }) {
  const t = useT();
  const { done, refused } = props.outcome;
  const values = { done: done.length, count: done.length + refused.length, refused: refused.length, nouns: props.nouns.many };
  return (
    <Alert severity={done.length > 0 ? 'warning' : 'error'} onClose={props.onClose}>
      <AlertTitle>
        {props.action === 'request'
          ? t('Request for Deletion: {{done}} of {{count}} {{nouns}} done, {{refused}} refused', values)
          : t('Cancel Deletion: {{done}} of {{count}} {{nouns}} done, {{refused}} refused', values)}
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        {refused.map(({ item, error }) => (
          <li key={item.id}>
            {/* main's message says why and what to do; an unexpected error gets the generic words. */}
            {t('{{name}}: {{reason}}', { name: item.name, reason: error instanceof ApiError ? error.message : t(errorMessage(error)) })}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

/** The row's own Request for Deletion / Cancel Deletion, named after the row for screen readers ("Request for Deletion payload-key"). */
export function RowLifecycleButton<R extends LifecycleRow>({
  row,
  tabIndex,
  onStart,
}: {
  row: R;
  tabIndex: 0 | -1;
  onStart: (action: BatchAction, rows: R[]) => void;
}) {
  const t = useT();
  const request = row.status === 'in-service';
  const label = request ? t('Request for Deletion {{name}}', { name: row.name }) : t('Cancel Deletion {{name}}', { name: row.name });
  // A plain button styled once for the grid (LIST_CELL_SX) with the browser's own tooltip: an MUI IconButton and
  // Tooltip in each row cost a keystroke time.
  return (
    <button
      type="button"
      className="skm-cell-icon"
      aria-label={label}
      title={label}
      tabIndex={tabIndex}
      onClick={() => onStart(request ? 'request' : 'cancel', [row])}
    >
      {request ? <DeleteOutline /> : <UndoIcon />}
    </button>
  );
}
