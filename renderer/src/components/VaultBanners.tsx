import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useEffect, useState } from 'react';
import { call } from '../api';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { useSession } from '../store/session';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * What the whole console must know about the open vault: it is read-only (its folder cannot be written), or a
 * forward clock jump is holding deletions until an administrator confirms them.
 */
export function VaultBanners() {
  const t = useT();
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
          {t(
            'Read-only: the data folder cannot be written (read-only disk or no permission). Viewing and using keys work; changes are refused. Make the folder writable, then lock and unlock.',
          )}
        </Alert>
      )}
      {held && (
        <Alert
          severity="warning"
          role="status"
          action={
            <Button color="inherit" size="small" onClick={() => setConfirming(true)}>
              {t('Apply held deletions')}
            </Button>
          }
        >
          {held.count === 1
            ? t(
                "The clock moved forward by more than a day since {{date}}. 1 Scheduled to be Deleted item fell due in that gap and is held, not deleted. Check the computer's date; Cancel Deletion on anything to keep, or apply the held deletions.",
                { date: formatDate(held.since) },
              )
            : t(
                "The clock moved forward by more than a day since {{date}}. {{n}} Scheduled to be Deleted items fell due in that gap and are held, not deleted. Check the computer's date; Cancel Deletion on anything to keep, or apply the held deletions.",
                { date: formatDate(held.since), n: held.count },
              )}
        </Alert>
      )}
      {confirming && held && (
        <ConfirmDialog
          title={t('Apply held deletions')}
          confirmLabel={t('Delete now')}
          destructive
          onConfirm={async () => {
            await call('vault.releaseHeldDeletions');
            await refreshInfo();
            notify(t('The held deletions were applied.'));
          }}
          onClose={() => setConfirming(false)}
        >
          {held.count === 1
            ? t('1 item is deleted for good now, as if its 7 days had passed. This cannot be undone.')
            : t('{{n}} items are deleted for good now, as if their 7 days had passed. This cannot be undone.', { n: held.count })}
        </ConfirmDialog>
      )}
    </Stack>
  );
}
