import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import DownloadIcon from '@mui/icons-material/Download';
import FilterAltOffOutlined from '@mui/icons-material/FilterAltOffOutlined';
import ManageSearchOutlined from '@mui/icons-material/ManageSearchOutlined';
import VerifiedOutlined from '@mui/icons-material/VerifiedOutlined';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AuditFilter, AuditPage, AuditVerifyView } from '../../../shared/audit';
import { call, errorMessage } from '../api';
import { deliver } from '../auth/deliver';
import { EmptyState } from '../components/EmptyState';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime } from '../format';
import { currentLanguage, useT } from '../i18n';
import { notify } from '../store/notify';
import { actionLabel, actorLabel, factsText, headText, itemLabel, OutcomeChip, AuditRecordHeadings } from './labels';

const ROWS_PER_PAGE = [50, 100];
/** TablePagination's own button names, in the UI's language. */
const PAGE_BUTTONS = { first: 'Go to first page', last: 'Go to last page', next: 'Go to next page', previous: 'Go to previous page' } as const;
/** Typing in a text filter asks main again once the typing pauses, not on every key. */
const FILTER_DELAY_MS = 300;

type Outcome = NonNullable<AuditFilter['outcome']>;
interface Filters {
  from: string;
  to: string;
  actor: string;
  action: string;
  keyStore: string;
  key: string;
  outcome: Outcome | '';
}
const NO_FILTERS: Filters = { from: '', to: '', actor: '', action: '', keyStore: '', key: '', outcome: '' };
const OUTCOME_LABELS: Record<Outcome, string> = { ok: 'OK', failed: 'Failed', refused: 'Refused' };
const VERIFY_COMMAND = 'npm run audit:verify -- FILE';
/** Stands in a translated sentence where an element goes, so the translation keeps its own word order. */
const SLOT = '\u0000';

/** A translated sentence made with SLOT as one placeholder's value, with `element` where SLOT stands. */
function withElement(sentence: string, element: ReactNode): ReactNode {
  const [before, after] = sentence.split(SLOT);
  return (
    <>
      {before}
      {element}
      {after}
    </>
  );
}

/**
 * The form's values as the contract's filter. datetime-local inputs are local time to the minute; "To" includes
 * the whole minute it names, so From 09:00 To 09:00 shows what happened during that minute.
 */
function toFilter(f: Filters): AuditFilter {
  const out: AuditFilter = {};
  const from = Date.parse(f.from);
  const to = Date.parse(f.to);
  if (!Number.isNaN(from)) out.from = new Date(from).toISOString();
  if (!Number.isNaN(to)) out.to = new Date(to + (f.to.length <= 16 ? 59_999 : 999)).toISOString();
  for (const name of ['actor', 'action', 'keyStore', 'key'] as const) {
    const v = f[name].trim();
    if (v) out[name] = v;
  }
  if (f.outcome) out.outcome = f.outcome;
  return out;
}

