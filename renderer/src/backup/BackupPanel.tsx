import BackupOutlined from '@mui/icons-material/BackupOutlined';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { ExportBackupDialog, type ExportedBackup } from './ExportBackupDialog';
import { SharesDialog } from './SharesDialog';
import { SettingsPanel } from '../components/SettingsPanel';

/** Settings → Backup (ADMIN): export the whole vault as one encrypted file; restoring starts from an empty data folder. */
export function BackupPanel() {
  const t = useT();
  const [exporting, setExporting] = useState(false);
  // A backup split into shares, while its shares are on screen (nothing of them is kept once the dialog closes).
  const [withShares, setWithShares] = useState<(ExportedBackup & { shares: string[] }) | null>(null);

  return (
    <SettingsPanel
      title={t('Backup')}
      intro={t(
        'Export backup saves the whole vault (key stores, keys, authentication information, members, audit trail) as one encrypted file, protected by a backup passphrase or by a backup key split into shares for several officers. To restore it, start the app with an empty data folder and choose Restore from backup on the Create vault screen; members then unlock with their own passphrases.',
      )}
    >
      <Button variant="outlined" startIcon={<BackupOutlined />} onClick={() => setExporting(true)}>
        {t('Export backup')}
      </Button>
      {exporting && (
        <ExportBackupDialog
          onClose={() => setExporting(false)}
          onExported={(made) => {
            setExporting(false);
            notify(
              made.savedTo
                ? t('Backup {{id}} saved to {{path}}.', { id: made.backupId, path: made.savedTo })
                : t('Backup {{id}} exported.', { id: made.backupId }),
            );
            if (made.shares) setWithShares({ ...made, shares: made.shares });
          }}
        />
      )}
      {withShares && <SharesDialog backup={withShares} onClose={() => setWithShares(null)} />}
    </SettingsPanel>
  );
}
