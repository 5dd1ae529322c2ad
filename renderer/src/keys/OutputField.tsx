import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { CopyButton } from '../components/CopyButton';

/** A read-only result with the copy button. Secret results (data keys, plaintext) leave the clipboard after 30 seconds. */
export function OutputField({ label, value, secret }: { label: string; value: string; secret?: boolean }) {
  return (
    <TextField
      label={label}
      value={value}
      multiline
      maxRows={8}
      fullWidth
      slotProps={{
        htmlInput: { readOnly: true, style: { fontFamily: 'monospace', fontSize: 13 } },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <CopyButton value={value} what={label} secret={secret} />
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