/** Audit Log: the sealed, chained trail of every action, newest first, paged by main (it can hold 100,000 records). */
export function AuditLogPage() {
  const t = useT();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<AuditFilter>({});
  const [page, setPage] = useState(0);
  const [rowsPerPage, setRowsPerPage] = useState(ROWS_PER_PAGE[0]!);
  const [reloads, setReloads] = useState(0);
  const [result, setResult] = useState<AuditPage | null>(null);
  const [loading, setLoading] = useState(true);
  const [listError, setListError] = useState<string | null>(null);
  const latest = useRef(0);
  const appliedKey = useRef(JSON.stringify({}));

  const [verify, setVerify] = useState<AuditVerifyView | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [exportMenu, setExportMenu] = useState<HTMLElement | null>(null);
  const [exporting, setExporting] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const exportMenuId = useId();

  // Filters apply as they are changed (text once typing pauses), from the first page.
  useEffect(() => {
    const timer = setTimeout(() => {
      const next = toFilter(filters);
      const key = JSON.stringify(next);
      if (key === appliedKey.current) return;
      appliedKey.current = key;
      setApplied(next);
      setPage(0);
    }, FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [filters]);

  useEffect(() => {
    const ask = ++latest.current;
    setLoading(true);
    call('audit.list', { ...applied, offset: page * rowsPerPage, limit: rowsPerPage }).then(
      (next) => {
        if (ask !== latest.current) return; // an answer to filters already replaced
        setResult(next);
        setListError(null);
        setLoading(false);
      },
      (err) => {
        if (ask !== latest.current) return;
        setListError(errorMessage(err));
        setLoading(false);
      },
    );
  }, [applied, page, rowsPerPage, reloads]);

  const set = <K extends keyof Filters>(name: K, value: Filters[K]) => setFilters((f) => ({ ...f, [name]: value }));
  const filtered = useMemo(() => Object.keys(toFilter(filters)).length > 0, [filters]);

  async function runVerify() {
    setVerifying(true);
    setActionError(null);
    try {
      setVerify(await call('audit.verify'));
      setReloads((n) => n + 1);
    } catch (err) {
      setActionError(errorMessage(err));
    } finally {
      setVerifying(false);
    }
  }

  async function runExport(format: 'jsonl' | 'csv') {
    setExportMenu(null);
    setExporting(true);
    setActionError(null);
    try {
      const saved = await call('audit.export', { format, filter: applied });
      deliver(saved);
      if (saved.status === 'saved') notify(t('Audit Log saved to {{path}}.', { path: saved.path }));
      else if (saved.status === 'download') notify(t('Audit Log exported.'));
      // The first export makes the export key: show its fingerprint if the verify result is on screen.
      if (verify) setVerify(await call('audit.verify'));
      setReloads((n) => n + 1);
    } catch (err) {
      setActionError(errorMessage(err));
    } finally {
      setExporting(false);
    }
  }

  // Sorted once per answer and language, not on every keystroke in the filters.
  const answered = result?.actions;
  const language = currentLanguage();
  const actions = useMemo(() => [...(answered ?? [])].sort((a, b) => actionLabel(a).localeCompare(actionLabel(b), language)), [answered, language]);
  return (
    <Stack spacing={2}>
      <Stack direction="row" alignItems="center" justifyContent="space-between" spacing={2} flexWrap="wrap" useFlexGap>
        <PageHeading>{t('Audit Log')}</PageHeading>
        <Stack direction="row" spacing={1}>
          <Button
            variant="outlined"
            startIcon={verifying ? <CircularProgress size={18} color="inherit" /> : <VerifiedOutlined />}
            disabled={verifying}
            onClick={runVerify}
          >
            {verifying ? t('Verifying chain…') : t('Verify chain')}
          </Button>
          <Button
            variant="contained"
            startIcon={exporting ? <CircularProgress size={18} color="inherit" /> : <DownloadIcon />}
            endIcon={<ArrowDropDownIcon />}
            disabled={exporting}
            aria-haspopup="menu"
            aria-controls={exportMenu ? exportMenuId : undefined}
            aria-expanded={exportMenu ? 'true' : undefined}
            onClick={(e) => setExportMenu(e.currentTarget)}
          >
            {exporting ? t('Exporting…') : t('Export')}
          </Button>
          <Menu id={exportMenuId} anchorEl={exportMenu} open={!!exportMenu} onClose={() => setExportMenu(null)}>
            <MenuItem onClick={() => runExport('jsonl')}>{t('JSON Lines (.jsonl)')}</MenuItem>
            <MenuItem onClick={() => runExport('csv')}>{t('CSV (.csv)')}</MenuItem>
          </Menu>
        </Stack>
      </Stack>
      <Typography color="text.secondary">
        {t(
          'Every change, every use of a key, every download and export: who did it, when, and how it ended. Each record is sealed and chained to the one before it, so Verify chain finds a record that was changed or removed. Export saves the records the filters below select.',
        )}{' '}
        {withElement(
          t('Check an export later with {{command}}; it prints the export key fingerprint shown here.', { command: SLOT }),
          <Box component="code" sx={{ whiteSpace: 'nowrap' }}>
            {VERIFY_COMMAND}
          </Box>,
        )}
      </Typography>
      {result?.ownOnly && (
        <Alert severity="info">{t("Your role (MEMBER) shows only your own records: the actions you made. An ADMIN or a VIEWER sees every member's.")}</Alert>
      )}
      {actionError && (
        <Alert severity="error" onClose={() => setActionError(null)}>
          {actionError}
        </Alert>
      )}
      {verify && <VerifyResult view={verify} onClose={() => setVerify(null)} />}

      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-label={t('Filters')}>
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: 'repeat(4, 1fr)' } }}>
          <TextField
            label={t('From')}
            type="datetime-local"
            size="small"
            value={filters.from}
            onChange={(e) => set('from', e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            label={t('To')}
            type="datetime-local"
            size="small"
            value={filters.to}
            onChange={(e) => set('to', e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField select label={t('Actor')} size="small" value={filters.actor} onChange={(e) => set('actor', e.target.value)}>
            <MenuItem value="">{t('Any actor')}</MenuItem>
            {(result?.actors ?? []).map((a) => (
              <MenuItem key={a} value={a}>
                {a}
              </MenuItem>
            ))}
          </TextField>
          <TextField select label={t('Action')} size="small" value={filters.action} onChange={(e) => set('action', e.target.value)}>
            <MenuItem value="">{t('Any action')}</MenuItem>
            {actions.map((a) => (
              <MenuItem key={a} value={a}>
                {actionLabel(a)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label={t('Key store')}
            size="small"
            value={filters.keyStore}
            onChange={(e) => set('keyStore', e.target.value)}
            placeholder={t('Name or id')}
          />
          <TextField label={t('Key / item')} size="small" value={filters.key} onChange={(e) => set('key', e.target.value)} placeholder={t('Name or id')} />
          <TextField select label={t('Outcome')} size="small" value={filters.outcome} onChange={(e) => set('outcome', e.target.value as Outcome | '')}>
            <MenuItem value="">{t('Any outcome')}</MenuItem>
            {(Object.keys(OUTCOME_LABELS) as Outcome[]).map((o) => (
              <MenuItem key={o} value={o}>
                {t(OUTCOME_LABELS[o])}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ display: 'flex', alignItems: 'center' }}>
            <Button startIcon={<FilterAltOffOutlined />} disabled={!filtered} onClick={() => setFilters(NO_FILTERS)}>
              {t('Clear filters')}
            </Button>
          </Box>
        </Box>
      </Paper>

      {listError && <Alert severity="error">{listError}</Alert>}
      {!result && !listError && <LinearProgress aria-label={t('Loading audit records')} />}
      {result && result.total === 0 && !loading && (
        <EmptyState
          icon={<ManageSearchOutlined />}
          title={filtered ? t('No records match these filters') : t('No records yet')}
          action={
            filtered ? (
              <Button variant="outlined" onClick={() => setFilters(NO_FILTERS)}>
                {t('Clear filters')}
              </Button>
            ) : null
          }
        >
          {filtered
            ? t('Widen the time range, or choose another actor, action or outcome.')
            : t('Records appear here as members change and use keys, and as the Key API serves clients.')}
        </EmptyState>
      )}
      {result && (result.total > 0 || loading) && (
        <Paper variant="outlined">
          <Box sx={{ height: 4 }}>{loading && <LinearProgress aria-label={t('Loading audit records')} />}</Box>
          <TableContainer>
            <Table size="small" aria-label={t('Audit records')} aria-busy={loading}>
              <TableHead>
                <AuditRecordHeadings count />
              </TableHead>
              <TableBody>
                {result.records.map((r) => {
                  const facts = factsText(r.facts);
                  const item = itemLabel(r.target);
                  const itemId = r.target?.keyId ?? r.target?.itemId;
                  return (
                    <TableRow key={r.seq} hover>
                      <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {r.seq}
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.at)}</TableCell>
                      <TableCell>{actorLabel(r.actor)}</TableCell>
                      <TableCell>
                        <Box sx={{ fontWeight: 500 }}>{actionLabel(r.action)}</Box>
                        {facts && (
                          <Typography variant="caption" color="text.secondary" component="div">
                            {facts}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>{r.target?.keyStoreName ?? r.target?.keyStoreId ?? ''}</TableCell>
                      <TableCell>
                        {item && itemId && item !== itemId ? (
                          <Tooltip title={t('Id {{id}}', { id: itemId })}>
                            <span>{item}</span>
                          </Tooltip>
                        ) : (
                          item
                        )}
                      </TableCell>
                      <TableCell>
                        <OutcomeChip outcome={r.outcome} code={r.code} />
                      </TableCell>
                      <TableCell align="right">{r.count ?? ''}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          <TablePagination
            component="div"
            count={result.total}
            page={Math.min(page, Math.max(0, Math.ceil(result.total / rowsPerPage) - 1))}
            rowsPerPage={rowsPerPage}
            rowsPerPageOptions={ROWS_PER_PAGE}
            onPageChange={(_, next) => setPage(next)}
            onRowsPerPageChange={(e) => {
              setRowsPerPage(Number(e.target.value));
              setPage(0);
            }}
            labelRowsPerPage={t('Records per page:')}
            labelDisplayedRows={({ from, to, count }) =>
              t('{{from}}–{{to}} of {{total}}', { from: from.toLocaleString(), to: to.toLocaleString(), total: count.toLocaleString() })
            }
            getItemAriaLabel={(type) => t(PAGE_BUTTONS[type])}
          />
        </Paper>
      )}
    </Stack>
  );
}

/** What Verify chain found: the head it reached, or where the chain breaks; the app's own warnings; the export key. */
function VerifyResult({ view, onClose }: { view: AuditVerifyView; onClose: () => void }) {
  const t = useT();
  return (
    <Alert severity={view.ok ? (view.warnings.length > 0 ? 'warning' : 'success') : 'error'} onClose={onClose}>
      <AlertTitle>
        {view.ok
          ? t('Chain verified: {{records}} records, head {{head}}', { records: view.count, head: headText(view.head) })
          : t('Chain broken at record {{seq}}: {{reason}}', { seq: view.brokenAt ?? '?', reason: view.reason ?? '' })}
      </AlertTitle>
      {view.warnings.length > 0 && (
        <>
          {t('The trail itself records where it was cut or lost records:')}
          <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
            {view.warnings.map((w) => (
              <li key={w.seq}>{t('Record #{{seq}}: {{action}}, {{at}}', { seq: w.seq, action: actionLabel(w.action), at: formatDateTime(w.at) })}</li>
            ))}
          </Box>
        </>
      )}
      <Box sx={{ wordBreak: 'break-all' }}>
        {view.exportKeyFingerprint
          ? withElement(t('Export key fingerprint: {{fingerprint}}', { fingerprint: SLOT }), <code>{view.exportKeyFingerprint}</code>)
          : t('Export key fingerprint: none yet (the export key is made at the first export).')}
      </Box>
    </Alert>
  );
}
