import TextField, { type TextFieldProps } from '@mui/material/TextField';

const CODE_INPUT = { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } };

/**
 * A multi-line field for text a machine reads (addresses, key data, base64, PEM): monospace so that 0/O and l/1 differ,
 * no spell check or autocomplete (the browser would underline it or offer other values for it).
 */
export function CodeField(props: TextFieldProps) {
  return <TextField multiline autoComplete="off" {...props} slotProps={{ ...props.slotProps, htmlInput: CODE_INPUT }} />;
}
