import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { KeyView, SaveResult } from '../../../shared/domain';
import { DestinationRules, type Destination, type DestinationKeyView, type ExportWrappedInput } from '../../../shared/transfer';
import { ApiError, call, errorMessage } from '../api';
import { deliver } from '../auth/deliver';
import { FormDialog } from '../components/FormDialog';
import { ProgressNote } from '../components/ProgressNote';
import { useFormSubmit } from '../components/useFormErrors';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { DESTINATIONS, destinationLabel, destinationWords, refusalFor } from './destinations';
import { MAX_PUBLIC_KEY_FILE_BYTES, publicKeyText } from './files';
import { Fingerprint } from './Fingerprint';
import { CodeField } from '../components/CodeField';

/** What an export made, for the dialog that shows the import command (nothing of the key). */
export interface ExportedWrapped {
  input: ExportWrappedInput;
  fileName: string;
  destination: Destination;
  version: number;
  wrappingKeyFingerprint: string;
  command: { fileName: string; text: string };
  /** Where Electron saved each file; null when the browser downloaded it (or, for the command, it was not saved). */
  savedTo: string | null;
  commandSavedTo: string | null;
  /** Why the command file was not saved, when it was not (the text is still shown). */
  commandProblem: string | null;
}

/** Pause after the last keystroke before a pasted key is inspected: a paste arrives at once, typing does not. */
const INSPECT_DELAY_MS = 250;

/** A pasted private key never leaves this page: the field is emptied and the operator told. */
const isPrivateKey = (text: string) => /PRIVATE KEY/.test(text);

/**
 * Export wrapped: a version of a key wrapped for a destination's public wrapping key (CKM_RSA_AES_KEY_WRAP), saved in
 * the form that destination's import takes, then the import command as a second file. The pasted key is inspected at
 * once so that its size and SHA-256 fingerprint are on screen for the officers to compare before anything leaves.
 */
