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
import { ConfirmDialog } from './ConfirmDialog';
import { AuthMethod, AuthMethodLabels, AuthMode, AuthModeLabels, type KeyStoreView } from '../../../shared/domain';
import { call } from '../api';
import { AUTH_KIND_TEXT } from '../auth/kinds';
import { useChange } from '../approval/ChangeSink';
import { useT } from '../i18n';
import { useKeyStores } from '../store/keystores';
import { upsertById } from '../store/upsert';
import { useFormSubmit } from './useFormErrors';

/** What an edit would stop requiring, with the entries of each method it leaves unused (null: could not be counted). */
interface Loosening {
  dropped: Array<{ method: AuthMethod; entries: number | null }>;
  /** All of the methods -> any one of them. */
  anyOne: boolean;
}

/** How many entries of a method the key store keeps (they stay stored while the method is not required). */
const entriesOf = (keyStoreId: string, method: AuthMethod): Promise<number | null> =>
  call('auth.list', { keyStoreId, kind: method }).then(
    (list) => list.length,
    () => null,
  );

/**
 * Add Key Store, or edit one when `existing` is given: the same fields and rules either way. An edit that loosens
 * client authentication (a method no longer required, or any one method instead of all) asks first (issue 12, item 3).
 */
export function KeyStoreDialog({ onClose, existing }: { onClose: (saved?: KeyStoreView) => void; existing?: KeyStoreView }) {
  const t = useT();
  const change = useChange();
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [methods, setMethods] = useState<AuthMethod[]>(existing?.authMethods ?? []);
  const [authMode, setAuthMode] = useState<AuthMode>(existing?.authMode ?? 'all');
  const [loosening, setLoosening] = useState<Loosening | null>(null);

  const save = async () => {
    const input = { name, description, authMethods: methods, authMode };
    const saved = existing ? await change('keystores.update', { id: existing.id, ...input }) : await change('keystores.create', input);
    if (saved) useKeyStores.setState((s) => ({ items: upsertById(s.items, saved) }));
    onClose(saved);
  };
  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    const dropped = existing ? existing.authMethods.filter((m) => !methods.includes(m)) : [];
    // With one method left, "any one" and "all" are the same requirement.
    const anyOne = !!existing && existing.authMode === 'all' && authMode === 'any' && methods.length > 1;
    // No method left is refused by main with its own words: nothing to confirm then.
    if ((dropped.length === 0 && !anyOne) || methods.length === 0) return save();
    const counted = await Promise.all(dropped.map(async (method) => ({ method, entries: await entriesOf(existing!.id, method) })));
    setLoosening({ dropped: counted, anyOne });
  });
  /** Keep: the form goes back to requiring what it required. */
  const keep = () => {
    if (!existing || !loosening) return;
    setMethods((cur) => AuthMethod.options.filter((m) => cur.includes(m) || loosening.dropped.some((d) => d.method === m)));
    if (loosening.anyOne) setAuthMode(existing.authMode);
    setLoosening(null);
  };
  const title = existing ? t('Edit Key Store') : t('Add Key Store');

  const toggle = (m: AuthMethod) => setMethods((cur) => (cur.includes(m) ? cur.filter((x) => x !== m) : [...cur, m]));

  const methodError = errors.fieldError('authMethods');
  const modeError = errors.fieldError('authMode');
  const modeLabelId = useId();
  const label = (m: AuthMethod) => t(AuthMethodLabels[m]);
  return (
    <>
      <FormDialog title={title} submitLabel={existing ? t('Save') : t('Add')} busy={busy} error={errors.general} onSubmit={submit} onClose={() => onClose()}>
        <TextField
          label={t('Name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          autoFocus
          {...errors.fieldProps('name', t('Unique in this vault, up to 100 characters.'))}
        />
        <TextField
          label={t('Description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          multiline
          minRows={2}
          {...errors.fieldProps('description')}
        />
        <FormControl component="fieldset" error={!!methodError} required>
          <FormLabel component="legend">{t('Client authentication methods')}</FormLabel>
          <FormGroup row>
            {AuthMethod.options.map((m) => (
              <FormControlLabel key={m} control={<Checkbox checked={methods.includes(m)} onChange={() => toggle(m)} />} label={label(m)} />
            ))}
          </FormGroup>
          <FormHelperText>{methodError ?? t('How client programs of this key store prove who they are when they call the Key API.')}</FormHelperText>
        </FormControl>
        <FormControl component="fieldset" error={!!modeError}>
          <FormLabel component="legend" id={modeLabelId}>
            {t('Client authentication')}
          </FormLabel>
          <RadioGroup row aria-labelledby={modeLabelId} value={authMode} onChange={(e) => setAuthMode(e.target.value as AuthMode)}>
            {AuthMode.options.map((m) => (
              <FormControlLabel key={m} value={m} control={<Radio />} label={t(AuthModeLabels[m])} />
            ))}
          </RadioGroup>
          <FormHelperText>
            {modeError ??
              (authMode === 'all'
                ? t('A client program must pass every method chosen above.')
                : t('Passing one of the methods chosen above is enough. Choose this only when each method alone identifies your client programs well.'))}
          </FormHelperText>
        </FormControl>
      </FormDialog>
      {loosening && existing && (
        <ConfirmDialog
          title={t('Loosen client authentication?')}
          confirmLabel={t('Loosen and save')}
          destructive
          onClose={keep}
          onConfirm={async () => {
            try {
              await save();
            } catch (err) {
              // Shown in the confirmation, and under its field once the form is back.
              errors.show(err);
              throw err;
            }
          }}
        >
          {loosening.dropped.map(({ method, entries }) => {
            const where = t(AUTH_KIND_TEXT[method].tab);
            return (
              <p key={method}>
                {t('Client programs of "{{name}}" will no longer be required to pass {{method}} authentication.', {
                  name: existing.name,
                  method: label(method),
                })}{' '}
                {entries === 0
                  ? t('{{where}} has no entries.', { where })
                  : entries === 1
                    ? t('Its 1 entry in {{where}} stays stored but unused until {{method}} is ticked again.', { where, method: label(method) })
                    : entries === null
                      ? t('Its entries in {{where}} stay stored but unused until {{method}} is ticked again.', { where, method: label(method) })
                      : t('Its {{n}} entries in {{where}} stay stored but unused until {{method}} is ticked again.', {
                          n: entries,
                          where,
                          method: label(method),
                        })}
              </p>
            );
          })}
          {loosening.anyOne && <p>{t('Passing any one of the methods will be enough, instead of all of them.')}</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
