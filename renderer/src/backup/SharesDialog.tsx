import PrintOutlined from '@mui/icons-material/PrintOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyButton } from '../components/CopyButton';
import { DetailList } from '../components/DetailList';
import { PrintSheet } from '../components/print';
import { SignatureLine } from '../components/SignatureLine';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import type { ExportedBackup } from './ExportBackupDialog';

export const SHARES_NOT_KEPT_TEXT = 'The shares are not kept anywhere; make sure each officer has theirs.';

/**
 * The shares of a backup just exported, shown this once: one per officer, each with Copy (a secret: cleared from the
 * clipboard after 30 seconds), and Print for a sheet per officer. Closing asks first, because nothing can show them
 * again.
 */
export function SharesDialog({ backup, onClose }: { backup: ExportedBackup & { shares: string[] }; onClose: () => void }) {
  const t = useT();
  const titleId = useId();
  const [confirming, setConfirming] = useState(false);
  const total = backup.shares.length;
  const threshold = backup.threshold;

  return (
    <>
      <Dialog open onClose={() => setConfirming(true)} fullWidth maxWidth="md" aria-labelledby={titleId}>
        <DialogTitle id={titleId}>{t('Backup shares')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Alert severity="warning">
              {t(
                'Each share is shown only now. Hand one to each officer: any {{threshold}} of these {{total}} shares restore backup {{id}}, and fewer reveal nothing. The app keeps no copy.',
                { threshold, total, id: backup.backupId },
              )}
            </Alert>
            {backup.shares.map((share, i) => (
              <Paper key={share} variant="outlined" sx={{ p: 2 }}>
                <Stack direction="row" spacing={1} alignItems="flex-start">
                  <TextField
                    label={t('Share {{n}} of {{total}}', { n: i + 1, total })}
                    value={share}
                    multiline
                    fullWidth
                    slotProps={{ htmlInput: { readOnly: true, spellCheck: false }, input: { sx: { fontFamily: 'monospace' } } }}
                  />
                  <Box sx={{ flexShrink: 0, mt: 1 }}>
                    <CopyButton value={share} what={t('share {{n}}', { n: i + 1 })} secret size="medium" />
                  </Box>
                </Stack>
              </Paper>
            ))}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button startIcon={<PrintOutlined />} onClick={() => window.print()}>
            {t('Print')}
          </Button>
          <Button variant="contained" onClick={() => setConfirming(true)}>
            {t('Done')}
          </Button>
        </DialogActions>
      </Dialog>
      {confirming && (
        <ConfirmDialog
          title={t('Close the shares?')}
          confirmLabel={t('Close shares')}
          dismissLabel={t('Back to the shares')}
          destructive
          onConfirm={async () => onClose()}
          onClose={() => setConfirming(false)}
        >
          {t(SHARES_NOT_KEPT_TEXT)} {t('Once closed, they cannot be shown again; a lost share can only be replaced by exporting a new backup.')}
        </ConfirmDialog>
      )}
      <PrintSheet>
        {backup.shares.map((share, i) => (
          <Box key={share} component="section" sx={{ '&:not(:last-of-type)': { breakAfter: 'page', mb: 8 } }}>
            <Typography variant="h5" component="h1" gutterBottom>
              {t('Secure Key Manager — backup share {{n}} of {{total}}', { n: i + 1, total })}
            </Typography>
            <Typography sx={{ mb: 2 }}>
              {t('Any {{threshold}} of the {{total}} shares restore this backup, together with the backup file. Fewer shares reveal nothing.', {
                threshold,
                total,
              })}
            </Typography>
            <DetailList
              items={[
                [t('Backup'), <code key="b">{backup.backupId}</code>],
                [t('Exported'), formatDateTime(backup.createdAt)],
                [t('Share'), t('{{n}} of {{total}} ({{threshold}} of {{total}} needed)', { n: i + 1, total, threshold })],
              ]}
            />
            <Box
              sx={{ my: 3, p: 2, border: '1px solid #000', borderRadius: 1, fontFamily: 'monospace', fontSize: 18, lineHeight: 1.6, overflowWrap: 'anywhere' }}
            >
              {share}
            </Box>
            <Typography variant="body2" sx={{ mb: 4 }}>
              {t(
                'To restore: start Secure Key Manager with an empty data folder, choose Restore from backup, choose the backup file, and type this share exactly as printed (spaces and line breaks do not matter). Keep this sheet where only you can reach it.',
              )}
            </Typography>
            <SignatureLine />
          </Box>
        ))}
      </PrintSheet>
    </>
  );
}
