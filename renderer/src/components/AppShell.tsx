import KeyIcon from '@mui/icons-material/Key';
import LockIcon from '@mui/icons-material/Lock';
import SettingsIcon from '@mui/icons-material/Settings';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { call } from '../api';
import { useSession } from '../store/session';
import { VaultBanners } from './VaultBanners';

/** The current section is underlined, driven by aria-current so sight and screen readers agree. */
const navSx = { borderRadius: 0, borderBottom: '2px solid transparent', '&[aria-current="page"]': { borderBottomColor: 'common.white' } };

export function AppShell({ children }: { children: ReactNode }) {
  const { info, route, navigate, locked } = useSession();
  async function lock() {
    await call('vault.lock').catch(() => undefined);
    locked('user');
  }
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'grey.50' }}>
      <AppBar position="sticky" elevation={1}>
        <Toolbar component="nav" aria-label="Main" sx={{ gap: 1 }}>
          <KeyIcon aria-hidden />
          <Typography variant="h6" component="div" sx={{ mr: 3 }}>
            Secure Key Manager
          </Typography>
          <Button color="inherit" sx={navSx} onClick={() => navigate({ name: 'keystores' })} aria-current={route.name !== 'settings' ? 'page' : undefined}>
            Key Store Management
          </Button>
          <Button
            color="inherit"
            sx={navSx}
            startIcon={<SettingsIcon />}
            onClick={() => navigate({ name: 'settings' })}
            aria-current={route.name === 'settings' ? 'page' : undefined}
          >
            Settings
          </Button>
          <Box sx={{ flexGrow: 1 }} />
          <Typography variant="body2" sx={{ opacity: 0.85 }} aria-label="Signed in as">
            {info?.username}
          </Typography>
          <Button color="inherit" variant="outlined" startIcon={<LockIcon />} onClick={lock}>
            Lock
          </Button>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ p: 3, maxWidth: 1200, mx: 'auto' }}>
        <VaultBanners />
        {children}
      </Box>
    </Box>
  );
}
