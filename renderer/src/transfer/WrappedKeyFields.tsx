import AttachFileIcon from '@mui/icons-material/AttachFile';
import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useRef, useState } from 'react';
import { AsymmetricAlgorithm, AsymmetricAlgorithmLabels } from '../../../shared/domain';
import type { WrappedKeyMaterial } from '../../../shared/transfer';
import { useT } from '../i18n';
import { fileBase64, MAX_WRAPPED_FILE_BYTES } from './files';
import { useWrappingKeyActions, WrappingKeyFingerprint, WrappingKeySettingsLink } from './WrappingKeyPanel';

/** Import Key's two forms. */
export type ImportForm = 'keyData' | 'wrapped';

/** The choice between them, at the top of Import Key. */
export function ImportFormChoice({ value, onChange, disabled }: { value: ImportForm; onChange: (form: ImportForm) => void; disabled?: boolean }) {
  const t = useT();
  const labelId = useId();
  return (
    <FormControl component="fieldset" disabled={disabled}>
      <FormLabel component="legend" id={labelId}>
        {t('The key comes as')}
      </FormLabel>
      <RadioGroup row aria-labelledby={labelId} value={value} onChange={(e) => onChange(e.target.value as ImportForm)}>
        {/* Not "Key Data …": the Key Data field keeps that label to itself. */}
        <FormControlLabel value="keyData" control={<Radio />} label={t('Typed Key Data (0xXX)')} />
        <FormControlLabel value="wrapped" control={<Radio />} label={t('Wrapped key material')} />
      </RadioGroup>
    </FormControl>
  );
}

type Algorithm = WrappedKeyMaterial['algorithm'];
const ALGORITHMS: readonly Algorithm[] = ['AES-256-GCM', ...AsymmetricAlgorithm.options];
const algorithmWords = (a: Algorithm): string => (a === 'AES-256-GCM' ? 'AES-256-GCM' : AsymmetricAlgorithmLabels[a]);

/** What the wrapped form holds: the file's bytes (base64) are the wrapped key, useless without the vault's wrapping key. */
export interface WrappedValue {
  algorithm: Algorithm;
  file: { name: string; size: number; base64: string } | null;
}
export const emptyWrapped: WrappedValue = { algorithm: 'AES-256-GCM', file: null };
export const toWrapped = (v: WrappedValue): WrappedKeyMaterial => ({ algorithm: v.algorithm, blob: v.file?.base64 ?? '' });

/**
 * Import Key → Wrapped key material: what the key is, and the file wrapped for this vault's wrapping key, whose
 * fingerprint is shown so the operator can check that the sender wrapped for this vault. Field errors come as
 * keys.import names them (`wrapped.algorithm`, `wrapped.blob`).
 */
export function WrappedKeyFields({
  value,
  onChange,
  fieldError,
  disabled,
}: {
  value: WrappedValue;
  onChange: (v: WrappedValue) => void;
  fieldError: (name: string) => string | undefined;
  disabled?: boolean;
}) {
  const t = useT();
  const wrapping = useWrappingKeyActions();
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const helperId = useId();
  const { view, show } = wrapping;
  // This form is the need that makes the wrapping key, if the vault has none yet.
  useEffect(() => {
    if (!view) show();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const blobError = fieldError('wrapped.blob') ?? fileProblem ?? undefined;

  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {t(
          'A key wrapped for this vault’s wrapping key (CKM_RSA_AES_KEY_WRAP, RSA-OAEP with SHA-256), from an HSM, a cloud KMS or another vault. It is unwrapped inside the vault and never shown.',
        )}
      </Typography>
      {wrapping.view && (
        <WrappingKeyFingerprint
          fingerprint={wrapping.view.fingerprint}
          note={t('Check with the sender that they wrapped the key for this fingerprint: a key wrapped for any other key is refused.')}
        />
      )}
      {wrapping.progress}
      {wrapping.error && <Alert severity="error">{wrapping.error}</Alert>}
      <Stack direction="row" spacing={2} alignItems="center" useFlexGap flexWrap="wrap">
        <Button size="small" startIcon={<DownloadIcon />} onClick={() => void wrapping.download()} disabled={wrapping.busy}>
          {t('Download PEM')}
        </Button>
        <WrappingKeySettingsLink />
      </Stack>

      <TextField
        select
        label={t('Key algorithm')}
        value={value.algorithm}
        onChange={(e) => onChange({ ...value, algorithm: e.target.value as Algorithm })}
        required
        disabled={disabled}
        error={!!fieldError('wrapped.algorithm')}
        helperText={
          fieldError('wrapped.algorithm') ??
          t('What the wrapped key is: an AES-256 key as its raw 32 bytes; an RSA, ECDSA or Ed25519 private key as PKCS#8 DER.')
        }
      >
        {ALGORITHMS.map((a) => (
          <MenuItem key={a} value={a}>
            {algorithmWords(a)}
          </MenuItem>
        ))}
      </TextField>

      <FormControl error={!!blobError} required>
        <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
          <Button
            variant="outlined"
            startIcon={<AttachFileIcon />}
            onClick={() => fileInput.current?.click()}
            disabled={disabled}
            aria-invalid={blobError ? true : undefined}
            aria-describedby={helperId}
            color={blobError ? 'error' : 'primary'}
          >
            {value.file ? t('Choose another file') : t('Choose the wrapped key file')}
          </Button>
          {value.file && (
            <Chip
              icon={<AttachFileIcon />}
              label={t('{{name}} ({{size}} bytes)', { name: value.file.name, size: value.file.size.toLocaleString() })}
              onDelete={disabled ? undefined : () => onChange({ ...value, file: null })}
              aria-label={t('Wrapped key file {{name}}', { name: value.file.name })}
            />
          )}
        </Stack>
        <FormHelperText id={helperId}>
          {blobError ?? t('The file as the sender made it: raw bytes, the RSA-OAEP part first (512 bytes), then the wrapped key.')}
        </FormHelperText>
        <input
          ref={fileInput}
          type="file"
          hidden
          aria-label={t('Wrapped key file')}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            if (file.size > MAX_WRAPPED_FILE_BYTES) {
              setFileProblem(t('"{{name}}" is larger than 48 KB: a wrapped key is a few kilobytes at most. Choose the wrapped key file.', { name: file.name }));
              return;
            }
            setFileProblem(null);
            onChange({ ...value, file: { name: file.name, size: file.size, base64: await fileBase64(file) } });
          }}
        />
      </FormControl>
    </Stack>
  );
}
