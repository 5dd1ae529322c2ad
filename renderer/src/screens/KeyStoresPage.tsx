import AddIcon from '@mui/icons-material/Add';
import Inventory2Outlined from '@mui/icons-material/Inventory2Outlined';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { AuthMethodLabels } from '../../../shared/domain';
import { errorMessage } from '../api';
import { EmptyState } from '../components/EmptyState';
import { GuardedButton } from '../components/GuardedButton';
import { KeyStoreDialog } from '../components/KeyStoreDialog';
import { formatDate } from '../format';
import { useKeyStores } from '../store/keystores';
import { useSession } from '../store/session';

export function KeyStoresPage() {
  const { items, load } = useKeyStores();
  const navigate = useSession((s) => s.navigate);
  const [adding, setAdding] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    load().catch((err) => setLoadError(errorMessage(err)));
  }, [load]);

  const addButton = (
    <GuardedButton permission="change" variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
      Add Key Store
    </GuardedButton>
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" alignItems="center" justifyContent="space-between">
        <Typography variant="h5" component="h1">
          Key Depository
        </Typography>
        {items && items.length > 0 && addButton}
      </Stack>
      {loadError && <Alert severity="error">{loadError}</Alert>}
      {!items && !loadError && <LinearProgress aria-label="Loading key stores" />}
      {items && items.length === 0 && (
        <EmptyState icon={<Inventory2Outlined />} title="No key stores yet" action={addButton}>
          A key store groups keys with the way its client programs authenticate (IPv4, MAC, certificate). Add one to begin.
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <TableContainer component={Paper} variant="outlined">
          <Table aria-label="Key stores">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Description</TableCell>
                <TableCell>Authentication methods</TableCell>
                <TableCell align="right">Keys</TableCell>
                <TableCell>Created</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((ks) => (
                <TableRow key={ks.id} hover>
                  <TableCell>
                    <Link component="button" onClick={() => navigate({ name: 'keystore', id: ks.id })} underline="hover" sx={{ fontWeight: 500 }}>
                      {ks.name}
                    </Link>
                  </TableCell>
                  <TableCell sx={{ color: 'text.secondary', maxWidth: 320 }}>{ks.description || '—'}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={0.5}>
                      {ks.authMethods.map((m) => (
                        <Chip key={m} label={AuthMethodLabels[m]} size="small" variant="outlined" />
                      ))}
                    </Stack>
                  </TableCell>
                  <TableCell align="right">{ks.keyCount}</TableCell>
                  <TableCell>{formatDate(ks.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {adding && <KeyStoreDialog onClose={() => setAdding(false)} />}
    </Stack>
  );
}
