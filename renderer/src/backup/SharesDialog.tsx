import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
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
import { DetailList } from '../components/DetailList';
import { PrintSheet } from '../components/print';
import { SignatureLine } from '../components/SignatureLine';
import { formatDateTime } from '../format';
import { copyText } from '../keys/clipboard';
import type { ExportedBackup } from './ExportBackupDialog';

export const SHARES_NOT_KEPT_TEXT = 'The shares are not kept anywhere; make sure each officer has theirs.';

/**
 * The shares of a backup just exported, shown this once: one per officer, each with Copy, and Print for a sheet per
 * officer. Closing asks first, because nothing can show them again.
 */
export function SharesDialog({ backup, onClose }: { backup: ExportedBackup & { shares: string[] }; onClose: () => void }) {
  const titleId = useId();
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState<number | null>(null);
  const [copyError, setCopyError] = useState<string | null>(null);
  const n = backup.shares.length;
  const m = backup.threshold;

  async function copy(index: number) {
    try {
      // Cleared from the clipboard again after 30 seconds, like every secret the console copies.
      await copyText(backup.shares[index]!, { secret: true });
      setCopied(index);
      setCopyError(null);
    } catch {
      setCopyError('The share could not be copied here; select its text and copy it, or use Print.');
    }
  }

  return (
    <>
      <Dialog open onClose={() => setConfirming(true)} fullWidth maxWidth="md" aria-labelledby={titleId}>
        <DialogTitle id={titleId}>Backup shares</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            <Alert severity="warning">
              Each share is shown only now. Hand one to each officer: any {m} of these {n} shares restore backup <code>{backup.backupId}</code>, and fewer
              reveal nothing. The app keeps no copy.
            </Alert>
            {copyError && <Alert severity="error">{copyError}</Alert>}
            {backup.shares.map((share, i) => (
              <Paper key={share} variant="outlined" sx={{ p: 2 }}>
                <Stack direction="row" spacing={2} alignItems="flex-start">
                  <TextField
                    label={`Share ${i + 1} of ${n}`}
                    value={share}
                    multiline
                    fullWidth
                    slotProps={{ htmlInput: { readOnly: true, spellCheck: false }, input: { sx: { fontFamily: 'monospace' } } }}
                  />
                  <Button
                    variant="outlined"
                    startIcon={copied === i ? <CheckIcon /> : <ContentCopyIcon />}
                    onClick={() => copy(i)}
                    aria-label={`Copy share ${i + 1}`}
                    sx={{ flexShrink: 0, mt: 1 }}
                  >
                    {copied === i ? 'Copied' : 'Copy'}
                  </Button>
                </Stack>
              </Paper>
            ))}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button startIcon={<PrintOutlined />} onClick={() => window.print()}>
            Print
          </Button>
          <Button variant="contained" onClick={() => setConfirming(true)}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
      {confirming && (
        <ConfirmDialog title="Close the shares?" confirmLabel="Close shares" destructive onConfirm={async () => onClose()} onClose={() => setConfirming(false)}>
          {SHARES_NOT_KEPT_TEXT} Once closed, they cannot be shown again; a lost share can only be replaced by exporting a new backup.
        </ConfirmDialog>
      )}
      <PrintSheet>
        {backup.shares.map((share, i) => (
          <Box key={share} component="section" sx={{ '&:not(:last-of-type)': { breakAfter: 'page', mb: 8 } }}>
            <Typography variant="h5" component="h1" gutterBottom>
              Secure Key Manager — backup share {i + 1} of {n}
            </Typography>
            <Typography sx={{ mb: 2 }}>
              Any {m} of the {n} shares ({m} of {n}) restore this backup, together with the backup file. Fewer shares reveal nothing.
            </Typography>
            <DetailList
              items={[
                ['Backup', <code key="b">{backup.backupId}</code>],
                ['Exported', formatDateTime(backup.createdAt)],
                ['Share', `${i + 1} of ${n} (${m} of ${n} needed)`],
              ]}
            />
            <Box
              sx={{ my: 3, p: 2, border: '1px solid #000', borderRadius: 1, fontFamily: 'monospace', fontSize: 18, lineHeight: 1.6, overflowWrap: 'anywhere' }}
            >
              {share}
            </Box>
            <Typography variant="body2" sx={{ mb: 4 }}>
              To restore: start Secure Key Manager with an empty data folder, choose Restore from backup, choose the backup file, and type this share exactly as
              printed (spaces and line breaks do not matter). Keep this sheet where only you can reach it.
            </Typography>
            <SignatureLine />
          </Box>
        ))}
      </PrintSheet>
    </>
  );
}
