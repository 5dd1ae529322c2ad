import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { ActionsHeadCell } from '../components/ActionsHeadCell';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
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
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ApprovalRequestView, StagedChangeView } from '../../../shared/approval';
import { KeyTypeLabels, type AuthEntryView, type AuthKind, type KeyStoreView, type KeyView } from '../../../shared/domain';
import { call, errorMessage } from '../api';
import { AddAddressDialog } from '../auth/AddAddressDialog';
import { AddCertificateDialog } from '../auth/AddCertificateDialog';
import { AUTH_KIND_TEXT } from '../auth/kinds';
import { EmptyState } from '../components/EmptyState';
import { PageHeading } from '../components/PageHeading';
import { KeyStoreDialog } from '../components/KeyStoreDialog';
import { LifecycleActions } from '../components/LifecycleActions';
import { StatusChip } from '../components/StatusChip';
import { AddKeyDialog } from '../keys/AddKeyDialog';
import { EditKeyDialog } from '../keys/EditKeyDialog';
import { ImportKeyDialog } from '../keys/ImportKeyDialog';
import { useT } from '../i18n';
import { useKeyStores } from '../store/keystores';
import { useSession } from '../store/session';
import { StagingSink, useChange } from './ChangeSink';
import { ChangeStatusChip, itemKindText } from './labels';
import { PendingChanges } from './PendingChanges';

/** The select's value for the bucket of key stores still to be added (keyStoreId null). */
const NEW_STORES = 'new';

const ADD_CHANNEL: Record<AuthKind, StagedChangeView['channel']> = { ipv4: 'auth.addIpv4', mac: 'auth.addMac', certificate: 'auth.addCertificate' };

/**
 * Key Store Management (the approval staging tab): the same dialogs as the Key Depository, but every change is staged
 * (StagingSink) and shown with its Status until the member sends them with Request Approval.
 */
