import AddIcon from '@mui/icons-material/Add';
import FileUploadOutlined from '@mui/icons-material/FileUploadOutlined';
import VpnKeyOutlined from '@mui/icons-material/VpnKeyOutlined';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useMemo, useState } from 'react';
import { KeyType, KeyTypeLabels, LifecycleStatus, LifecycleStatusLabels, type KeyView } from '../../../shared/domain';
import { errorMessage } from '../api';
import { useChange } from '../approval/ChangeSink';
import { EmptyState } from '../components/EmptyState';
import { GuardedButton } from '../components/GuardedButton';
import { buttonColumn, dateColumn, idColumn, nameColumn, statusColumn } from '../components/grid/columns';
import { ListGrid, type ListColumn } from '../components/grid/ListGrid';
import { RowLifecycleButton, useLifecycleBatch, type BatchAction } from '../components/grid/lifecycleBatch';
import { useCan } from '../components/useCan';
import { useT } from '../i18n';
import { useKeys } from '../store/keys';
import { useSession } from '../store/session';
import { AddKeyDialog, keyTypeItems } from './AddKeyDialog';
import { ImportKeyDialog } from './ImportKeyDialog';
import { algorithmLabel, rotationLabel } from './labels';

const keyName = (k: KeyView) => k.name;

/** Key Management of one key store: the keys as a sortable, paged grid with search, filters and multi-select. */
export function KeyManagementPanel({ keyStoreId, onCountChange }: { keyStoreId: string; onCountChange: () => void }) {
  const t = useT();
  const { items, load, put, putMany } = useKeys();
  const navigate = useSession((s) => s.navigate);
  const change = useChange();
  const canChange = useCan('change').allowed;
  const [dialog, setDialog] = useState<'add' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [type, setType] = useState<KeyType | 'all'>('all');
  const [status, setStatus] = useState<LifecycleStatus | 'all'>('all');

  useEffect(() => {
    load(keyStoreId).catch((err) => setError(errorMessage(err)));
    // The scheduler rotates and deletes keys on its own: refresh when it says so.
    return window.skm.on('data.changed', ({ scope }) => {
      if (scope === 'keys') void load(keyStoreId).catch(() => undefined);
    });
  }, [keyStoreId, load]);

  const batch = useLifecycleBatch<KeyView>({
    nouns: { one: t('key'), many: t('keys') },
    run: (action: BatchAction, k) => change(action === 'request' ? 'keys.requestDeletion' : 'keys.cancelDeletion', { keyId: k.id }),
    onChanged: putMany,
  });
  const { start } = batch;

  const columns = useMemo<ListColumn<KeyView>[]>(
    () => [
      nameColumn<KeyView>(t('Name'), (k) => navigate({ name: 'key', keyStoreId, keyId: k.id })),
      // The value is the type itself (sorting 10,000 rows translates nothing); the words are only for the rows shown.
      { field: 'type', headerName: t('Type'), flex: 0.8, minWidth: 130, valueFormatter: (_v, k) => t(KeyTypeLabels[k.type]) },
      { field: 'algorithm', headerName: t('Algorithm'), flex: 0.6, minWidth: 110, narrow: 'hide', valueGetter: (_v, k) => algorithmLabel(k) },
      statusColumn<KeyView>(t('Status')),
      // The number column's own formatter builds a number format per cell (toLocaleString): versions need none.
      { field: 'currentVersion', headerName: t('Version'), type: 'number', width: 90, narrow: 'hide', valueFormatter: (v: number) => String(v) },
      {
        field: 'rotation',
        headerName: t('Rotation Cycle'),
        flex: 0.7,
        minWidth: 130,
        narrow: 'hide',
        // Sorts by the cycle in days; keys that never rotate (Confidential Data, imported) come first.
        valueGetter: (_v, k) => (k.type === 'confidential' ? -2 : k.origin === 'imported' ? -1 : k.rotationCycleDays),
        valueFormatter: (_v, k) => rotationLabel(k),
      },
      dateColumn<KeyView>('nextRotationAt', t('Next rotation'), (k) => k.nextRotationAt),
      dateColumn<KeyView>('createdAt', t('Created'), (k) => k.createdAt),
      idColumn<KeyView>(t('Key Id')),
      ...(canChange
        ? [
            buttonColumn<KeyView>('lifecycle', t('Request for Deletion or Cancel Deletion'), (k, tabIndex) => (
              <RowLifecycleButton row={k} tabIndex={tabIndex} onStart={start} />
            )),
          ]
        : []),
    ],
    [t, navigate, keyStoreId, canChange, start],
  );

  // The type and status filters narrow the rows; the name search runs inside the grid, so a keystroke re-sorts nothing.
  const rows = useMemo(
    () =>
      type === 'all' && status === 'all'
        ? (items ?? [])
        : (items ?? []).filter((k) => (type === 'all' || k.type === type) && (status === 'all' || k.status === status)),
    [items, type, status],
  );

  const closeDialog = (created?: KeyView) => {
    setDialog(null);
    if (created) {
      put(created);
      onCountChange();
    }
  };

  const actions = (
    <Stack direction="row" spacing={1}>
      <GuardedButton permission="change" variant="outlined" startIcon={<FileUploadOutlined />} onClick={() => setDialog('import')}>
        {t('Import Key')}
      </GuardedButton>
      <GuardedButton permission="change" variant="contained" startIcon={<AddIcon />} onClick={() => setDialog('add')}>
        {t('Add Key')}
      </GuardedButton>
    </Stack>
  );

  const filters = (
    <>
      <TextField size="small" select label={t('Type')} value={type} onChange={(e) => setType(e.target.value as KeyType | 'all')} sx={{ minWidth: 170 }}>
        <MenuItem value="all">{t('All types')}</MenuItem>
        {keyTypeItems(t)}
      </TextField>
      <TextField
        size="small"
        select
        label={t('Status')}
        value={status}
        onChange={(e) => setStatus(e.target.value as LifecycleStatus | 'all')}
        sx={{ minWidth: 200 }}
      >
        <MenuItem value="all">{t('All statuses')}</MenuItem>
        {LifecycleStatus.options.map((s) => (
          <MenuItem key={s} value={s}>
            {t(LifecycleStatusLabels[s])}
          </MenuItem>
        ))}
      </TextField>
    </>
  );

  return (
    <Stack spacing={2}>
      {error && <Alert severity="error">{error}</Alert>}
      {!items && !error && <LinearProgress aria-label={t('Loading keys')} />}
      {items && items.length === 0 && (
        <EmptyState icon={<VpnKeyOutlined />} title={t('No keys yet')} action={actions}>
          {t('Add Confidential Data, a Symmetric Key or an Asymmetric Key, or import an existing AES-256 key.')}
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <>
          <Stack direction="row" justifyContent="flex-end">
            {actions}
          </Stack>
          {batch.element}
          <ListGrid<KeyView>
            label={t('Keys')}
            rows={rows}
            columns={columns}
            rowName={keyName}
            searchLabel={t('Search by name')}
            filters={filters}
            noMatch={t('No keys match the search and filters.')}
            {...(canChange ? { bulkActions: batch.bulkButtons } : {})}
          />
        </>
      )}
      {dialog === 'add' && <AddKeyDialog keyStoreId={keyStoreId} onClose={closeDialog} />}
      {dialog === 'import' && <ImportKeyDialog keyStoreId={keyStoreId} onClose={closeDialog} />}
    </Stack>
  );
}
