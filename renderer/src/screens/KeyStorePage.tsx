import EditIcon from '@mui/icons-material/Edit';
import Alert from '@mui/material/Alert';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useCallback, useEffect, useState } from 'react';
import { KeyManagementPanel } from '../keys/KeyManagementPanel';
import { AuthPanel } from '../auth/AuthPanel';
import { AUTH_KIND_TEXT } from '../auth/kinds';
import type { AuthKind } from '../../../shared/domain';
import { AuthModeLabels, type KeyStoreView } from '../../../shared/domain';
import { call, errorMessage } from '../api';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { KeyStoreDialog } from '../components/KeyStoreDialog';
import { formatDate, formatMethods } from '../format';
import { useSession } from '../store/session';

export function KeyStorePage({ id }: { id: string }) {
  const navigate = useSession((s) => s.navigate);
  const [store, setStore] = useState<KeyStoreView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [menu, setMenu] = useState<'keys' | 'details' | AuthKind>('keys');

  const reload = useCallback(() => {
    call('keystores.get', { id }).then(setStore, (err) => setError(errorMessage(err)));
  }, [id]);
  useEffect(reload, [reload]);

  return (
    <Stack spacing={2}>
      <Breadcrumbs aria-label="Breadcrumb">
        <Link component="button" underline="hover" onClick={() => navigate({ name: 'keystores' })}>
          Key Depository
        </Link>
        <Typography color="text.primary">{store?.name ?? '…'}</Typography>
      </Breadcrumbs>
      {error && <Alert severity="error">{error}</Alert>}
      {!store && !error && <LinearProgress aria-label="Loading key store" />}
      {store && (
        <>
          <Stack direction="row" alignItems="center" justifyContent="space-between">
            <Typography variant="h5" component="h1">
              {store.name}
            </Typography>
            <GuardedButton permission="change" variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              Edit Key Store
            </GuardedButton>
          </Stack>
          <Tabs value={menu} onChange={(_e, v) => setMenu(v)} aria-label="Key store menu">
            <Tab value="keys" label="Key Management" />
            {/* Only the authentication methods this key store requires have a page. */}
            {store.authMethods.map((m) => (
              <Tab key={m} value={m} label={AUTH_KIND_TEXT[m].tab} />
            ))}
            <Tab value="details" label="Key Store Details" />
          </Tabs>
          {menu === 'keys' && <KeyManagementPanel keyStoreId={store.id} onCountChange={reload} />}
          {menu !== 'keys' && menu !== 'details' && store.authMethods.includes(menu) && <AuthPanel key={menu} keyStoreId={store.id} kind={menu} />}
          {menu === 'details' && (
            <Paper variant="outlined" sx={{ p: 3 }}>
              <DetailList
                items={[
                  ['Key Store Id', <code key="id">{store.id}</code>],
                  ['Description', store.description || '—'],
                  ['Authentication methods', formatMethods(store.authMethods)],
                  ['Client authentication', AuthModeLabels[store.authMode]],
                  ['Keys', store.keyCount],
                  ['Created', formatDate(store.createdAt)],
                  ['Last changed', formatDate(store.updatedAt)],
                ]}
              />
            </Paper>
          )}
          {editing && (
            <KeyStoreDialog
              existing={store}
              onClose={(saved) => {
                setEditing(false);
                if (saved) setStore(saved);
              }}
            />
          )}
        </>
      )}
    </Stack>
  );
}