export function KeyStoreManagementPage() {
  const t = useT();
  const { items: stores, load } = useKeyStores();
  const navigate = useSession((s) => s.navigate);
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [staged, setStaged] = useState<StagedChangeView[] | null>(null);
  const [addingStore, setAddingStore] = useState(false);
  const [sent, setSent] = useState<ApprovalRequestView | null>(null);

  useEffect(() => {
    load().catch((err) => setError(errorMessage(err)));
  }, [load]);

  const bucket = choice ?? (stores && stores.length > 0 ? stores[0]!.id : NEW_STORES);
  const keyStoreId = bucket === NEW_STORES ? null : bucket;
  const store = stores?.find((s) => s.id === keyStoreId) ?? null;

  const reloadStaged = useCallback(() => {
    call('staging.list', { keyStoreId }).then(setStaged, (err) => setError(errorMessage(err)));
  }, [keyStoreId]);
  useEffect(() => {
    setStaged(null);
    reloadStaged();
  }, [reloadStaged]);

  const onStaged = useCallback((change: StagedChangeView) => {
    setSent(null);
    setStaged((cur) => (cur && (cur[0]?.keyStoreId ?? change.keyStoreId) === change.keyStoreId ? [...cur, change] : cur));
  }, []);
  const onNewStoreStaged = useCallback(() => {
    setSent(null);
    setChoice(NEW_STORES);
  }, []);

  const addStoreButton = (
    <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setAddingStore(true)}>
      {t('Add Key Store')}
    </Button>
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" alignItems="center" justifyContent="space-between">
        <PageHeading>{t('Key Store Management')}</PageHeading>
        {stores && stores.length > 0 && addStoreButton}
      </Stack>
      <Typography color="text.secondary">
        {t(
          'Changes made here are not applied yet. Pick a key store, add, modify or delete its keys and authentication information, then Request Approval: they apply when an APPROVAL ADMIN approves the request in the Approval List.',
        )}
      </Typography>
      {error && (
        <Alert severity="error" onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {sent && (
        <Alert
          severity="success"
          onClose={() => setSent(null)}
          action={
            <Button color="inherit" size="small" onClick={() => navigate({ name: 'approvals' })}>
              {t('Open Approval List')}
            </Button>
          }
        >
          {sent.changes.length === 1
            ? t('Request sent with 1 change. It is Pending until an APPROVAL ADMIN decides; you can Withdraw it in the Approval List.')
            : t('Request sent with {{n}} changes. It is Pending until an APPROVAL ADMIN decides; you can Withdraw it in the Approval List.', {
                n: sent.changes.length,
              })}
        </Alert>
      )}
      {!stores && !error && <LinearProgress aria-label={t('Loading key stores')} />}
      {stores && stores.length === 0 && bucket === NEW_STORES && staged?.length === 0 && (
        <EmptyState icon={<Inventory2Outlined />} title={t('No key stores yet')} action={addStoreButton}>
          {t(
            'Stage Add Key Store here and Request Approval. Once an APPROVAL ADMIN approves it, pick the new key store here to stage its keys and authentication information.',
          )}
        </EmptyState>
      )}
      {stores && (stores.length > 0 || bucket !== NEW_STORES || (staged?.length ?? 0) > 0) && (
        <>
          <TextField select label={t('Key store')} value={bucket} onChange={(e) => setChoice(e.target.value)} sx={{ maxWidth: 420 }}>
            {stores.map((s) => (
              <MenuItem key={s.id} value={s.id}>
                {s.name}
              </MenuItem>
            ))}
            <MenuItem value={NEW_STORES}>{t('New key stores (Add Key Store)')}</MenuItem>
          </TextField>
          {!staged && <LinearProgress aria-label={t('Loading pending changes')} />}
          {staged && (
            <PendingChanges
              keyStoreId={keyStoreId}
              storeName={store?.name ?? null}
              staged={staged}
              onDiscarded={reloadStaged}
              onRequested={(request) => {
                setSent(request);
                reloadStaged();
              }}
            />
          )}
          {store && staged && (
            <StagingSink keyStoreId={store.id} onStaged={onStaged}>
              <StoreItems key={store.id} store={store} staged={staged} onError={setError} />
            </StagingSink>
          )}
        </>
      )}
      {addingStore && (
        <StagingSink keyStoreId={null} onStaged={onNewStoreStaged}>
          <KeyStoreDialog onClose={() => setAddingStore(false)} />
        </StagingSink>
      )}
    </Stack>
  );
}

type Dialog = { kind: 'add' | 'import' | 'edit-store' } | { kind: 'edit-key'; key: KeyView } | { kind: 'add-auth'; auth: AuthKind };

/** The key store's keys and authentication information, each with its pending change beside it. */
function StoreItems({ store, staged, onError }: { store: KeyStoreView; staged: StagedChangeView[]; onError: (message: string) => void }) {
  const t = useT();
  const [keys, setKeys] = useState<KeyView[] | null>(null);
  const [entries, setEntries] = useState<Partial<Record<AuthKind, AuthEntryView[]>>>({});
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const change = useChange();

  useEffect(() => {
    call('keys.list', { keyStoreId: store.id }).then(setKeys, (err) => onError(errorMessage(err)));
    for (const kind of store.authMethods) {
      call('auth.list', { keyStoreId: store.id, kind }).then(
        (list) => setEntries((cur) => ({ ...cur, [kind]: list })),
        (err) => onError(errorMessage(err)),
      );
    }
  }, [store, onError]);

  const byItem = useMemo(() => {
    const map = new Map<string, StagedChangeView[]>();
    for (const c of staged) if (c.itemId) map.set(c.itemId, [...(map.get(c.itemId) ?? []), c]);
    return map;
  }, [staged]);
  const added = (channels: readonly string[]) => staged.filter((c) => c.itemId === null && channels.includes(c.channel));
  const close = () => setDialog(null);
  const storeChange = byItem.get(store.id);
  // Whole sentences per kind of authentication information, so that each translates as one.
  const authWords: Record<AuthKind, { empty: string; deleteConsequence: (name: string) => string }> = {
    ipv4: {
      empty: t('No IPv4 addresses yet. Add IPv4 Address stages one.'),
      deleteConsequence: (name) => t('Once approved, the IPv4 address "{{name}}" is deleted for good.', { name }),
    },
    mac: {
      empty: t('No MAC addresses yet. Add MAC Address stages one.'),
      deleteConsequence: (name) => t('Once approved, the MAC address "{{name}}" is deleted for good.', { name }),
    },
    certificate: {
      empty: t('No certificates yet. Add Certificates stages one.'),
      deleteConsequence: (name) => t('Once approved, the certificate "{{name}}" is deleted for good.', { name }),
    },
  };

  return (
    <>
      <Section
        title={t('Keys of {{name}}', { name: store.name })}
        actions={
          <>
            {storeChange ? (
              storeChange.map((c) => <ChangeStatusChip key={c.id} status={c.status} />)
            ) : (
              <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setDialog({ kind: 'edit-store' })}>
                {t('Edit Key Store')}
              </Button>
            )}
            <Button variant="outlined" startIcon={<FileUploadOutlined />} onClick={() => setDialog({ kind: 'import' })}>
              {t('Import Key')}
            </Button>
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'add' })}>
              {t('Add Key')}
            </Button>
          </>
        }
      >
        {!keys && <LinearProgress aria-label={t('Loading keys')} />}
        {keys && (
          <ItemTable
            label={t('Keys')}
            columns={[t('Name'), t('Type'), t('Status')]}
            empty={t('No keys yet. Add Key or Import Key stages one.')}
            rows={[
              ...keys.map((k) => ({
                id: k.id,
                cells: [k.name, t(KeyTypeLabels[k.type]), <StatusChip key="s" status={k.status} />],
                changes: byItem.get(k.id),
                actions: (
                  <LifecycleActions
                    permission="request"
                    name={k.name}
                    noun={t('key')}
                    status={k.status}
                    onRequest={() => change('keys.requestDeletion', { keyId: k.id })}
                    onCancel={() => change('keys.cancelDeletion', { keyId: k.id })}
                    onDeleteNow={(typed) => change('keys.deleteNow', { keyId: k.id, confirmName: typed })}
                    deleteConsequence={t('Once approved, "{{name}}" and all its versions are deleted for good.', { name: k.name })}
                  >
                    <Button
                      variant="outlined"
                      startIcon={<EditIcon />}
                      onClick={() => setDialog({ kind: 'edit-key', key: k })}
                      aria-label={t('Edit {{name}}', { name: k.name })}
                    >
                      {t('Edit')}
                    </Button>
                  </LifecycleActions>
                ),
              })),
              ...added(['keys.create', 'keys.import']).map((c) => ({
                id: c.id,
                cells: [c.itemName, itemKindText(c.itemKind), t('After approval')],
                changes: [c],
                actions: null,
              })),
            ]}
          />
        )}
      </Section>
      {store.authMethods.map((kind) => {
        const text = AUTH_KIND_TEXT[kind];
        const words = authWords[kind];
        const list = entries[kind];
        return (
          <Section
            key={kind}
            title={t(text.tab)}
            actions={
              <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'add-auth', auth: kind })}>
                {t(text.add)}
              </Button>
            }
          >
            {!list && <LinearProgress aria-label={t('Loading {{what}}', { what: t(text.tab) })} />}
            {list && (
              <ItemTable
                label={t(text.tab)}
                columns={[t(text.field), t('Description'), t('Status')]}
                empty={words.empty}
                rows={[
                  ...list.map((e) => ({
                    id: e.id,
                    cells: [e.name, e.description || '—', <StatusChip key="s" status={e.status} expired={e.certificate?.expired} />],
                    changes: byItem.get(e.id),
                    actions: (
                      <LifecycleActions
                        permission="request"
                        name={e.name}
                        noun={t(text.noun)}
                        status={e.status}
                        onRequest={() => change('auth.requestDeletion', { id: e.id })}
                        onCancel={() => change('auth.cancelDeletion', { id: e.id })}
                        onDeleteNow={(typed) => change('auth.deleteNow', { id: e.id, confirmName: typed })}
                        deleteConsequence={words.deleteConsequence(e.name)}
                      />
                    ),
                  })),
                  ...added([ADD_CHANNEL[kind]]).map((c) => ({ id: c.id, cells: [c.itemName, '—', t('After approval')], changes: [c], actions: null })),
                ]}
              />
            )}
          </Section>
        );
      })}
      {dialog?.kind === 'add' && <AddKeyDialog keyStoreId={store.id} onClose={close} />}
      {dialog?.kind === 'import' && <ImportKeyDialog keyStoreId={store.id} onClose={close} />}
      {dialog?.kind === 'edit-key' && <EditKeyDialog keyView={dialog.key} onClose={close} />}
      {dialog?.kind === 'edit-store' && <KeyStoreDialog existing={store} onClose={close} />}
      {dialog?.kind === 'add-auth' && dialog.auth === 'certificate' && <AddCertificateDialog keyStoreId={store.id} onClose={close} />}
      {dialog?.kind === 'add-auth' && dialog.auth !== 'certificate' && <AddAddressDialog keyStoreId={store.id} kind={dialog.auth} onClose={close} />}
    </>
  );
}

