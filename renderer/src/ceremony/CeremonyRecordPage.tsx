import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, type ReactNode } from 'react';
import type { CeremonyRecordView } from '../../../shared/audit';
import { KeyTypeLabels, type KeyType } from '../../../shared/domain';
import { call } from '../api';
import { actionLabel, actorLabel, headText, itemLabel, OutcomeChip, AuditRecordHeadings } from '../audit/labels';
import { DetailList } from '../components/DetailList';
import { PageHeading } from '../components/PageHeading';
import { NO_PRINT } from '../components/print';
import { SignatureLine } from '../components/SignatureLine';
import { useLoaded } from '../components/useLoaded';
import { formatDateTime } from '../format';
import { t, useT } from '../i18n';
import { useSession } from '../store/session';

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;
/** On paper the tables get the page's width only: tighter cells keep every column on it. */
const printCells = { '@media print': { '& .MuiTableCell-root': { px: 0.75 } } } as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title} sx={{ breakInside: 'auto' }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

const typeLabel = (type: string): string => (type in KeyTypeLabels ? t(KeyTypeLabels[type as KeyType]) : type === 'deleted' ? t('Deleted since') : type);

/**
 * The ceremony record: what the officers check and sign. The page is its own printout (Print hides the console
 * around it); in Electron the print dialog can also save it as PDF.
 */
export function CeremonyRecordPage({ id }: { id: string }) {
  const t = useT();
  const navigate = useSession((s) => s.navigate);
  const fetch = useCallback(() => call('ceremony.record', { id }), [id]);
  const { value: record, error } = useLoaded(fetch);

  return (
    <Stack spacing={2}>
      <Stack direction="row" justifyContent="space-between" className={NO_PRINT}>
        <Button startIcon={<ArrowBackIcon />} onClick={() => navigate({ name: 'ceremonies' })}>
          {t('Ceremonies')}
        </Button>
        <Button variant="contained" startIcon={<PrintOutlined />} disabled={!record} onClick={() => window.print()}>
          {t('Print')}
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {!record && !error && <LinearProgress aria-label={t('Loading the ceremony record')} />}
      {record && <Record record={record} />}
    </Stack>
  );
}

function Record({ record }: { record: CeremonyRecordView }) {
  const t = useT();
  const c = record.ceremony;
  return (
    <Paper variant="outlined" sx={{ p: 4, '@media print': { border: 0, p: 0 } }}>
      <Stack spacing={3}>
        <Box>
          <Typography variant="overline" color="text.secondary">
            {t('Key ceremony record')}
          </Typography>
          <PageHeading variant="h4" title={[c.title, t('Ceremonies')]}>
            {c.title}
          </PageHeading>
        </Box>
        {!c.endedAt && <Alert severity="info">{t('This ceremony is still running: the record shows what has happened so far. End ceremony closes it.')}</Alert>}
        <DetailList
          items={[
            [
              t('Ceremony'),
              <Box component="code" key="id" sx={mono}>
                {c.id}
              </Box>,
            ],
            [t('Officers present'), c.officers.join(', ')],
            [t('Started'), t('{{at}} by {{member}}', { at: formatDateTime(c.startedAt), member: c.startedBy })],
            [t('Ended'), c.endedAt ? formatDateTime(c.endedAt) : t('Still running')],
            [
              t('Audit chain at start'),
              <Box component="span" key="s" sx={mono}>
                {headText(record.startHead)}
              </Box>,
            ],
            [
              c.endedAt ? t('Audit chain at end') : t('Audit chain now'),
              <Box component="span" key="e" sx={mono}>
                {headText(record.endHead)}
              </Box>,
            ],
          ]}
        />

        <Section title={t('Keys created ({{n}})', { n: record.keys.length })}>
          {record.keys.length === 0 ? (
            <Typography color="text.secondary">{t('No key was added or imported during this ceremony.')}</Typography>
          ) : (
            <Table size="small" aria-label={t('Keys created')} sx={printCells}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('Key')}</TableCell>
                  <TableCell>{t('Key ID')}</TableCell>
                  <TableCell>{t('Type / algorithm')}</TableCell>
                  <TableCell>{t('Fingerprint')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {record.keys.map((k) => (
                  <TableRow key={k.keyId}>
                    <TableCell>
                      <Box sx={{ fontWeight: 500 }}>{k.keyName}</Box>
                      <Typography variant="caption" color="text.secondary">
                        {k.keyStoreName}
                      </Typography>
                    </TableCell>
                    <TableCell sx={mono}>{k.keyId}</TableCell>
                    <TableCell>
                      {typeLabel(k.type)}
                      {k.algorithm && ` · ${k.algorithm}`}
                      {k.version > 0 && ` · ${t('version {{version}}', { version: k.version })}`}
                    </TableCell>
                    <TableCell>
                      {k.publicKeyFingerprint || k.keyCheckValue ? (
                        <>
                          <Typography variant="caption" color="text.secondary" component="div">
                            {k.publicKeyFingerprint ? t('Public key SHA-256') : t('Key check value')}
                          </Typography>
                          <Box component="span" sx={mono}>
                            {k.publicKeyFingerprint ?? k.keyCheckValue}
                          </Box>
                        </>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Section>

        <Section title={t('Actions ({{n}})', { n: record.actions.length })}>
          {record.actions.length === 0 ? (
            <Typography color="text.secondary">{t('Nothing was done during this ceremony.')}</Typography>
          ) : (
            <Table size="small" aria-label={t('Actions')} sx={printCells}>
              <TableHead>
                <AuditRecordHeadings />
              </TableHead>
              <TableBody>
                {record.actions.map((r) => (
                  <TableRow key={r.seq}>
                    <TableCell align="right">{r.seq}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.at)}</TableCell>
                    <TableCell>{actorLabel(r.actor)}</TableCell>
                    <TableCell>
                      {actionLabel(r.action)}
                      {r.count !== undefined && ` ${t('({{n}}×)', { n: r.count })}`}
                    </TableCell>
                    <TableCell>{r.target?.keyStoreName ?? ''}</TableCell>
                    <TableCell>{itemLabel(r.target)}</TableCell>
                    <TableCell>
                      <OutcomeChip outcome={r.outcome} code={r.code} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Section>

        <Section title={t('Signatures')}>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
            {t('By signing, each officer confirms being present and that the actions and keys above are what happened during the ceremony.')}
          </Typography>
          <Stack spacing={4}>
            {c.officers.map((name, i) => (
              <SignatureLine key={`${i}-${name}`} name={name} />
            ))}
          </Stack>
        </Section>
      </Stack>
    </Paper>
  );
}
