import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { copyText } from './clipboard';

/** A read-only result with a Copy button. Secret results clear the clipboard after 30 seconds. */
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
              <Tooltip title={secret ? 'Copy (clipboard clears after 30 s)' : 'Copy'}>
                <IconButton aria-label={`Copy ${label.toLowerCase()}`} onClick={() => void copyText(value, { secret })}>
                  <ContentCopyIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
