import AddIcon from '@mui/icons-material/Add';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import VpnKeyOutlined from '@mui/icons-material/VpnKeyOutlined';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { KeyType, KeyTypeLabels, LifecycleStatus, LifecycleStatusLabels } from '../../../shared/domain';
import { errorMessage } from '../api';
import { EmptyState } from '../components/EmptyState';
import { GuardedButton } from '../components/GuardedButton';
import { StatusChip } from '../components/StatusChip';
import { formatDate } from '../format';
import { useKeys } from '../store/keys';
import { useSession } from '../store/session';
import { AddKeyDialog } from './AddKeyDialog';
import { ImportKeyDialog } from './ImportKeyDialog';
import { algorithmLabel, rotationLabel } from './labels';

export function KeyManagementPanel({ keyStoreId, onCountChange }: { keyStoreId: string; onCountChange: () => void }) {
  const { items, load, put } = useKeys();
  const navigate = useSession((s) => s.navigate);
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [type, setType] = useState<KeyType | 'all'>('all');
  const [status, setStatus] = useState<LifecycleStatus | 'all'>('all');

  useEffect(() => {
    load(keyStoreId).catch((err) => setError(errorMessage(err)));
    // The scheduler rotates and deletes keys on its own: refresh when it says so.
    return window.skm.on('data.changed', ({ scope }) => {
      if (scope === 'keys') void load(keyStoreId).catch(() => undefined);
    });
  }, [keyStoreId, load]);

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (items ?? []).filter(
      (k) => (!needle || k.name.toLowerCase().includes(needle)) && (type === 'all' || k.type === type) && (status === 'all' || k.status === status),
    );
  }, [items, search, type, status]);

  const closeDialog = (created?: Parameters<typeof put>[0]) => {
    setDialog(null);
    if (created) {
      put(created);
      onCountChange();
    }
  };

  const actions = (
    <Stack direction="row" spacing={1}>
      <GuardedButton permission="change" variant="outlined" startIcon={<FileUploadOutlined />} onClick={() => setDialog('import')}>
        Import Key
      </GuardedButton>
      <GuardedButton permission="change" variant="contained" startIcon={<AddIcon />} onClick={() => setDialog('add')}>
        Add Key
      </GuardedButton>
    </Stack>
  );

  return (
    <Stack spacing={2}>
      {error && <Alert severity="error">{error}</Alert>}
      {!items && !error && <LinearProgress aria-label="Loading keys" />}
      {items && items.length === 0 && (
        <EmptyState icon={<VpnKeyOutlined />} title="No keys yet" action={actions}>
          Add Confidential Data, a Symmetric Key or an Asymmetric Key, or import an existing AES-256 key.
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <>
          <Stack direction="row" spacing={2} alignItems="center" useFlexGap flexWrap="wrap">
            <TextField size="small" label="Search by name" value={search} onChange={(e) => setSearch(e.target.value)} type="search" />
            <TextField size="small" select label="Type" value={type} onChange={(e) => setType(e.target.value as KeyType | 'all')} sx={{ minWidth: 180 }}>
              <MenuItem value="all">All types</MenuItem>
              {KeyType.options.map((t) => (
                <MenuItem key={t} value={t}>
                  {KeyTypeLabels[t]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              select
              label="Status"
              value={status}
              onChange={(e) => setStatus(e.target.value as LifecycleStatus | 'all')}
              sx={{ minWidth: 200 }}
            >
              <MenuItem value="all">All statuses</MenuItem>
              {LifecycleStatus.options.map((s) => (
                <MenuItem key={s} value={s}>
                  {LifecycleStatusLabels[s]}
                </MenuItem>
              ))}
            </TextField>
            <Stack sx={{ flexGrow: 1 }} />
            {actions}
          </Stack>
          <TableContainer component={Paper} variant="outlined">
            <Table aria-label="Keys" size="small">
              <TableHead>
                <TableRow>
                  <TableCell>Name</TableCell>
                  <TableCell>Type</TableCell>
                  <TableCell>Algorithm</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell align="right">Version</TableCell>
                  <TableCell>Rotation cycle</TableCell>
                  <TableCell>Next rotation</TableCell>
                  <TableCell>Created</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map((k) => (
                  <TableRow key={k.id} hover>
                    <TableCell>
                      <Link component="button" underline="hover" sx={{ fontWeight: 500 }} onClick={() => navigate({ name: 'key', keyStoreId, keyId: k.id })}>
                        {k.name}
                      </Link>
                    </TableCell>
                    <TableCell>{KeyTypeLabels[k.type]}</TableCell>
                    <TableCell>{algorithmLabel(k)}</TableCell>
                    <TableCell>
                      <StatusChip status={k.status} />
                    </TableCell>
                    <TableCell align="right">{k.currentVersion}</TableCell>
                    <TableCell>{rotationLabel(k)}</TableCell>
                    <TableCell>{formatDate(k.nextRotationAt)}</TableCell>
                    <TableCell>{formatDate(k.createdAt)}</TableCell>
                  </TableRow>
                ))}
                {shown.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={8}>
                      <Typography color="text.secondary" sx={{ py: 2, textAlign: 'center' }}>
                        No keys match the search and filters.
                      </Typography>
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
      {dialog === 'add' && <AddKeyDialog keyStoreId={keyStoreId} onClose={closeDialog} />}
      {dialog === 'import' && <ImportKeyDialog keyStoreId={keyStoreId} onClose={closeDialog} />}
    </Stack>
  );
}