export function ExportWrappedDialog({ keyView, onClose, onExported }: { keyView: KeyView; onClose: () => void; onExported: (made: ExportedWrapped) => void }) {
  const t = useT();
  const [destination, setDestination] = useState<Destination | ''>('');
  const [pem, setPem] = useState('');
  const [kekId, setKekId] = useState('');
  const [version, setVersion] = useState(keyView.currentVersion);
  const [inspected, setInspected] = useState<DestinationKeyView | null>(null);
  const [inspectError, setInspectError] = useState<string | null>(null);
  const [inspecting, setInspecting] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const needsKekId = destination !== '' && DestinationRules[destination].needsKekId;

  // Inspect the pasted key as soon as it stops changing; an answer to an older text is dropped.
  const asked = useRef(0);
  useEffect(() => {
    const ask = ++asked.current;
    setInspected(null);
    setInspectError(null);
    if (pem.trim() === '') {
      setInspecting(false);
      return;
    }
    setInspecting(true);
    const timer = setTimeout(() => {
      call('transfer.inspectDestinationKey', { wrappingKeyPem: pem, ...(destination ? { destination } : {}) }).then(
        (view) => {
          if (ask !== asked.current) return;
          setInspected(view);
          setInspecting(false);
        },
        (err) => {
          if (ask !== asked.current) return;
          setInspectError(errorMessage(err));
          setInspecting(false);
        },
      );
    }, INSPECT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [pem, destination]);

  const takeKeyText = (text: string) => {
    if (isPrivateKey(text)) {
      setPem('');
      setNotice(
        t(
          'That was a private key, so it was not used or sent anywhere. Paste the destination’s public wrapping key only, and treat the private key as exposed.',
        ),
      );
      return;
    }
    setNotice(null);
    setPem(text);
  };

  const { errors, busy, onSubmit } = useFormSubmit(async () => {
    setCancelled(null);
    if (destination === '') throw new ApiError({ code: 'VALIDATION_FAILED', message: t('Choose where the key is going.'), field: 'destination' });
    const input: ExportWrappedInput = { keyId: keyView.id, version, destination, wrappingKeyPem: pem, ...(needsKekId ? { azureKekId: kekId } : {}) };
    const made = await call('transfer.exportWrapped', input);
    if (made.saved.status === 'cancelled') {
      setCancelled(t('Saving was cancelled, so no wrapped key file was written. Export again and choose where to save it.'));
      return;
    }
    deliver(made.saved);
    // The browser host fetches one download per answer: the command file is a second call.
    let commandSaved: SaveResult | null = null;
    let commandProblem: string | null = null;
    try {
      commandSaved = await call('transfer.downloadImportCommand', input);
      deliver(commandSaved);
      if (commandSaved.status === 'cancelled') commandProblem = t('Saving the import command file was cancelled; the command is below.');
    } catch (err) {
      commandProblem = errorMessage(err);
    }
    onExported({
      input,
      fileName: made.fileName,
      destination: made.destination,
      version: made.version,
      wrappingKeyFingerprint: made.wrappingKeyFingerprint,
      command: made.command,
      savedTo: made.saved.status === 'saved' ? made.saved.path : null,
      commandSavedTo: commandSaved?.status === 'saved' ? commandSaved.path : null,
      commandProblem,
    });
  });
  const pemError = errors.fieldError('wrappingKeyPem') ?? inspectError ?? undefined;
  const versions = [...keyView.versions].reverse();

  return (
    <FormDialog
      title={t('Export wrapped')}
      submitLabel={t('Export')}
      busy={busy}
      error={cancelled ?? errors.general}
      onSubmit={onSubmit}
      onClose={onClose}
      dirty={pem !== '' || destination !== ''}
    >
      <Typography variant="body2" color="text.secondary">
        {t(
          'Wraps a version of "{{name}}" for the destination’s own public wrapping key, so that only the destination can unwrap it: the key is never shown or saved in the clear. Two files are saved: the wrapped key and the command that imports it.',
          { name: keyView.name },
        )}
      </Typography>
      <TextField
        select
        label={t('Destination')}
        value={destination}
        onChange={(e) => setDestination(e.target.value as Destination)}
        required
        disabled={busy}
        error={!!errors.fieldError('destination')}
        helperText={
          errors.fieldError('destination') ??
          (destination ? destinationWords(destination) : t('Where the key is going: its file is made in the form that destination imports.'))
        }
        slotProps={{ select: { renderValue: (v) => (v ? destinationLabel(v as Destination) : '') } }}
      >
        {DESTINATIONS.map((d) => {
          const refused = refusalFor(d, keyView.algorithm);
          return (
            <MenuItem
              key={d}
              value={d}
              disabled={!!refused}
              // Legible although disabled: the reason is the point of showing the choice at all.
              sx={{ whiteSpace: 'normal', maxWidth: 560, '&.Mui-disabled': { opacity: 1 } }}
            >
              <ListItemText
                primary={refused ? t('{{destination}} (not for this key)', { destination: destinationLabel(d) }) : destinationLabel(d)}
                secondary={refused ?? destinationWords(d)}
                slotProps={{ primary: { color: refused ? 'text.disabled' : undefined } }}
              />
            </MenuItem>
          );
        })}
      </TextField>

      <Stack spacing={1}>
        <CodeField
          label={t('Destination’s public wrapping key (PEM)')}
          value={pem}
          onChange={(e) => takeKeyText(e.target.value)}
          required
          minRows={3}
          maxRows={6}
          disabled={busy}
          placeholder="-----BEGIN PUBLIC KEY-----"
          error={!!pemError}
          helperText={pemError ?? t('Paste it, or load the file the destination gave you. RSA 2048, 3072 or 4096 bits; never a private key.')}
        />
        <div>
          <Button size="small" startIcon={<UploadFileOutlined />} onClick={() => fileInput.current?.click()} disabled={busy}>
            {t('Load from a file')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            hidden
            accept=".pem,.pub,.key,.txt,.der,.cer,application/x-pem-file,text/plain"
            aria-label={t('Public wrapping key file')}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              if (file.size > MAX_PUBLIC_KEY_FILE_BYTES) {
                setNotice(t('"{{name}}" is larger than 16 KB: it is not a public wrapping key.', { name: file.name }));
                return;
              }
              takeKeyText(await publicKeyText(file));
            }}
          />
        </div>
        {notice && (
          <Alert severity="warning" onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
      </Stack>

      {inspecting && <ProgressNote label={t('Reading the wrapping key')} text={t('Reading the wrapping key…')} />}
      {inspected && (
        <Fingerprint
          title={t('SHA-256 fingerprint of the wrapping key')}
          value={inspected.fingerprint}
          testId="destination-fingerprint"
          note={
            <>
              {t('RSA {{bits}} bits. Read it aloud and compare it with the fingerprint the destination shows for its wrapping key before you export.', {
                bits: inspected.bits,
              })}
              {!destination && (
                <> {t('Destinations whose wrapping keys have this size: {{list}}.', { list: inspected.destinations.map(destinationLabel).join(', ') })}</>
              )}
            </>
          }
        />
      )}

      {needsKekId && (
        <TextField
          label={t('Key exchange key id (kid)')}
          value={kekId}
          onChange={(e) => setKekId(e.target.value)}
          required
          disabled={busy}
          autoComplete="off"
          placeholder="https://contoso.vault.azure.net/keys/KEKforBYOK/0123456789abcdef0123456789abcdef"
          slotProps={{ htmlInput: { spellCheck: false } }}
          error={!!errors.fieldError('azureKekId')}
          helperText={
            errors.fieldError('azureKekId') ?? t('The .byok file names the key exchange key it was wrapped for: its "kid", as az keyvault key create shows it.')
          }
        />
      )}

      <TextField
        select
        label={t('Version')}
        value={version}
        onChange={(e) => setVersion(Number(e.target.value))}
        disabled={busy}
        {...errors.fieldProps('version', t('The current version unless the destination needs an older one.'))}
      >
        {versions.map((v) => (
          <MenuItem key={v.version} value={v.version}>
            {v.version === keyView.currentVersion
              ? t('Version {{version}} (current), created {{date}}', { version: v.version, date: formatDate(v.createdAt) })
              : t('Version {{version}}, created {{date}}', { version: v.version, date: formatDate(v.createdAt) })}
          </MenuItem>
        ))}
      </TextField>
      {busy && <ProgressNote label={t('Exporting wrapped')} text={t('Wrapping the key and saving the files…')} />}
    </FormDialog>
  );
}