function Section({ title, actions, children }: { title: string; actions: ReactNode; children: ReactNode }) {
  return (
    <Stack spacing={1} component="section" aria-label={title}>
      <Stack direction="row" alignItems="center" spacing={1} useFlexGap flexWrap="wrap">
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        {actions}
      </Stack>
      {children}
    </Stack>
  );
}

interface ItemRow {
  id: string;
  cells: ReactNode[];
  /** The item's pending changes: shown beside it, in place of the buttons (discard them in Pending changes). */
  changes: StagedChangeView[] | undefined;
  actions: ReactNode;
}

function ItemTable({ label, columns, rows, empty }: { label: string; columns: string[]; rows: ItemRow[]; empty: string }) {
  const t = useT();
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c}>{c}</TableCell>
            ))}
            <TableCell>{t('Pending change')}</TableCell>
            <ActionsHeadCell align="right" />
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id}>
              {r.cells.map((cell, i) => (
                <TableCell key={i} sx={i === 0 ? { fontWeight: 500 } : undefined}>
                  {cell}
                </TableCell>
              ))}
              <TableCell>
                <Stack direction="row" spacing={0.5}>
                  {r.changes?.map((c) => <ChangeStatusChip key={c.id} status={c.status} />) ?? '—'}
                </Stack>
              </TableCell>
              <TableCell align="right">
                {!r.changes && r.actions && (
                  <Stack direction="row" spacing={1} justifyContent="flex-end" useFlexGap flexWrap="wrap">
                    {r.actions}
                  </Stack>
                )}
              </TableCell>
            </TableRow>
          ))}
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length + 2}>
                <Typography color="text.secondary" sx={{ py: 1, textAlign: 'center' }}>
                  {empty}
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
