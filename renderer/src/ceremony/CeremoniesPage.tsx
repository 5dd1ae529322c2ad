import EventNoteOutlined from '@mui/icons-material/EventNoteOutlined';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api';
import { EmptyState } from '../components/EmptyState';
import { GuardedButton } from '../components/GuardedButton';
import { PageHeading } from '../components/PageHeading';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { useCeremonies } from '../store/ceremony';
import { useSession } from '../store/session';
import { StartCeremonyDialog } from './StartCeremonyDialog';

/** Ceremonies: start one (ADMIN) with the officers present, and every ceremony's record, newest first. */
export function CeremoniesPage() {
  const t = useT();
  const { list, running, refresh } = useCeremonies();
  const navigate = useSession((s) => s.navigate);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // AppShell loaded the list at unlock and every start and end refreshes it; ask again only if that failed.
  const loaded = list !== null;
  useEffect(() => {
    if (loaded) return;
    refresh().then(
      () => setError(null),
      (err) => setError(errorMessage(err)),
    );
  }, [refresh, loaded]);

  const startButton = (
    <GuardedButton
      permission="admin"
      variant="contained"
      startIcon={<PlayArrowIcon />}
      disabled={!!running}
      title={running ? t('End "{{title}}" before starting another.', { title: running.title }) : undefined}
      onClick={() => setStarting(true)}
    >
      {t('Start ceremony')}
    </GuardedButton>
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" alignItems="center" justifyContent="space-between">
        <PageHeading>{t('Ceremonies')}</PageHeading>
        {list && list.length > 0 && startButton}
      </Stack>
      <Typography color="text.secondary">
        {t(
          'A key ceremony is a witnessed span of the audit trail: Start ceremony with the officers present, do the work (add or import keys), then End ceremony. Its record lists every action in the span, the keys made with their fingerprints, and the chain heads at start and end, for the officers to print and sign.',
        )}
      </Typography>
      {error && <Alert severity="error">{error}</Alert>}
      {running && <Alert severity="info">{t('"{{title}}" is running: End ceremony in the banner above closes its record.', { title: running.title })}</Alert>}
      {!list && !error && <LinearProgress aria-label={t('Loading ceremonies')} />}
      {list && list.length === 0 && (
        <EmptyState icon={<EventNoteOutlined />} title={t('No ceremonies yet')} action={startButton}>
          {t(
            'Start ceremony when the officers are present, before the keys are made. An ADMIN starts and ends ceremonies; every member can read their records.',
          )}
        </EmptyState>
      )}
      {list && list.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table aria-label={t('Ceremonies')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('Title')}</TableCell>
                <TableCell>{t('Officers present')}</TableCell>
                <TableCell>{t('Started')}</TableCell>
                <TableCell>{t('Ended')}</TableCell>
                <TableCell>{t('Started by')}</TableCell>
                <TableCell align="right">{t('Record')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((c) => (
                <TableRow key={c.id} hover>
                  <TableCell sx={{ fontWeight: 500 }}>{c.title}</TableCell>
                  <TableCell>{c.officers.join(', ')}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.startedAt)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {c.endedAt ? formatDateTime(c.endedAt) : <Chip size="small" color="info" label={t('In progress')} />}
                  </TableCell>
                  <TableCell>{c.startedBy}</TableCell>
                  <TableCell align="right">
                    <Button
                      size="small"
                      aria-label={t('Open the record of {{title}}', { title: c.title })}
                      onClick={() => navigate({ name: 'ceremony', id: c.id })}
                    >
                      {t('Open record')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {starting && <StartCeremonyDialog onClose={() => setStarting(false)} />}
    </Stack>
  );
}
