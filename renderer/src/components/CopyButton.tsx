import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import IconButton from '@mui/material/IconButton';
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
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const hint = copied ? t('Copied') : secret ? t('Copy (the clipboard is cleared after 30 seconds)') : t('Copy');
  return (
    <Tooltip title={hint} open={copied || undefined}>
      <IconButton size={size} aria-label={t('Copy {{what}}', { what })} onClick={() => void copyText(value, { secret }).then(() => setCopied(true))}>
        {copied ? <CheckIcon fontSize="small" color="success" /> : <ContentCopyIcon fontSize="small" />}
      </IconButton>
    </Tooltip>
  );
}
