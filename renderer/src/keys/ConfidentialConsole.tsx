import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import type { KeyView } from '../../../shared/domain';
import { call } from '../api';
import { CopyButton } from '../components/CopyButton';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { CLIPBOARD_CLEAR_MS, copyText } from './clipboard';
import { useAction } from './useAction';

/**
 * Confidential Data stays masked until Reveal; the value is fetched per action and kept only while shown. Masked, it
 * can still be copied without being shown (someone may be looking over the shoulder); shown, it has the copy button.
 */
export function ConfidentialConsole({ keyView }: { keyView: KeyView }) {
  const t = useT();
  const [revealed, setRevealed] = useState<string | null>(null);
  const action = useAction();

  const reveal = () => action.run(async () => setRevealed((await call('keys.reveal', { keyId: keyView.id })).data));
  const copyMasked = () =>
    action.run(async () => {
      await copyText((await call('keys.reveal', { keyId: keyView.id })).data, { secret: true });
      notify(t('Copied. The clipboard will be cleared in {{seconds}} seconds.', { seconds: CLIPBOARD_CLEAR_MS / 1000 }));
    });

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} alignItems="flex-start">
        <Box
          aria-label={t('Data')}
          role="textbox"
          aria-readonly
          sx={{
            flexGrow: 1,
            p: 2,
            bgcolor: 'action.hover',
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
        {revealed !== null && <CopyButton value={revealed} what={t('Confidential Data')} secret />}
      </Stack>
      <Stack direction="row" spacing={1}>
        {revealed === null ? (
          <>
            <Button variant="contained" startIcon={<Visibility />} onClick={reveal} disabled={action.busy}>
              {t('Reveal')}
            </Button>
            <Button variant="outlined" startIcon={<ContentCopyIcon />} onClick={copyMasked} disabled={action.busy}>
              {t('Copy without showing')}
            </Button>
          </>
        ) : (
          <Button variant="outlined" startIcon={<VisibilityOff />} onClick={() => setRevealed(null)}>
            {t('Hide')}
          </Button>
        )}
      </Stack>
      {action.error && <Alert severity="error">{action.error}</Alert>}
    </Stack>
  );
}
