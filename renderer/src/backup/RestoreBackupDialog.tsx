import FileOpenOutlined from '@mui/icons-material/FileOpenOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useRef, useState } from 'react';
import type { BackupInfo } from '../../../shared/audit';
import { call, errorMessage, ApiError } from '../api';
import { DetailList } from '../components/DetailList';
import { FormDialog } from '../components/FormDialog';
import { ProgressNote } from '../components/ProgressNote';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { useSession } from '../store/session';

/** The contract takes up to 8 MB of base64, which is 6 MB of file. */
const MAX_FILE_BYTES = 6 * 1024 * 1024;

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}

/**
 * Restore from backup (Create vault screen, so only where this data folder has no vault): choose the file, and the
 * file says which secret it needs: its backup passphrase, or M shares. Then the Unlock screen, where members use
 * their own passphrases.
 */
export function RestoreBackupDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const fileHelpId = useId();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [info, setInfo] = useState<BackupInfo | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [shares, setShares] = useState<string[]>([]);

  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    if (!file || !info) {
      setFileError(t('Choose a backup file.'));
      return;
    }
    const secret = info.protection.kind === 'passphrase' ? { passphrase } : { shares };
    const status = await call('backup.restore', { file: file.base64, ...secret }).catch((err: unknown) => {
      // A wrong passphrase or wrong shares is about the field the person typed in: say it there.
      if (err instanceof ApiError && err.code === 'WRONG_CREDENTIALS' && !err.field)
        throw new ApiError({ code: err.code, message: err.message, field: info.protection.kind === 'passphrase' ? 'passphrase' : 'shares' });
      throw err;
    });
    setPassphrase('');
    setShares([]);
    useSession.setState({ status, restored: true, lockedReason: null });
    await useSession.getState().refreshStatus();
  });

  async function choose(chosen: File | undefined) {
    if (!chosen) return;
    errors.clear();
    setFile(null);
    setInfo(null);
    setFileError(null);
    if (chosen.size > MAX_FILE_BYTES) return setFileError(t('"{{name}}" is larger than 6 MB; backup files here are at most 6 MB.', { name: chosen.name }));
    setReading(true);
    try {
      const base64 = await readAsBase64(chosen);
      const found = await call('backup.inspect', { file: base64 });
      setFile({ name: chosen.name, base64 });
      setInfo(found);
      setShares(found.protection.kind === 'shares' ? Array.from({ length: found.protection.threshold }, () => '') : []);
    } catch (err) {
      setFileError(
        err instanceof ApiError
          ? t('"{{name}}": {{message}}', { name: chosen.name, message: err.message })
          : t('"{{name}}" could not be read. {{message}}', { name: chosen.name, message: errorMessage(err) }),
      );
    } finally {
      setReading(false);
    }
  }

  const protection = info?.protection;
  const sharesError = errors.fieldError('shares');
  const fileFieldError = fileError ?? errors.fieldError('file');
  return (
    <FormDialog title={t('Restore from backup')} submitLabel={t('Restore')} busy={busy || reading} error={errors.general} onSubmit={onSubmit} onClose={onClose}>
      <Typography variant="body2" color="text.secondary">
        {t(
          'Restoring puts the vault from a backup file into this data folder, which has no vault yet. Members then unlock with their own usernames and passphrases, as they were when the backup was made.',
        )}
      </Typography>
      <Box>
        <Stack direction="row" spacing={2} alignItems="center">
          <Button
            variant="outlined"
            startIcon={reading ? <CircularProgress size={18} color="inherit" /> : <FileOpenOutlined />}
            onClick={() => input.current?.click()}
            disabled={busy || reading}
            aria-describedby={fileHelpId}
          >
            {file ? t('Choose another file') : t('Choose backup file')}
          </Button>
          {file && (
            <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
              {file.name}
            </Typography>
          )}
        </Stack>
        <input
          ref={input}
          type="file"
          hidden
          accept=".skmbackup,application/octet-stream"
          aria-label={t('Backup file')}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            e.target.value = '';
            void choose(chosen);
          }}
        />
        <FormHelperText id={fileHelpId} error={!!fileFieldError}>
          {fileFieldError ?? t('A .skmbackup file made with Export backup (Settings → Backup).')}
        </FormHelperText>
      </Box>
      {info && protection && (
        <DetailList
          items={[
            [t('Backup'), <code key="b">{info.backupId}</code>],
            [t('Exported'), formatDateTime(info.createdAt)],
            [
              t('Protected by'),
              protection.kind === 'passphrase'
                ? t('Backup passphrase')
                : t('Shares: any {{threshold}} of {{total}}', { threshold: protection.threshold, total: protection.count }),
            ],
          ]}
        />
      )}
      {protection?.kind === 'passphrase' && (
        <SecretField
          label={t('Backup passphrase')}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          required
          autoFocus
          disabled={busy}
          {...errors.fieldProps('passphrase', t('The passphrase chosen when the backup was exported.'))}
        />
      )}
      {protection?.kind === 'shares' && (
        <Stack spacing={2} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
          <Typography component="legend" variant="body2" color="text.secondary" sx={{ mb: 1, p: 0 }}>
            {t('Type or paste the shares of any {{threshold}} officers, in any order. Spaces and line breaks do not matter.', {
              threshold: protection.threshold,
            })}
          </Typography>
          {sharesError && (
            <FormHelperText error role="alert">
              {sharesError}
            </FormHelperText>
          )}
          {shares.map((share, i) => (
            <TextField
              key={i}
              label={t('Share {{n}}', { n: i + 1 })}
              value={share}
              onChange={(e) => setShares((cur) => cur.map((s, j) => (j === i ? e.target.value : s)))}
              required
              autoFocus={i === 0}
              disabled={busy}
              multiline
              minRows={2}
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' }, input: { sx: { fontFamily: 'monospace' } } }}
              error={!!errors.fieldError(`shares.${i}`)}
              helperText={errors.fieldError(`shares.${i}`)}
            />
          ))}
        </Stack>
      )}
      {busy && <ProgressNote label={t('Restoring backup')} text={t('Restoring the backup… deriving the backup key takes a moment.')} />}
    </FormDialog>
  );
}
