import EditIcon from '@mui/icons-material/Edit';
import Alert from '@mui/material/Alert';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
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
import { AuthModeLabels, LifecycleStatusLabels, type KeyStoreView } from '../../../shared/domain';
import { ApiError, call, errorMessage } from '../api';
import { useChange } from '../approval/ChangeSink';
import { CopyButton } from '../components/CopyButton';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { KeyStoreDialog } from '../components/KeyStoreDialog';
import { LifecycleActions } from '../components/LifecycleActions';
import { PageHeading } from '../components/PageHeading';
import { StatusChip } from '../components/StatusChip';
import { formatDate, formatMethods } from '../format';
import { useT } from '../i18n';
import { useKeyStores } from '../store/keystores';
import { notify } from '../store/notify';
import { useSession } from '../store/session';
import { upsertById } from '../store/upsert';

type Menu = 'keys' | 'details' | AuthKind;

/** One key store: its keys, the authentication information of the methods it requires, its details and its deletion lifecycle. */
export function KeyStorePage({ id }: { id: string }) {
  const t = useT();
  const navigate = useSession((s) => s.navigate);
  const change = useChange();
  const [store, setStore] = useState<KeyStoreView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [menu, setMenu] = useState<Menu>('keys');

  const reload = useCallback(() => {
    call('keystores.get', { id }).then(setStore, (err) => {
      setStore(null);
      setError(err instanceof ApiError && err.code === 'KEY_STORE_NOT_FOUND' ? t('This key store has been deleted.') : errorMessage(err));
    });
  }, [id, t]);
  useEffect(() => {
    reload();
    // The scheduler deletes key stores whose 7 days have passed, and keys (the count) on its own.
    return window.skm.on('data.changed', ({ scope }) => (scope === 'keystores' || scope === 'keys') && reload());
  }, [reload]);

  const changed = (view: KeyStoreView | undefined, words: (view: KeyStoreView) => string) => {
    if (!view) return;
    setStore(view);
    useKeyStores.setState((s) => ({ items: s.items && upsertById(s.items, view) }));
    notify(words(view));
  };
  const backToDepository = () => navigate({ name: 'keystores' });
  // A tab of a method the key store no longer requires (edited meanwhile) is gone: show its keys instead.
  const shown: Menu = store && menu !== 'keys' && menu !== 'details' && !store.authMethods.includes(menu) ? 'keys' : menu;

  return (
    <Stack spacing={2}>
      <Breadcrumbs aria-label={t('Breadcrumb')}>
        <Link component="button" underline="hover" onClick={backToDepository}>
          {t('Key Depository')}
        </Link>
        <Typography color="text.primary">{store?.name ?? '…'}</Typography>
      </Breadcrumbs>
      {error && (
        <Alert severity="error" action={<Button onClick={backToDepository}>{t('Back to the Key Depository')}</Button>}>
          {error}
        </Alert>
      )}
      {!store && !error && <LinearProgress aria-label={t('Loading key store')} />}
      {store && (
        <>
          <Stack direction="row" alignItems="center" spacing={2} useFlexGap flexWrap="wrap">
            <PageHeading title={[store.name]}>{store.name}</PageHeading>
            <StatusChip status={store.status} />
            <Stack sx={{ flexGrow: 1 }} />
            <GuardedButton permission="change" variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
              {t('Edit Key Store')}
            </GuardedButton>
            <LifecycleActions
              name={store.name}
              noun={t('key store')}
              status={store.status}
              onRequest={async () =>
                changed(await change('keystores.requestDeletion', { id }), (v) =>
                  t('Deletion of "{{name}}" requested: it will be deleted for good on {{date}}.', { name: v.name, date: formatDate(v.deletionDate) }),
                )
              }
              onCancel={async () =>
                changed(await change('keystores.cancelDeletion', { id }), (v) =>
                  t('Deletion of "{{name}}" cancelled: it is In Service again.', { name: v.name }),
                )
              }
              onDeleteNow={async (typed) => {
                await change('keystores.deleteNow', { id, confirmName: typed });
                useKeyStores.setState((s) => ({ items: s.items && s.items.filter((k) => k.id !== id) }));
                notify(t('Key store "{{name}}" deleted.', { name: store.name }));
                backToDepository();
              }}
              deleteConsequence={t(
                'The key store "{{name}}" is deleted now, for good, with its keys and all their versions, its authentication information and its CA. Anything still encrypted under its keys can never be decrypted again.',
                { name: store.name },
              )}
            />
          </Stack>
          <Stack direction="row" alignItems="center" spacing={0.5} sx={{ color: 'text.secondary', mt: '4px !important' }}>
            <Typography variant="body2" component="span">
              {t('Key Store Id')}
            </Typography>
            <Typography variant="body2" component="code" sx={{ fontFamily: 'monospace', pl: 1 }}>
              {store.id}
            </Typography>
            <CopyButton value={store.id} what={t('Key Store Id')} />
          </Stack>
          {store.status === 'scheduled-for-deletion' && (
            <Alert severity="warning">
              {t(
                'Scheduled to be Deleted on {{date}}, with its keys and authentication information. Until then nothing can be added to it and its keys are neither used nor rotated; Cancel Deletion to keep it.',
                { date: formatDate(store.deletionDate) },
              )}
            </Alert>
          )}
          <Tabs
            value={shown}
            onChange={(_e, v: Menu) => setMenu(v)}
            aria-label={t('Key store menu')}
            variant="scrollable"
            scrollButtons="auto"
            allowScrollButtonsMobile
          >
            <Tab value="keys" label={t('Key Management')} />
            {/* Only the authentication methods this key store requires have a page. */}
            {store.authMethods.map((m) => (
              <Tab key={m} value={m} label={t(AUTH_KIND_TEXT[m].tab)} />
            ))}
            <Tab value="details" label={t('Key Store Details')} />
          </Tabs>
          {shown === 'keys' && <KeyManagementPanel keyStoreId={store.id} onCountChange={reload} />}
          {shown !== 'keys' && shown !== 'details' && <AuthPanel key={shown} keyStoreId={store.id} kind={shown} />}
          {shown === 'details' && (
            <Paper variant="outlined" sx={{ p: 3 }}>
              <DetailList
                items={[
                  [t('Description'), store.description || '—'],
                  [t('Status'), t(LifecycleStatusLabels[store.status])],
                  [t('Deletion date'), formatDate(store.deletionDate)],
                  [t('Authentication methods'), formatMethods(store.authMethods)],
                  [t('Client authentication'), t(AuthModeLabels[store.authMode])],
                  [t('Keys'), store.keyCount],
                  [t('Created'), formatDate(store.createdAt)],
                  [t('Last changed'), formatDate(store.updatedAt)],
                ]}
              />
            </Paper>
          )}
          {editing && (
            <KeyStoreDialog
              existing={store}
              onClose={(saved) => {
                setEditing(false);
                if (saved) {
                  setStore(saved);
                  notify(t('Key store "{{name}}" saved.', { name: saved.name }));
                }
              }}
            />
          )}
        </>
      )}
    </Stack>
  );
}
