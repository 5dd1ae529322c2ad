import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutline';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import { useId, useState } from 'react';
import { FormDialog } from '../components/FormDialog';
import type { AuthEntryView } from '../../../shared/domain';
import { ApiError, errorMessage } from '../api';
import { useChange, useStaging } from '../approval/ChangeSink';
import { ProgressNote } from '../components/ProgressNote';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { AUTH_KIND_TEXT } from './kinds';
import { CodeField } from '../components/CodeField';

/** A pasted list: one entry per line or separated by commas, blanks dropped, each entry once (later repeats are noted). */
export function splitEntries(text: string): Array<{ entry: string; repeatOf: number | null }> {
  const seen = new Map<string, number>();
  return text
    .split(/[\r\n,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry, index) => {
      const key = entry.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      return { entry, repeatOf: first ?? null };
    });
}

/** Enough for a whole subnet plan in one paste; each entry is its own call (and its own audit record). */
const MAX_ENTRIES = 500;

type Outcome = { entry: string; line: number } & (
  { kind: 'added'; stored: string } | { kind: 'staged' } | { kind: 'refused'; reason: string } | { kind: 'repeat'; of: number }
);

/**
 * Add IPv4 Address / Add MAC Address: one address, or a pasted list (issue 12, item 11). A list is sent entry by entry
 * through the same channel (so with the Approval Feature on, each is staged), and the dialog then reports per line
 * what was added and what was refused, in main's words. The description applies to every entry.
 */
export function AddAddressDialog({
  keyStoreId,
  kind,
  onClose,
  onAdded,
}: {
  keyStoreId: string;
  kind: 'ipv4' | 'mac';
  /** With the entry when exactly one was added; a list's entries come through `onAdded`. */
  onClose: (created?: AuthEntryView) => void;
  /** Each entry as it is added (a list adds several). */
  onAdded?: (created: AuthEntryView) => void;
}) {
  const t = useT();
  const text = AUTH_KIND_TEXT[kind];
  const [address, setAddress] = useState('');
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState<{ done: number; of: number } | null>(null);
  const [report, setReport] = useState<Outcome[] | null>(null);
  const change = useChange();
  const staging = useStaging();
  const reportTitleId = useId();

  const add = (entry: string) => {
    const input = { keyStoreId, address: entry, description };
    return kind === 'ipv4' ? change('auth.addIpv4', input) : change('auth.addMac', input);
  };

  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    const entries = splitEntries(address);
    if (entries.length <= 1) {
      // One entry (or none: main says what to type) works as it always did: its error under the field.
      const created = await add(entries[0]?.entry ?? address);
      if (created) {
        onAdded?.(created);
        notify(t('{{address}} added.', { address: created.name }));
      }
      onClose(created);
      return;
    }
    if (entries.length > MAX_ENTRIES) {
      throw new ApiError({
        code: 'VALIDATION_FAILED',
        message: t('{{n}} entries were pasted; add at most {{max}} at a time.', { n: entries.length, max: MAX_ENTRIES }),
        field: 'address',
      });
    }
    const outcomes: Outcome[] = [];
    setProgress({ done: 0, of: entries.length });
    try {
      for (const [index, { entry, repeatOf }] of entries.entries()) {
        const line = index + 1;
        if (repeatOf !== null) {
          outcomes.push({ entry, line, kind: 'repeat', of: repeatOf + 1 });
          continue;
        }
        try {
          const created = await add(entry);
          if (created) onAdded?.(created);
          outcomes.push(created ? { entry, line, kind: 'added', stored: created.name } : { entry, line, kind: 'staged' });
        } catch (err) {
          // A bad description is wrong for every line: stop, and show it under its field.
          if (err instanceof ApiError && (err.field === 'description' || err.fields?.description !== undefined)) throw err;
          outcomes.push({ entry, line, kind: 'refused', reason: errorMessage(err) });
        }
        setProgress({ done: line, of: entries.length });
      }
    } finally {
      setProgress(null);
    }
    setReport(outcomes);
  });

  if (report) {
    const count = (k: Outcome['kind']) => report.filter((o) => o.kind === k).length;
    const refused = report.filter((o) => o.kind === 'refused');
    const summary = staging
      ? t('{{staged}} staged in Key Store Management, {{refused}} refused, {{repeats}} repeated in the list.', {
          staged: count('staged'),
          refused: refused.length,
          repeats: count('repeat'),
        })
      : t('{{added}} added, {{refused}} refused, {{repeats}} repeated in the list.', {
          added: count('added'),
          refused: refused.length,
          repeats: count('repeat'),
        });
    const result = (o: Outcome): string => {
      switch (o.kind) {
        case 'added':
          return o.stored === o.entry ? t('Added') : t('Added as {{address}}', { address: o.stored });
        case 'staged':
          return t('Staged for approval');
        case 'refused':
          return o.reason;
        case 'repeat':
          return t('Repeats line {{line}}: added once', { line: o.of });
      }
    };
    return (
      <Dialog open onClose={() => onClose()} fullWidth maxWidth="md" aria-labelledby={reportTitleId}>
        <DialogTitle id={reportTitleId}>{t(text.add)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Alert severity={refused.length > 0 ? 'warning' : 'success'} role="status">
              {summary}
            </Alert>
            <TableContainer sx={{ maxHeight: 420 }}>
              <Table size="small" stickyHeader aria-label={t('Results per line')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('Line')}</TableCell>
                    <TableCell>{t(text.field)}</TableCell>
                    <TableCell>{t('Result')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.map((o) => (
                    <TableRow key={o.line}>
                      <TableCell>{o.line}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{o.entry}</TableCell>
                      <TableCell>
                        <Stack direction="row" spacing={1} alignItems="flex-start">
                          {o.kind === 'refused' ? (
                            <ErrorOutline fontSize="small" color="error" aria-label={t('Refused')} />
                          ) : (
                            <CheckCircleOutline fontSize="small" color={o.kind === 'repeat' ? 'disabled' : 'success'} aria-hidden />
                          )}
                          <span>{result(o)}</span>
                        </Stack>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Stack>
        </DialogContent>
        <DialogActions>
          {refused.length > 0 && (
            <Button
              onClick={() => {
                // Back to the form with only what was refused, to correct and add again.
                setAddress(refused.map((o) => o.entry).join('\n'));
                setReport(null);
              }}
            >
              {t('Correct the refused lines')}
            </Button>
          )}
          <Button variant="contained" onClick={() => onClose()}>
            {t('Close')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <FormDialog title={t(text.add)} submitLabel={t('Add')} busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <CodeField
        label={t(text.field)}
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        required
        autoFocus
        minRows={1}
        maxRows={10}
        disabled={busy}
        {...errors.fieldProps('address', `${t(text.example)} ${t('To add several, paste them one per line or separated by commas.')}`)}
        onKeyDown={(e) => {
          // Enter submits a single address as before; Shift+Enter starts another line (a paste keeps its lines).
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            (e.target as HTMLElement).closest('form')?.requestSubmit();
          }
        }}
      />
      <TextField
        label={t('Description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        disabled={busy}
        {...errors.fieldProps('description', t('Applies to every address added.'))}
      />
      {progress && <ProgressNote label={t('Adding')} text={t('Added {{done}} of {{of}}…', progress)} />}
    </FormDialog>
  );
}
