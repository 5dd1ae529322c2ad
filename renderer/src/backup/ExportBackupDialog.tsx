import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/domain';
import { call } from '../api';
import { deliver } from '../auth/deliver';
import { FormDialog } from '../components/FormDialog';
import { ProgressNote } from '../components/ProgressNote';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { useT } from '../i18n';

/** What an export made: the backup's id, its shares (shown once, never kept), and where the file went. */
export interface ExportedBackup {
  backupId: string;
  createdAt: string;
  shares: string[] | null;
  threshold: number;
  /** The path Electron saved the file to; null when the browser downloaded it. */
  savedTo: string | null;
}

type Kind = 'passphrase' | 'shares';

/** Settings → Backup → Export backup: the whole vault in one encrypted file, under a passphrase or M-of-N shares. */
export function ExportBackupDialog({ onClose, onExported }: { onClose: () => void; onExported: (made: ExportedBackup) => void }) {
  const t = useT();
  const [kind, setKind] = useState<Kind>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const [shares, setShares] = useState('3');
  const [threshold, setThreshold] = useState('2');
  const [cancelled, setCancelled] = useState<string | null>(null);
  const kindLabel = useId();
  const [n, m] = [Number(shares), Number(threshold)];
  const validSplit = Number.isInteger(n) && Number.isInteger(m) && m >= 2 && n <= 10 && m <= n;

  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    setCancelled(null);
    const protection =
      kind === 'passphrase'
        ? { kind, passphrase, confirmPassphrase }
        : // Left as typed (not rounded) so "2.5" is refused with words rather than changed silently.
          { kind, shares: shares.trim() === '' ? NaN : Number(shares), threshold: threshold.trim() === '' ? NaN : Number(threshold) };
    const made = await call('backup.export', { protection });
    if (made.saved.status === 'cancelled') {
      setCancelled(t('Saving was cancelled, so no backup file was written. Export again and choose where to save it.'));
      return;
    }
    deliver(made.saved);
    onExported({
      backupId: made.backupId,
      createdAt: new Date().toISOString(),
      shares: made.shares,
      threshold: kind === 'shares' ? Number(threshold) : 0,
      savedTo: made.saved.status === 'saved' ? made.saved.path : null,
    });
  });
  // A refusal names the field inside `protection` (zod) or inside the split (the share maker).
  const fieldError = (name: string) => errors.fieldError(`protection.${name}`) ?? errors.fieldError(name) ?? errors.fieldError(`split.${name}`);

  return (
    <FormDialog
      title={t('Export backup')}
      submitLabel={t('Export backup')}
      busy={busy}
      error={cancelled ?? errors.general}
      onSubmit={onSubmit}
      onClose={onClose}
    >
      <Typography variant="body2" color="text.secondary">
        {t(
          'The backup is one encrypted file with the whole vault: key stores, keys, authentication information, members and the audit trail. Members open a restored vault with their own passphrases.',
        )}
      </Typography>
      <FormControl component="fieldset" disabled={busy}>
        <FormLabel component="legend" id={kindLabel}>
          {t('Protect the backup with')}
        </FormLabel>
        <RadioGroup aria-labelledby={kindLabel} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          <FormControlLabel value="passphrase" control={<Radio />} label={t('Backup passphrase')} />
          <FormControlLabel value="shares" control={<Radio />} label={t('Split the backup key into shares')} />
        </RadioGroup>
      </FormControl>
      {kind === 'passphrase' ? (
        <>
          <SecretField
            label={t('Passphrase')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            required
            disabled={busy}
            error={!!fieldError('passphrase')}
            helperText={
              fieldError('passphrase') ??
              t('At least {{min}} characters. Needed to restore; it is not stored anywhere, and a lost passphrase cannot be recovered.', {
                min: MIN_PASSPHRASE_LENGTH,
              })
            }
          />
          <SecretField
            label={t('Confirm passphrase')}
            value={confirmPassphrase}
            onChange={(e) => setConfirm(e.target.value)}
            required
            disabled={busy}
            error={!!fieldError('confirmPassphrase')}
            helperText={fieldError('confirmPassphrase')}
          />
        </>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary">
            {t('Each officer gets one share.')}{' '}
            {validSplit
              ? t('Any {{threshold}} of the {{total}} shares restore the backup; fewer reveal nothing.', { threshold: m, total: n })
              : t('Enough of them together restore the backup; fewer reveal nothing.')}
          </Typography>
          <Stack direction="row" spacing={2}>
            <TextField
              label={t('Number of shares')}
              type="number"
              value={shares}
              onChange={(e) => setShares(e.target.value)}
              required
              disabled={busy}
              slotProps={{ htmlInput: { min: 2, max: 10, step: 1 } }}
              error={!!fieldError('shares')}
              helperText={fieldError('shares') ?? t('How many officers get one: 2 to 10.')}
              fullWidth
            />
            <TextField
              label={t('Shares needed to restore')}
              type="number"
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
              required
              disabled={busy}
              slotProps={{ htmlInput: { min: 2, max: Math.max(2, Number(shares) || 10), step: 1 } }}
              error={!!fieldError('threshold')}
              helperText={fieldError('threshold') ?? t('How many of them restore it: 2 up to the number of shares.')}
              fullWidth
            />
          </Stack>
        </>
      )}
      {busy && <ProgressNote label={t('Exporting backup')} text={t('Exporting the backup… deriving the backup key takes a moment.')} />}
    </FormDialog>
  );
}
