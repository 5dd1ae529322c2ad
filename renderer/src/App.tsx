import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { useEffect } from 'react';
import { call } from './api';
import { AppShell } from './components/AppShell';
import { ApprovalListPage } from './approval/ApprovalListPage';
import { AuditLogPage } from './audit/AuditLogPage';
import { CeremoniesPage } from './ceremony/CeremoniesPage';
import { CeremonyRecordPage } from './ceremony/CeremonyRecordPage';
import { KeyStoreManagementPage } from './approval/KeyStoreManagementPage';
import { KeyDetailPage } from './keys/KeyDetailPage';
import { KeyStorePage } from './screens/KeyStorePage';
import { KeyStoresPage } from './screens/KeyStoresPage';
import { SettingsPage } from './screens/SettingsPage';
import { ConsoleStoppedScreen, ConsoleUnavailableScreen, CreateVaultScreen, UnlockScreen, UnreadableVaultScreen } from './screens/VaultGate';
import { useKeyStores } from './store/keystores';
import { useKeys } from './store/keys';
import { usePreferences } from './store/preferences';
import { useSession } from './store/session';
import { useT } from './i18n';

const ACTIVITY_PING_MS = 30_000;

/** Tell main the user is here (throttled), so the idle auto-lock counts people rather than timers. */
function useActivityPings(active: boolean) {
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const ping = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_PING_MS) return;
      last = now;
      void call('session.activity').catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, ping, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, ping));
  }, [active]);
}

export function App() {
  const { status, statusError, stopped, route, refreshStatus, locked } = useSession();
  const clearKeyStores = useKeyStores((s) => s.clear);
  const clearKeys = useKeys((s) => s.clear);
  const t = useT();
  const unlocked = status?.state === 'unlocked';
  useActivityPings(unlocked);

  useEffect(() => {
    // The language and theme apply before anything shows, the Unlock screen included.
    void usePreferences.getState().load();
    void refreshStatus();
    return window.skm.on('vault.locked', ({ reason }) => locked(reason));
  }, [refreshStatus, locked]);

  // Locking drops every piece of vault data the renderer held.
  useEffect(() => {
    if (!unlocked) {
      clearKeyStores();
      clearKeys();
    }
  }, [unlocked, clearKeyStores, clearKeys]);

  if (stopped) return <ConsoleStoppedScreen />;
  if (!status && statusError) return <ConsoleUnavailableScreen message={statusError} />;
  if (!status) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <CircularProgress aria-label={t('Starting')} />
      </Box>
    );
  }
  if (status.state === 'new') return <CreateVaultScreen />;
  if (status.state === 'locked') return <UnlockScreen />;
  if (status.state === 'unreadable') return <UnreadableVaultScreen message={status.message ?? ''} />;
  return (
    <AppShell>
      {route.name === 'keystores' && <KeyStoresPage />}
      {route.name === 'keystore' && <KeyStorePage key={route.id} id={route.id} />}
      {route.name === 'key' && <KeyDetailPage key={route.keyId} keyStoreId={route.keyStoreId} keyId={route.keyId} />}
      {route.name === 'settings' && <SettingsPage />}
      {route.name === 'staging' && <KeyStoreManagementPage />}
      {route.name === 'approvals' && <ApprovalListPage />}
      {route.name === 'audit' && <AuditLogPage />}
      {route.name === 'ceremonies' && <CeremoniesPage />}
      {route.name === 'ceremony' && <CeremonyRecordPage key={route.id} id={route.id} />}
    </AppShell>
  );
}
