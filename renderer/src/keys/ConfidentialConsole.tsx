import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { KeyView } from '../../../shared/domain';
import { call } from '../api';
import { CLIPBOARD_CLEAR_MS, copyText } from './clipboard';
import { useAction } from './useAction';

/** Confidential Data stays masked until Reveal; the value is fetched per action and kept only while shown. */
export function ConfidentialConsole({ keyView }: { keyView: KeyView }) {
  const [revealed, setRevealed] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const action = useAction();

  const reveal = () => action.run(async () => setRevealed((await call('keys.reveal', { keyId: keyView.id })).data));
  const copy = () =>
    action.run(async () => {
      const data = revealed ?? (await call('keys.reveal', { keyId: keyView.id })).data;
      await copyText(data, { secret: true });
      setCopied(true);
    });

  return (
    <Stack spacing={2}>
      <Box
        aria-label="Data"
        role="textbox"
        aria-readonly
        sx={{
          p: 2,
          bgcolor: 'grey.100',
          borderRadius: 1,
          fontFamily: 'monospace',
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          maxHeight: 240,
          overflow: 'auto',
        }}
      >
        {revealed ?? '••••••••••••••••'}
      </Box>
      <Stack direction="row" spacing={1}>
        {revealed === null ? (
          <Button variant="contained" startIcon={<Visibility />} onClick={reveal} disabled={action.busy}>
            Reveal
          </Button>
        ) : (
          <Button variant="outlined" startIcon={<VisibilityOff />} onClick={() => setRevealed(null)}>
            Hide
          </Button>
        )}
        <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={copy} disabled={action.busy}>
          Copy
        </Button>
      </Stack>
      {action.error && <Alert severity="error">{action.error}</Alert>}
      <Snackbar
        open={copied}
        autoHideDuration={4000}
        onClose={() => setCopied(false)}
        message={`Copied. The clipboard will be cleared in ${CLIPBOARD_CLEAR_MS / 1000} seconds.`}
      />
    </Stack>
  );
}
