import BackupOutlined from '@mui/icons-material/BackupOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ExportBackupDialog, type ExportedBackup } from './ExportBackupDialog';
import { SharesDialog } from './SharesDialog';

/** Settings → Backup (ADMIN): export the whole vault as one encrypted file; restoring starts from an empty data folder. */
export function BackupPanel() {
  const [exporting, setExporting] = useState(false);
  const [made, setMade] = useState<ExportedBackup | null>(null);
  const [showShares, setShowShares] = useState(false);

  return (
    <Paper variant="outlined" sx={{ p: 3 }} component="section" aria-labelledby="backup-title">
      <Typography variant="h6" component="h2" id="backup-title" sx={{ mb: 1 }}>
        Backup
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Export backup saves the whole vault (key stores, keys, authentication information, members, audit trail) as one encrypted file, protected by a backup
        passphrase or by a backup key split into shares for several officers. To restore it, start the app with an empty data folder and choose Restore from
        backup on the Create vault screen; members then unlock with their own passphrases.
      </Typography>
      <Button
        variant="outlined"
        startIcon={<BackupOutlined />}
        onClick={() => {
          setMade(null);
          setExporting(true);
        }}
      >
        Export backup
      </Button>
      {made && !showShares && (
        <Alert severity="success" sx={{ mt: 2 }} onClose={() => setMade(null)}>
          Backup <code>{made.backupId}</code> exported{made.shares ? `, protected by ${made.threshold} of ${made.shares.length} shares` : ''}.
          {made.message ? ` ${made.message}.` : ''}
        </Alert>
      )}
      {exporting && (
        <ExportBackupDialog
          onClose={() => setExporting(false)}
          onExported={(result) => {
            setExporting(false);
            setMade(result);
            setShowShares(result.shares !== null);
          }}
        />
      )}
      {made?.shares && showShares && (
        <SharesDialog
          backup={{ ...made, shares: made.shares }}
          onClose={() => {
            setShowShares(false);
            // Nothing of a share stays in this screen's memory once the dialog is closed.
            setMade({ ...made, shares: made.shares?.map(() => '') ?? null });
          }}
        />
      )}
    </Paper>
  );
}
