import EventNoteOutlined from '@mui/icons-material/EventNoteOutlined';
import KeyIcon from '@mui/icons-material/Key';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import LockIcon from '@mui/icons-material/Lock';
import SettingsIcon from '@mui/icons-material/Settings';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { visuallyHidden } from '@mui/utils';
import { useEffect, useRef, type ReactNode } from 'react';
import type { VaultInfo } from '../../../shared/domain';
import { call } from '../api';
import { approvalTabsShown } from '../approval/access';
import { CeremonyBanner } from '../ceremony/CeremonyBanner';
import { useT } from '../i18n';
import { useCeremonies } from '../store/ceremony';
import { useGovernance } from '../store/governance';
import { useKeyStores } from '../store/keystores';
import { useSession, type Route } from '../store/session';
import { Notifications } from './Notifications';
import { NO_PRINT } from './print';
import { useHeadingFocus } from './useHeadingFocus';
import { usePageTitle } from './usePageTitle';
import { VaultBanners } from './VaultBanners';

interface NavItem {
  /** English words; shown through t(). */
  label: string;
  icon?: ReactNode;
  route: Route;
  /** The routes that belong to this section (underlined while shown). */
  current: (route: Route) => boolean;
  /** Left out: shown to every signed-in member. */
  shown?: (info: VaultInfo) => boolean;
}

/** The main navigation, in order. Key Store Management and Approval List (approval roles only) go after Key Depository. */
const NAV_ITEMS: NavItem[] = [
  { label: 'Key Depository', route: { name: 'keystores' }, current: (r) => r.name === 'keystores' || r.name === 'keystore' || r.name === 'key' },
  { label: 'Key Store Management', route: { name: 'staging' }, current: (r) => r.name === 'staging', shown: approvalTabsShown },
  { label: 'Approval List', route: { name: 'approvals' }, current: (r) => r.name === 'approvals', shown: approvalTabsShown },
  { label: 'Audit Log', icon: <ReceiptLongOutlined />, route: { name: 'audit' }, current: (r) => r.name === 'audit' },
  { label: 'Ceremonies', icon: <EventNoteOutlined />, route: { name: 'ceremonies' }, current: (r) => r.name === 'ceremonies' || r.name === 'ceremony' },
  { label: 'Settings', icon: <SettingsIcon />, route: { name: 'settings' }, current: (r) => r.name === 'settings' },
];

/** The section names, for the document title of the routes that are a section. */
const SECTION_TITLES: Partial<Record<Route['name'], string>> = {
  keystores: 'Key Depository',
  staging: 'Key Store Management',
  approvals: 'Approval List',
  audit: 'Audit Log',
  ceremonies: 'Ceremonies',
  settings: 'Settings',
};

/**
 * The current section is underlined, driven by aria-current so sight and screen readers agree. On the app bar's
 * colour the keyboard focus ring is white.
 */
const navSx = {
  borderRadius: 0,
  borderBottom: '2px solid transparent',
  '&[aria-current="page"]': { borderBottomColor: 'common.white' },
  '&.Mui-focusVisible': { outlineColor: 'common.white' },
};

/** Tables use the width of a large screen; beyond this, lines get too long to follow. */
const MAX_CONTENT_WIDTH = 1920;

/**
 * The document title for a route, most specific first ("payload-key — ceremony-store"): section pages by their
 * name; a key store, key or ceremony by the page's heading (its name) and what it belongs to. Pages may set a more
 * precise one with usePageTitle / PageHeading.
 */
function useRouteTitle(route: Route, heading: string | null): void {
  const t = useT();
  const keyStoreName = useKeyStores((s) => (route.name === 'key' ? s.items?.find((k) => k.id === route.keyStoreId)?.name : undefined));
  const section = SECTION_TITLES[route.name];
  let parts: Array<string | null | undefined>;
  if (section) parts = [t(section)];
  else if (route.name === 'key') parts = [heading, keyStoreName];
  else if (route.name === 'ceremony') parts = [heading, t('Ceremonies')];
  else parts = [heading];
  usePageTitle(parts, { specific: false });
}

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const { info, route, navigate, locked } = useSession();
  const { refresh: refreshGovernance, clear: clearGovernance } = useGovernance();
  const refreshInfo = useSession((s) => s.refreshInfo);
  // Two stable functions: selecting them alone keeps ceremony starts and ends from re-rendering the whole frame.
  const refreshCeremonies = useCeremonies((s) => s.refresh);
  const clearCeremonies = useCeremonies((s) => s.clear);
  const main = useRef<HTMLElement>(null);
  const heading = useHeadingFocus(main, JSON.stringify(route));
  useRouteTitle(route, heading);
  // Roles (info, after a reload too) and whether the Approval Feature is on decide which buttons work (useCan):
  // known for the whole session, gone at lock.
  useEffect(() => {
    if (!useSession.getState().info) void refreshInfo().catch(() => undefined);
    void refreshGovernance().catch(() => undefined);
    // A ceremony started at another desk (or before a lock) still runs: the banner shows it from the start.
    void refreshCeremonies().catch(() => undefined);
    return () => {
      clearGovernance();
      clearCeremonies();
    };
  }, [refreshInfo, refreshGovernance, clearGovernance, refreshCeremonies, clearCeremonies]);
  async function lock() {
    await call('vault.lock').catch(() => undefined);
    locked('user');
  }
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default', '@media print': { bgcolor: 'common.white' } }}>
      <AppBar position="sticky" elevation={1} className={NO_PRINT}>
        <Toolbar component="nav" aria-label={t('Main')} sx={{ gap: 1, flexWrap: 'wrap', rowGap: 0 }}>
          <KeyIcon aria-hidden />
          <Typography variant="h6" component="div" sx={{ mr: 3, whiteSpace: 'nowrap' }}>
            Secure Key Manager
          </Typography>
          {NAV_ITEMS.filter((item) => !item.shown || (info && item.shown(info))).map((item) => (
            <Button
              key={item.label}
              color="inherit"
              sx={navSx}
              startIcon={item.icon}
              onClick={() => navigate(item.route)}
              aria-current={item.current(route) ? 'page' : undefined}
            >
              {t(item.label)}
            </Button>
          ))}
          <Box sx={{ flexGrow: 1 }} />
          {info && (
            <Typography variant="body2" sx={{ opacity: 0.85 }}>
              <Box component="span" sx={visuallyHidden}>
                {t('Signed in as')}{' '}
              </Box>
              {info.username}
            </Typography>
          )}
          <Button color="inherit" variant="outlined" startIcon={<LockIcon />} onClick={lock} sx={{ '&.Mui-focusVisible': { outlineColor: 'common.white' } }}>
            {t('Lock')}
          </Button>
        </Toolbar>
        <CeremonyBanner />
      </AppBar>
      <Box component="main" ref={main} sx={{ p: 3, maxWidth: MAX_CONTENT_WIDTH, mx: 'auto', '@media print': { p: 0, maxWidth: 'none' } }}>
        <Box className={NO_PRINT}>
          <VaultBanners />
        </Box>
        {children}
      </Box>
      <Box className={NO_PRINT}>
        <Notifications />
      </Box>
    </Box>
  );
}
