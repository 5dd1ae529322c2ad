import AutorenewIcon from '@mui/icons-material/Autorenew';
import EditIcon from '@mui/icons-material/Edit';
import Alert from '@mui/material/Alert';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { KeyTypeLabels, type KeyStoreView, type KeyView } from '../../../shared/domain';
import { ApiError, call, errorMessage } from '../api';
import { useChange } from '../approval/ChangeSink';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { LifecycleActions } from '../components/LifecycleActions';
import { StatusChip } from '../components/StatusChip';
import { useCan } from '../components/useCan';
import { formatDate } from '../format';
import { useKeys } from '../store/keys';
import { useSession } from '../store/session';
import { AsymmetricConsole } from './AsymmetricConsole';
import { ConfidentialConsole } from './ConfidentialConsole';
import { EditKeyDialog } from './EditKeyDialog';
import { ALLOW_EXPORT_TEXT, algorithmLabel, rotationLabel } from './labels';
import { SymmetricConsole } from './SymmetricConsole';

type Pending = 'rotate' | 'edit' | 'export-on' | null;

/** Detail Key Information: metadata, versions, lifecycle actions and the console for using the key. */
export function KeyDetailPage({ keyStoreId, keyId }: { keyStoreId: string; keyId: string }) {
  const navigate = useSession((s) => s.navigate);
  const { put, remove } = useKeys();
  const [key, setKey] = useState<KeyView | null>(null);
  const [store, setStore] = useState<KeyStoreView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const use = useCan('use');

  const load = useCallback(() => {
    call('keys.get', { keyId }).then(setKey, (err) => {
      setKey(null);
      setError(err instanceof ApiError && err.code === 'KEY_NOT_FOUND' ? 'This key has been deleted.' : errorMessage(err));
    });
  }, [keyId]);

  useEffect(() => {
    load();
    call('keystores.get', { id: keyStoreId }).then(setStore, () => undefined);
    return window.skm.on('data.changed', ({ scope }) => scope === 'keys' && load());
  }, [keyStoreId, load]);

  const change = useChange();
  const changed = (view: KeyView | undefined) => {
    if (!view) return;
    setKey(view);
    put(view);
  };
  const backToList = () => navigate({ name: 'keystore', id: keyStoreId });
  const setAllowExport = async (allowExport: boolean) => changed(await change('keys.update', { keyId, allowExport }));
  const turnExportOff = () => {
    setExportError(null);
    setAllowExport(false).catch((err) => setExportError(errorMessage(err)));
  };

  return (
    <Stack spacing={2}>
      <Breadcrumbs aria-label="Breadcrumb">
        <Link component="button" underline="hover" onClick={() => navigate({ name: 'keystores' })}>
          Key Depository
        </Link>
        <Link component="button" underline="hover" onClick={backToList}>
          {store?.name ?? 'Key store'}
        </Link>
        <Typography color="text.primary">{key?.name ?? '…'}</Typography>
      </Breadcrumbs>
      {error && (
        <Alert severity="error" action={<Button onClick={backToList}>Back to Key Management</Button>}>
          {error}
        </Alert>
      )}
      {!key && !error && <LinearProgress aria-label="Loading key" />}
      {key && (
        <>
          <Stack direction="row" alignItems="center" spacing={2} useFlexGap flexWrap="wrap">
            <Typography variant="h5" component="h1">
              {key.name}
            </Typography>
            <StatusChip status={key.status} />
            <Stack sx={{ flexGrow: 1 }} />
            <GuardedButton permission="change" variant="outlined" startIcon={<EditIcon />} onClick={() => setPending('edit')}>
              Edit
            </GuardedButton>
            <LifecycleActions
              name={key.name}
              noun="key"
              status={key.status}
              onRequest={async () => changed(await change('keys.requestDeletion', { keyId }))}
              onCancel={async () => changed(await change('keys.cancelDeletion', { keyId }))}
              onDeleteNow={async (typed) => {
                await change('keys.deleteNow', { keyId, confirmName: typed });
                remove(keyId);
                backToList();
              }}
              deleteConsequence={`"${key.name}" and all its versions are deleted now, for good. Anything still encrypted under it can never be decrypted again.`}
            >
              {key.type !== 'confidential' && key.origin === 'generated' && (
                <GuardedButton permission="change" variant="outlined" startIcon={<AutorenewIcon />} onClick={() => setPending('rotate')}>
                  Immediately Rotate
                </GuardedButton>
              )}
            </LifecycleActions>
          </Stack>

          {key.status === 'scheduled-for-deletion' && (
            <Alert severity="warning">
              Scheduled to be Deleted on {formatDate(key.deletionDate)}. Until then every use of this key is refused; Cancel Deletion to keep it.
            </Alert>
          )}

          <Paper variant="outlined" sx={{ p: 3 }}>
            <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
              Detail Key Information
            </Typography>
            <DetailList
              items={[
                ['Key Id', <code key="id">{key.id}</code>],
                ['Type', KeyTypeLabels[key.type]],
                ['Algorithm', algorithmLabel(key)],
                ['Status', <StatusChip key="s" status={key.status} />],
                ['Origin', key.origin === 'imported' ? 'Imported' : 'Generated in this vault'],
                ['Description', key.description || '—'],
                ['Created', formatDate(key.createdAt)],
                ['Rotation cycle', rotationLabel(key)],
                ['Next rotation date', formatDate(key.nextRotationAt)],
                ['Deletion date', formatDate(key.deletionDate)],
                ...(key.type === 'confidential'
                  ? []
                  : ([
                      [
                        'Allow export',
                        <Stack key="x" component="span" direction="row" spacing={1.5} alignItems="center">
                          <span>{key.allowExport ? 'On' : 'Off'}</span>
                          <GuardedButton
                            permission="change"
                            size="small"
                            variant="outlined"
                            aria-label={key.allowExport ? 'Turn off Allow export' : 'Turn on Allow export'}
                            onClick={() => (key.allowExport ? turnExportOff() : setPending('export-on'))}
                          >
                            {key.allowExport ? 'Turn off' : 'Turn on'}
                          </GuardedButton>
                        </Stack>,
                      ],
                    ] as Array<[string, ReactNode]>)),
                ['API calls', key.apiCalls.toLocaleString()],
                ['Last API call', key.lastApiCallAt ? formatDate(key.lastApiCallAt) : 'Never'],
              ]}
            />
            {exportError && (
              <Alert severity="error" sx={{ mt: 2 }} onClose={() => setExportError(null)}>
                {exportError}
              </Alert>
            )}
          </Paper>

          {key.type !== 'confidential' && (
            <Paper variant="outlined" sx={{ p: 3 }}>
              <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
                Versions
              </Typography>
              <Table size="small" aria-label="Versions">
                <TableHead>
                  <TableRow>
                    <TableCell>Version</TableCell>
                    <TableCell>Created</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {[...key.versions].reverse().map((v) => (
                    <TableRow key={v.version}>
                      <TableCell>{v.version}</TableCell>
                      <TableCell>{formatDate(v.createdAt)}</TableCell>
                      <TableCell>
                        {v.version === key.currentVersion ? 'Current: used for new encryptions and signatures' : 'Still decrypts and verifies'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Paper>
          )}

          <Paper variant="outlined" sx={{ p: 3 }}>
            <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
              {key.type === 'confidential' ? 'Data' : key.type === 'symmetric' ? 'Encrypt and decrypt' : 'Sign and verify'}
            </Typography>
            {use.hidden && (
              <Alert severity="info" sx={{ mb: 2 }}>
                {use.reason}
              </Alert>
            )}
            {key.type === 'confidential' && !use.hidden && <ConfidentialConsole keyView={key} />}
            {key.type === 'symmetric' && !use.hidden && <SymmetricConsole keyView={key} />}
            {key.type === 'asymmetric' && <AsymmetricConsole keyView={key} publicOnly={use.hidden} />}
          </Paper>

          {pending === 'edit' && (
            <EditKeyDialog
              keyView={key}
              onClose={(saved) => {
                setPending(null);
                if (saved) changed(saved);
              }}
            />
          )}
          {pending === 'export-on' && (
            <ConfirmDialog title="Allow export" confirmLabel="Allow export" onClose={() => setPending(null)} onConfirm={() => setAllowExport(true)}>
              {ALLOW_EXPORT_TEXT} Turn it off again at any time; material already read stays with those programs.
            </ConfirmDialog>
          )}
          {pending === 'rotate' && (
            <ConfirmDialog
              title="Immediately Rotate"
              confirmLabel="Immediately Rotate"
              onClose={() => setPending(null)}
              onConfirm={async () => changed(await change('keys.rotate', { keyId }))}
            >
              A new version {key.currentVersion + 1} is created now and used for new encryptions and signatures. Data protected by older versions stays
              readable.
            </ConfirmDialog>
          )}
        </>
      )}
    </Stack>
  );
}
