import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useState } from 'react';
import { useT } from '../i18n';

/** A password-style field with a show/hide toggle. The value lives only in the form's state. */
export function SecretField(props: TextFieldProps & { label: string }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const what = props.label.toLowerCase();
  return (
    <TextField
      {...props}
      type={shown ? 'text' : 'password'}
      autoComplete="off"
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                aria-label={shown ? t('Hide {{what}}', { what }) : t('Show {{what}}', { what })}
                onClick={() => setShown((s) => !s)}
                edge="end"
                size="small"
              >
                {shown ? <VisibilityOff fontSize="small" /> : <Visibility fontSize="small" />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
