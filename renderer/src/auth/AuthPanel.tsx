import AddIcon from '@mui/icons-material/Add';
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedUserOutlined from '@mui/icons-material/VerifiedUserOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { visuallyHidden } from '@mui/utils';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import { useCallback, useEffect, useState } from 'react';
import type { AuthEntryView, AuthKind } from '../../../shared/domain';
import { call, errorMessage } from '../api';
import { EmptyState } from '../components/EmptyState';
import { GuardedButton, GuardedIconButton } from '../components/GuardedButton';
import { StatusChip } from '../components/StatusChip';
import { formatDate } from '../format';
import { AddAddressDialog } from './AddAddressDialog';
import { AddCertificateDialog } from './AddCertificateDialog';
import { AuthEntryDialog } from './AuthEntryDialog';
import { deliver } from './deliver';
import { AUTH_KIND_TEXT } from './kinds';
import { upsertById } from '../store/upsert';

/** IPv4 Address Management, MAC Address Management or Certificate Management of one key store. */
export function AuthPanel({ keyStoreId, kind }: { keyStoreId: string; kind: AuthKind }) {
  const text = AUTH_KIND_TEXT[kind];
  const [items, setItems] = useState<AuthEntryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    call('auth.list', { keyStoreId, kind }).then(setItems, (err) => setError(errorMessage(err)));
  }, [keyStoreId, kind]);
  useEffect(() => {
    load();
    return window.skm.on('data.changed', ({ scope }) => scope === 'auth' && load());
  }, [load]);

  const put = (view: AuthEntryView) => setItems((cur) => upsertById(cur, view));
  const download = async (entry: AuthEntryView) => setNotice(deliver(await call('auth.downloadCertificate', { id: entry.id })));
  const downloadCa = () =>
    call('auth.downloadCaCertificate', { keyStoreId }).then(
      (r) => setNotice(deliver(r)),
      (err) => setError(errorMessage(err)),
    );
  const downloadCrl = () =>
    call('auth.downloadCrl', { keyStoreId }).then(
      (r) => setNotice(deliver(r)),
      (err) => setError(errorMessage(err)),
    );
  const isCert = kind === 'certificate';
  const open = items?.find((e) => e.id === openId);

  const actions = (
    <Stack direction="row" spacing={1}>
      {isCert && (
        <GuardedButton permission="use" variant="outlined" startIcon={<DownloadIcon />} onClick={downloadCa}>
          Download CA certificate
        </GuardedButton>
      )}
      {isCert && (
        <GuardedButton permission="use" variant="outlined" startIcon={<DownloadIcon />} onClick={downloadCrl}>
          Download CRL
        </GuardedButton>
      )}
      <GuardedButton permission="change" variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
        {text.add}
      </GuardedButton>
    </Stack>
  );

  return (
    <Stack spacing={2}>
      {error && (
        <Alert severity="error" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {!items && !error && <LinearProgress aria-label={`Loading ${text.tab}`} />}
      {items && items.length === 0 && (
        <EmptyState icon={<VerifiedUserOutlined />} title={`No ${text.noun}${isCert ? 's' : 'es'} yet`} action={actions}>
          {text.empty}
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <>
          <Stack direction="row" justifyContent="flex-end">
            {actions}
          </Stack>
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={text.tab}>
              <TableHead>
                <TableRow>
                  <TableCell>{isCert ? 'Name' : text.field}</TableCell>
                  <TableCell>Description</TableCell>
                  <TableCell>Status</TableCell>
                  {isCert && <TableCell>Valid from</TableCell>}
                  {isCert && <TableCell>Valid to</TableCell>}
                  {isCert && <TableCell>Serial</TableCell>}
                  {isCert && <TableCell>Fingerprint (SHA-256)</TableCell>}
                  <TableCell>Created</TableCell>
                  {isCert && (
                    <TableCell>
                      <Box component="span" sx={visuallyHidden}>
                        Download
                      </Box>
                    </TableCell>
                  )}
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map((e) => (
                  <TableRow key={e.id} hover>
                    <TableCell>
                      <Link
                        component="button"
                        underline="hover"
                        sx={{ fontWeight: 500, whiteSpace: 'nowrap', fontFamily: isCert ? undefined : 'monospace' }}
                        onClick={() => setOpenId(e.id)}
                      >
                        {e.name}
                      </Link>
                    </TableCell>
                    <TableCell sx={{ color: 'text.secondary' }}>{e.description || '—'}</TableCell>
                    <TableCell>
                      <StatusChip status={e.status} expired={e.certificate?.expired} />
                    </TableCell>
                    {e.certificate && <TableCell>{formatDate(e.certificate.validFrom)}</TableCell>}
                    {e.certificate && <TableCell>{formatDate(e.certificate.validTo)}</TableCell>}
                    {e.certificate && (
                      <TableCell>
                        <code>{e.certificate.serial.slice(0, 12)}…</code>
                      </TableCell>
                    )}
                    {e.certificate && (
                      <TableCell>
                        <Tooltip title={e.certificate.fingerprint}>
                          <code>{e.certificate.fingerprint.slice(0, 17)}…</code>
                        </Tooltip>
                      </TableCell>
                    )}
                    <TableCell>{formatDate(e.createdAt)}</TableCell>
                    {isCert && (
                      <TableCell padding="checkbox">
                        <GuardedIconButton
                          permission="use"
                          aria-label="Download"
                          disabled={e.status !== 'in-service'}
                          onClick={() => download(e).catch((err) => setError(errorMessage(err)))}
                        >
                          <DownloadIcon fontSize="small" />
                        </GuardedIconButton>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
      {adding && kind !== 'certificate' && (
        <AddAddressDialog
          keyStoreId={keyStoreId}
          kind={kind}
          onClose={(v) => {
            setAdding(false);
            if (v) put(v);
          }}
        />
      )}
      {adding && kind === 'certificate' && (
        <AddCertificateDialog
          keyStoreId={keyStoreId}
          onClose={(v) => {
            setAdding(false);
            if (v) put(v);
          }}
        />
      )}
      {open && (
        <AuthEntryDialog
          entry={open}
          onChanged={put}
          onDeleted={(id) => {
            setOpenId(null);
            setItems((cur) => cur?.filter((e) => e.id !== id) ?? null);
          }}
          onDownload={download}
          onClose={() => setOpenId(null)}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice ?? ''} />
    </Stack>
  );
}
