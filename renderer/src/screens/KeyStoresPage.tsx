import AddIcon from '@mui/icons-material/Add';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import { useEffect, useMemo, useState } from 'react';
import { AuthMethodLabels, type KeyStoreView } from '../../../shared/domain';
import { errorMessage } from '../api';
import { EmptyState } from '../components/EmptyState';
import { GuardedButton } from '../components/GuardedButton';
import { dateColumn, idColumn, nameColumn, statusColumn, textColumn } from '../components/grid/columns';
import { ListGrid, type ListColumn } from '../components/grid/ListGrid';
import { KeyStoreDialog } from '../components/KeyStoreDialog';
import { PageHeading } from '../components/PageHeading';
import { formatMethods } from '../format';
import { useT } from '../i18n';
import { useKeyStores } from '../store/keystores';
import { useSession } from '../store/session';

const storeName = (ks: KeyStoreView) => ks.name;

/** The Key Depository: every key store, as a sortable grid with search. */
export function KeyStoresPage() {
  const t = useT();
  const { items, load } = useKeyStores();
  const navigate = useSession((s) => s.navigate);
  const [adding, setAdding] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    load().catch((err) => setLoadError(errorMessage(err)));
    // The scheduler deletes key stores whose 7 days have passed, and keys (the counts) on its own.
    return window.skm.on('data.changed', ({ scope }) => {
      if (scope === 'keystores' || scope === 'keys') void load().catch(() => undefined);
    });
  }, [load]);

  const columns = useMemo<ListColumn<KeyStoreView>[]>(
    () => [
      nameColumn<KeyStoreView>(t('Name'), (ks) => navigate({ name: 'keystore', id: ks.id }), { flex: 1.2 }),
      textColumn<KeyStoreView>('description', t('Description'), (ks) => ks.description, { flex: 1.4, narrow: 'hide' }),
      statusColumn<KeyStoreView>(t('Status')),
      {
        field: 'authMethods',
        headerName: t('Authentication methods'),
        flex: 1,
        minWidth: 190,
        valueGetter: (_v, ks) => formatMethods(ks.authMethods),
        renderCell: ({ row }) => (
          <Stack direction="row" spacing={0.5}>
            {row.authMethods.map((m) => (
              <Chip key={m} label={t(AuthMethodLabels[m])} size="small" variant="outlined" />
            ))}
          </Stack>
        ),
      },
      { field: 'keyCount', headerName: t('Keys'), type: 'number', width: 80, valueFormatter: (v: number) => String(v) },
      dateColumn<KeyStoreView>('createdAt', t('Created'), (ks) => ks.createdAt),
      idColumn<KeyStoreView>(t('Key Store Id')),
    ],
    [t, navigate],
  );

  const addButton = (
    <GuardedButton permission="change" variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
      {t('Add Key Store')}
    </GuardedButton>
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" alignItems="center" justifyContent="space-between">
        <PageHeading>{t('Key Depository')}</PageHeading>
        {items && items.length > 0 && addButton}
      </Stack>
      {loadError && <Alert severity="error">{loadError}</Alert>}
      {!items && !loadError && <LinearProgress aria-label={t('Loading key stores')} />}
      {items && items.length === 0 && (
        <EmptyState icon={<Inventory2Outlined />} title={t('No key stores yet')} action={addButton}>
          {t('A key store groups keys with the way its client programs authenticate (IPv4, MAC, certificate). Add one to begin.')}
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <ListGrid<KeyStoreView>
          label={t('Key stores')}
          rows={items}
          columns={columns}
          rowName={storeName}
          searchLabel={t('Search by name')}
          noMatch={t('No key stores match the search.')}
        />
      )}
      {adding && <KeyStoreDialog onClose={() => setAdding(false)} />}
    </Stack>
  );
}
