import AutorenewIcon from '@mui/icons-material/Autorenew';
import EditIcon from '@mui/icons-material/Edit';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import Alert from '@mui/material/Alert';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
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
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { KeyTypeLabels, type KeyStoreView, type KeyView } from '../../../shared/domain';
import { ApiError, call, errorMessage } from '../api';
import { useChange } from '../approval/ChangeSink';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyableCode } from '../components/CopyButton';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { LifecycleActions } from '../components/LifecycleActions';
import { PageHeading } from '../components/PageHeading';
import { StatusChip } from '../components/StatusChip';
import { useCan } from '../components/useCan';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { useKeys } from '../store/keys';
import { notify } from '../store/notify';
import { useSession } from '../store/session';
import { ExportWrappedAction } from '../transfer/ExportWrappedAction';
import { AsymmetricConsole, PublicKeyPanel } from './AsymmetricConsole';
import { ConfidentialConsole } from './ConfidentialConsole';
import { EditKeyDialog } from './EditKeyDialog';
import { ALLOW_EXPORT_TEXT, algorithmLabel, rotationLabel } from './labels';
import { SymmetricConsole } from './SymmetricConsole';

type Pending = 'rotate' | 'edit' | 'export-on' | { publicKey: number } | null;

/** Detail Key Information: metadata, versions, lifecycle actions and the console for using the key. */
export function KeyDetailPage({ keyStoreId, keyId }: { keyStoreId: string; keyId: string }) {
  const t = useT();
  const navigate = useSession((s) => s.navigate);
  const { put, remove } = useKeys();
  const [key, setKey] = useState<KeyView | null>(null);
  const [store, setStore] = useState<KeyStoreView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const use = useCan('use');
  const publicKeyTitleId = useId();

  const load = useCallback(() => {
    call('keys.get', { keyId }).then(setKey, (err) => {
      setKey(null);
      setError(err instanceof ApiError && err.code === 'KEY_NOT_FOUND' ? t('This key has been deleted.') : errorMessage(err));
    });
  }, [keyId, t]);
  const loadStore = useCallback(() => {
    call('keystores.get', { id: keyStoreId }).then(setStore, () => undefined);
  }, [keyStoreId]);

  useEffect(() => {
    load();
    loadStore();
    return window.skm.on('data.changed', ({ scope }) => {
      if (scope === 'keys') load();
      if (scope === 'keystores') loadStore();
    });
  }, [load, loadStore]);

  const change = useChange();
  const changed = (view: KeyView | undefined, words?: (view: KeyView) => string) => {
    if (!view) return;
    setKey(view);
    put(view);
    if (words) notify(words(view));
  };
  const backToList = () => navigate({ name: 'keystore', id: keyStoreId });
  const setAllowExport = async (allowExport: boolean) =>
    changed(await change('keys.update', { keyId, allowExport }), (v) =>
      v.allowExport ? t('Allow export is on for "{{name}}".', { name: v.name }) : t('Allow export is off for "{{name}}".', { name: v.name }),
    );
  const turnExportOff = () => {
    setExportError(null);
    setAllowExport(false).catch((err) => setExportError(errorMessage(err)));
  };
  /** Its key store is Scheduled to be Deleted: the key is neither used nor rotated, whatever its own status. */
  const storeScheduled = store?.status === 'scheduled-for-deletion';
  const usedFor = (isCurrent: boolean): string =>
    key?.type === 'asymmetric'
      ? isCurrent
        ? t('Current: signs new data, and verifies')
        : t('Verifies the signatures it made')
      : isCurrent
        ? t('Current: encrypts new data, and decrypts')
        : t('Decrypts what it encrypted');

  return (
    <Stack spacing={2}>
      <Breadcrumbs aria-label={t('Breadcrumb')}>
        <Link component="button" underline="hover" onClick={() => navigate({ name: 'keystores' })}>
          {t('Key Depository')}
        </Link>
        <Link component="button" underline="hover" onClick={backToList}>
          {store?.name ?? t('Key store')}
        </Link>
        <Typography color="text.primary">{key?.name ?? '…'}</Typography>
      </Breadcrumbs>
      {error && (
        <Alert severity="error" action={<Button onClick={backToList}>{t('Back to Key Management')}</Button>}>
          {error}
        </Alert>
      )}
      {!key && !error && <LinearProgress aria-label={t('Loading key')} />}
      {key && (
        <>
          <Stack direction="row" alignItems="center" spacing={2} useFlexGap flexWrap="wrap">
            <PageHeading title={[key.name, store?.name]}>{key.name}</PageHeading>
            <StatusChip status={key.status} />
            <Stack sx={{ flexGrow: 1 }} />
            <ExportWrappedAction keyView={key} />
            <GuardedButton permission="change" variant="outlined" startIcon={<EditIcon />} onClick={() => setPending('edit')}>
              {t('Edit')}
            </GuardedButton>
            <LifecycleActions
              name={key.name}
              noun={t('key')}
              status={key.status}
              onRequest={async () =>
                changed(await change('keys.requestDeletion', { keyId }), (v) =>
                  t('Deletion of "{{name}}" requested: it will be deleted for good on {{date}}.', { name: v.name, date: formatDate(v.deletionDate) }),
                )
              }
              onCancel={async () =>
                changed(await change('keys.cancelDeletion', { keyId }), (v) => t('Deletion of "{{name}}" cancelled: it is In Service again.', { name: v.name }))
              }
              onDeleteNow={async (typed) => {
                await change('keys.deleteNow', { keyId, confirmName: typed });
                remove(keyId);
                notify(t('Key "{{name}}" deleted.', { name: key.name }));
                backToList();
              }}
              deleteConsequence={t(
                '"{{name}}" and all its versions are deleted now, for good. Anything still encrypted under it can never be decrypted again.',
                {
                  name: key.name,
                },
              )}
            >
              {key.type !== 'confidential' && key.origin === 'generated' && (
                <GuardedButton permission="change" variant="outlined" startIcon={<AutorenewIcon />} onClick={() => setPending('rotate')}>
                  {t('Immediately Rotate')}
                </GuardedButton>
              )}
            </LifecycleActions>
          </Stack>

          {key.status === 'scheduled-for-deletion' && (
            <Alert severity="warning">
              {t('Scheduled to be Deleted on {{date}}. Until then every use of this key is refused; Cancel Deletion to keep it.', {
                date: formatDate(key.deletionDate),
              })}
            </Alert>
          )}
          {storeScheduled && (
            <Alert severity="warning">
              {t(
                'Its key store "{{store}}" is Scheduled to be Deleted on {{date}}: until Cancel Deletion of the key store, this key is neither used nor rotated.',
                { store: store.name, date: formatDate(store.deletionDate) },
              )}
            </Alert>
          )}

          <Paper variant="outlined" sx={{ p: 3 }}>
            <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
              {t('Detail Key Information')}
            </Typography>
            <DetailList
              items={[
                [t('Key Id'), <CopyableCode key="id" value={key.id} what={t('Key Id')} sx={{ my: -0.75 }} />],
                [t('Type'), t(KeyTypeLabels[key.type])],
                [t('Algorithm'), algorithmLabel(key)],
                [t('Status'), <StatusChip key="s" status={key.status} />],
                [t('Origin'), key.origin === 'imported' ? t('Imported') : t('Generated in this vault')],
                [t('Description'), key.description || '—'],
                [t('Created'), formatDate(key.createdAt)],
                [t('Rotation Cycle'), rotationLabel(key)],
                [
                  t('Next rotation date'),
                  storeScheduled && key.nextRotationAt ? t('Paused while the key store is Scheduled to be Deleted') : formatDate(key.nextRotationAt),
                ],
                [t('Deletion date'), formatDate(key.deletionDate)],
                ...(key.type === 'confidential'
                  ? []
                  : ([
                      [
                        t('Allow export'),
                        <Stack key="x" component="span" direction="row" spacing={1.5} alignItems="center">
                          <span>{key.allowExport ? t('On') : t('Off')}</span>
                          <GuardedButton
                            permission="change"
                            size="small"
                            variant="outlined"
                            aria-label={key.allowExport ? t('Turn off Allow export') : t('Turn on Allow export')}
                            onClick={() => (key.allowExport ? turnExportOff() : setPending('export-on'))}
                          >
                            {key.allowExport ? t('Turn off') : t('Turn on')}
                          </GuardedButton>
                        </Stack>,
                      ],
                    ] as Array<[string, ReactNode]>)),
                [t('API calls'), key.apiCalls.toLocaleString()],
                [t('Last API call'), key.lastApiCallAt ? formatDate(key.lastApiCallAt) : t('Never')],
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
                {t('Versions')}
              </Typography>
              <Table size="small" aria-label={t('Versions')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('Version')}</TableCell>
                    <TableCell>{t('Created')}</TableCell>
                    <TableCell>{t('Use')}</TableCell>
                    {key.type === 'asymmetric' && <TableCell>{t('Public key')}</TableCell>}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {[...key.versions].reverse().map((v) => (
                    <TableRow key={v.version}>
                      <TableCell>{v.version}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(v.createdAt)}</TableCell>
                      <TableCell>{usedFor(v.version === key.currentVersion)}</TableCell>
                      {key.type === 'asymmetric' && (
                        <TableCell>
                          <Button
                            size="small"
                            startIcon={<KeyOutlined />}
                            aria-label={t('Show the public key of version {{version}}', { version: v.version })}
                            onClick={() => setPending({ publicKey: v.version })}
                          >
                            {t('Show')}
                          </Button>
                        </TableCell>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Paper>
          )}

          <Paper variant="outlined" sx={{ p: 3 }}>
            <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
              {key.type === 'confidential' ? t('Data') : key.type === 'symmetric' ? t('Encrypt and decrypt') : t('Sign and verify')}
            </Typography>
            {use.hidden && (
              <Alert severity="info" sx={{ mb: 2 }}>
                {use.reason}
              </Alert>
            )}
            {/* Keyed by the key: nothing typed, shown or refused for one key follows to another. */}
            {key.type === 'confidential' && !use.hidden && <ConfidentialConsole key={key.id} keyView={key} />}
            {key.type === 'symmetric' && !use.hidden && <SymmetricConsole key={key.id} keyView={key} />}
            {key.type === 'asymmetric' && <AsymmetricConsole key={key.id} keyView={key} publicOnly={use.hidden} />}
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
            <ConfirmDialog title={t('Allow export')} confirmLabel={t('Allow export')} onClose={() => setPending(null)} onConfirm={() => setAllowExport(true)}>
              {t(ALLOW_EXPORT_TEXT)} {t('Turn it off again at any time; material already read stays with those programs.')}
            </ConfirmDialog>
          )}
          {pending === 'rotate' && (
            <ConfirmDialog
              title={t('Immediately Rotate')}
              confirmLabel={t('Immediately Rotate')}
              onClose={() => setPending(null)}
              onConfirm={async () =>
                changed(await change('keys.rotate', { keyId }), (v) =>
                  t('"{{name}}" rotated: version {{version}} is now current.', { name: v.name, version: v.currentVersion }),
                )
              }
            >
              {t('A new version {{version}} is created now and used for new encryptions and signatures. Data protected by older versions stays readable.', {
                version: key.currentVersion + 1,
              })}
            </ConfirmDialog>
          )}
          {pending !== null && typeof pending === 'object' && (
            <Dialog open onClose={() => setPending(null)} fullWidth maxWidth="md" aria-labelledby={publicKeyTitleId}>
              <DialogTitle id={publicKeyTitleId}>
                {t('Public key of {{name}}, version {{version}}', { name: key.name, version: pending.publicKey })}
              </DialogTitle>
              <DialogContent>
                <Stack sx={{ pt: 1 }}>
                  <PublicKeyPanel keyView={key} version={pending.publicKey} />
                </Stack>
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setPending(null)}>{t('Close')}</Button>
              </DialogActions>
            </Dialog>
          )}
        </>
      )}
    </Stack>
  );
}
