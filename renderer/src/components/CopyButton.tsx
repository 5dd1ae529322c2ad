import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import type { SxProps, Theme } from '@mui/material/styles';
import Tooltip from '@mui/material/Tooltip';
import { useEffect, useState } from 'react';
import { useT } from '../i18n';
import { copyText } from '../keys/clipboard';

const COPIED_MS = 2_000;

/**
 * The one copy button: copies `value`, says "Copied" for two seconds, and for secrets (data keys, revealed data,
 * shares) clears the clipboard again after 30 seconds. `what` names the thing copied, for its accessible name
 * ("Copy Key Id").
 */
export function CopyButton({ value, what, secret, size = 'small' }: { value: string; what: string; secret?: boolean; size?: 'small' | 'medium' }) {
  const t = useT();
  // 'failed': the clipboard refused (no focus, no permission); say so instead of pretending, and offer the way round.
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), COPIED_MS * (outcome === 'failed' ? 2 : 1));
    return () => clearTimeout(timer);
  }, [outcome]);
  const copied = outcome === 'copied';
  const hint =
    outcome === 'failed'
      ? t('Could not copy here; select the text and copy it yourself.')
      : copied
        ? t('Copied')
        : secret
          ? t('Copy (the clipboard is cleared after 30 seconds)')
          : t('Copy');
  return (
    <Tooltip title={hint} open={outcome !== null || undefined}>
      <IconButton
        size={size}
        aria-label={t('Copy {{what}}', { what })}
        onClick={() =>
          void copyText(value, { secret }).then(
            () => setOutcome('copied'),
            () => setOutcome('failed'),
          )
        }
      >
        {copied ? <CheckIcon fontSize="small" color="success" /> : <ContentCopyIcon fontSize="small" />}
      </IconButton>
    </Tooltip>
  );
}

/** An identifier or fingerprint as code, with its copy button beside it (in a detail list, an alert, a table cell). */
export function CopyableCode({ value, what, sx }: { value: string; what: string; sx?: SxProps<Theme> }) {
  return (
    <Stack component="span" direction="row" spacing={0.5} alignItems="center" {...(sx ? { sx } : {})}>
      <code>{value}</code>
      <CopyButton value={value} what={what} />
    </Stack>
  );
}
