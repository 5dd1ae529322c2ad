import AttachFileIcon from '@mui/icons-material/AttachFile';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useRef, useState } from 'react';
import { useT } from '../i18n';

/** The console's input: typed text, or a file's bytes (sent as base64). */
export interface PayloadValue {
  text: string;
  file: { name: string; base64: string } | null;
}
export const emptyPayload: PayloadValue = { text: '', file: null };
export const toPayload = (v: PayloadValue) => (v.file ? { data: v.file.base64, encoding: 'base64' as const } : { data: v.text, encoding: 'utf8' as const });

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The contract takes up to 8 MB of base64, which is 6 MB of file. */
const MAX_FILE_BYTES = 6 * 1024 * 1024;

export function PayloadInput({ label, value, onChange }: { label: string; value: PayloadValue; onChange: (v: PayloadValue) => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  return (
    <Stack spacing={1}>
      {value.file ? (
        <Stack direction="row" spacing={1} alignItems="center">
          <Chip
            icon={<AttachFileIcon />}
            label={value.file.name}
            onDelete={() => onChange(emptyPayload)}
            aria-label={t('File {{name}}', { name: value.file.name })}
          />
        </Stack>
      ) : (
        <TextField label={label} value={value.text} onChange={(e) => onChange({ text: e.target.value, file: null })} multiline minRows={3} fullWidth />
      )}
      <div>
        <Button size="small" startIcon={<AttachFileIcon />} onClick={() => input.current?.click()}>
          {t('Use a file instead')}
        </Button>
        {fileError && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            {fileError}
          </Alert>
        )}
        <input
          ref={input}
          type="file"
          hidden
          aria-label={t('{{label}} file', { label })}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            if (file.size > MAX_FILE_BYTES) return setFileError(t('"{{name}}" is larger than 6 MB; the console takes files up to 6 MB.', { name: file.name }));
            setFileError(null);
            onChange({ text: '', file: { name: file.name, base64: await readAsBase64(file) } });
          }}
        />
      </div>
    </Stack>
  );
}
