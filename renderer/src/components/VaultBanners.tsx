import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useEffect, useState } from 'react';
import { call } from '../api';
import { formatDate } from '../format';
import { useSession } from '../store/session';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * What the whole console must know about the open vault: it is read-only (its folder cannot be written), or a
 * forward clock jump is holding deletions until an administrator confirms them.
 */
export function VaultBanners() {
  const { info, refreshInfo } = useSession();
  const [confirming, setConfirming] = useState(false);

  // The scheduler reports what it did (or held) as data.changed: the banner follows.
  useEffect(() => window.skm.on('data.changed', () => void refreshInfo().catch(() => undefined)), [refreshInfo]);

  if (!info) return null;
  const held = info.heldDeletions;
  return (
    <Stack spacing={1} sx={{ mb: info.readOnly || held ? 2 : 0 }}>
      {info.readOnly && (
        <Alert severity="warning" role="status">
          Read-only: the data folder cannot be written (read-only disk or no permission). Viewing and using keys work; changes are refused. Make the folder
          writable, then lock and unlock.
        </Alert>
      )}
      {held && (
        <Alert
          severity="warning"
          role="status"
          action={
            <Button color="inherit" size="small" onClick={() => setConfirming(true)}>
              Apply held deletions
            </Button>
          }
        >
          The clock moved forward by more than a day since {formatDate(held.since)}. {held.count} Scheduled to be Deleted{' '}
          {held.count === 1 ? 'item fell' : 'items fell'} due in that gap and {held.count === 1 ? 'is' : 'are'} held, not deleted. Check the computer's date;
          Cancel Deletion on anything to keep, or apply the held deletions.
        </Alert>
      )}
      {confirming && held && (
        <ConfirmDialog
          title="Apply held deletions"
          confirmLabel="Delete now"
          destructive
          onConfirm={async () => {
            await call('vault.releaseHeldDeletions');
            await refreshInfo();
          }}
          onClose={() => setConfirming(false)}
        >
          {held.count} {held.count === 1 ? 'item is' : 'items are'} deleted for good now, as if their 7 days had passed. This cannot be undone.
        </ConfirmDialog>
      )}
    </Stack>
  );
}
