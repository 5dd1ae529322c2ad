import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import { useId, useState } from 'react';
import { FormDialog } from './FormDialog';
import { AuthMethod, AuthMethodLabels, AuthMode, AuthModeLabels, type KeyStoreView } from '../../../shared/domain';
import { useChange } from '../approval/ChangeSink';
import { useKeyStores } from '../store/keystores';
import { upsertById } from '../store/upsert';
import { useFormSubmit } from './useFormErrors';

/** Add Key Store, or edit one when `existing` is given: the same fields and rules either way. */
export function KeyStoreDialog({ onClose, existing }: { onClose: (saved?: KeyStoreView) => void; existing?: KeyStoreView }) {
  const change = useChange();
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [methods, setMethods] = useState<AuthMethod[]>(existing?.authMethods ?? []);
  const [authMode, setAuthMode] = useState<AuthMode>(existing?.authMode ?? 'all');
  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    const input = { name, description, authMethods: methods, authMode };
    const saved = existing ? await change('keystores.update', { id: existing.id, ...input }) : await change('keystores.create', input);
    if (saved) useKeyStores.setState((s) => ({ items: upsertById(s.items, saved) }));
    onClose(saved);
  });
  const title = existing ? 'Edit Key Store' : 'Add Key Store';

  const toggle = (m: AuthMethod) => setMethods((cur) => (cur.includes(m) ? cur.filter((x) => x !== m) : [...cur, m]));

  const methodError = errors.fieldError('authMethods');
  const modeError = errors.fieldError('authMode');
  const modeLabelId = useId();
  return (
    <FormDialog title={title} submitLabel={existing ? 'Save' : 'Add'} busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
      <TextField
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        autoFocus
        error={!!errors.fieldError('name')}
        helperText={errors.fieldError('name') ?? 'Unique in this vault, up to 100 characters.'}
      />
      <TextField
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        multiline
        minRows={2}
        error={!!errors.fieldError('description')}
        helperText={errors.fieldError('description')}
      />
      <FormControl component="fieldset" error={!!methodError} required>
        <FormLabel component="legend">Client authentication methods</FormLabel>
        <FormGroup row>
          {AuthMethod.options.map((m) => (
            <FormControlLabel key={m} control={<Checkbox checked={methods.includes(m)} onChange={() => toggle(m)} />} label={AuthMethodLabels[m]} />
          ))}
        </FormGroup>
        <FormHelperText>{methodError ?? 'How client programs of this key store prove who they are when they call the Key API.'}</FormHelperText>
      </FormControl>
      <FormControl component="fieldset" error={!!modeError}>
        <FormLabel component="legend" id={modeLabelId}>
          Client authentication
        </FormLabel>
        <RadioGroup row aria-labelledby={modeLabelId} value={authMode} onChange={(e) => setAuthMode(e.target.value as AuthMode)}>
          {AuthMode.options.map((m) => (
            <FormControlLabel key={m} value={m} control={<Radio />} label={AuthModeLabels[m]} />
          ))}
        </RadioGroup>
        <FormHelperText>
          {modeError ??
            (authMode === 'all'
              ? 'A client program must pass every method chosen above.'
              : 'Passing one of the methods chosen above is enough. Choose this only when each method alone identifies your client programs well.')}
        </FormHelperText>
      </FormControl>
    </FormDialog>
  );
}
