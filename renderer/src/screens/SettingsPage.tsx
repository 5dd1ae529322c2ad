import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import type { Input } from '../../../shared/contract';
import { LanguageChoice, ThemeChoice } from '../../../shared/domain';
import { call, errorMessage } from '../api';
import { BackupPanel } from '../backup/BackupPanel';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { PageHeading } from '../components/PageHeading';
import { useCan } from '../components/useCan';
import { useFormErrors } from '../components/useFormErrors';
import { formatDate } from '../format';
import { t as translate, useT } from '../i18n';
import { KeyApiPanel } from '../keyapi/KeyApiPanel';
import { GovernanceSetting } from '../members/GovernanceSetting';
import { MemberManagement } from '../members/MemberManagement';
import { rolesLabel, rolesText } from '../members/roles';
import { notify } from '../store/notify';
import { usePreferences } from '../store/preferences';
import { useSession } from '../store/session';
import { WrappingKeyPanel } from '../transfer/WrappingKeyPanel';
import { ChangePassphraseDialog } from './ChangePassphraseDialog';
import { SettingsPanel } from '../components/SettingsPanel';

/** Settings is mostly forms: beyond this they read badly on a wide screen (tables elsewhere use the full width). */
const SETTINGS_MAX_WIDTH = 1100;

/** English words for each choice; shown through t(). */
const THEME_WORDS: Record<ThemeChoice, string> = { system: 'As the system', light: 'Light', dark: 'Dark' };
const LANGUAGE_WORDS: Record<LanguageChoice, string> = { system: 'As the system', en: 'English', ko: '한국어' };

/** Theme, language and remembering the username: this computer's console, for every member (and the Unlock screen). */
function AppearancePanel() {
  const t = useT();
  const prefs = usePreferences((s) => s.prefs);
  const update = usePreferences((s) => s.update);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!usePreferences.getState().prefs) void usePreferences.getState().load();
  }, []);
  const save = (changes: Input<'preferences.update'>) => {
    setError(null);
    update(changes).then(
      // In the language just chosen: useT's t is fixed to the one this render had.
      () => notify(translate('Appearance saved.')),
      (err) => setError(errorMessage(err)),
    );
  };
  return (
    <SettingsPanel title={t('Appearance')} intro={t('For this computer: the Unlock screen uses them too. Changes apply at once.')}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 2 }}>
        <TextField
          select
          label={t('Theme')}
          value={prefs?.theme ?? 'system'}
          onChange={(e) => save({ theme: e.target.value as ThemeChoice })}
          disabled={!prefs}
          sx={{ minWidth: 220 }}
          helperText={t('"As the system" follows the light or dark setting of the computer.')}
        >
          {ThemeChoice.options.map((c) => (
            <MenuItem key={c} value={c}>
              {t(THEME_WORDS[c])}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          label={t('Language')}
          value={prefs?.language ?? 'system'}
          onChange={(e) => save({ language: e.target.value as LanguageChoice })}
          disabled={!prefs}
          sx={{ minWidth: 220 }}
        >
          {LanguageChoice.options.map((c) => (
            // Each language in its own words, so a reader finds theirs whatever the screen shows now.
            <MenuItem key={c} value={c} lang={c === 'system' ? undefined : c}>
              {c === 'system' ? t(LANGUAGE_WORDS[c]) : LANGUAGE_WORDS[c]}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <FormControlLabel
        control={<Checkbox checked={prefs?.rememberUsername ?? false} disabled={!prefs} onChange={(e) => save({ rememberUsername: e.target.checked })} />}
        label={t('Remember the last username after the app restarts')}
      />
      <FormHelperText sx={{ mt: 0 }}>
        {t(
          'The Unlock form is filled in with the last username while the app runs. On, it is also kept in settings.json (in plain text) for the next start. Passphrases are never remembered.',
        )}
      </FormHelperText>
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error}
        </Alert>
      )}
    </SettingsPanel>
  );
}

export function SettingsPage() {
  const t = useT();
  const info = useSession((s) => s.info);
  const errors = useFormErrors();
  const [minutes, setMinutes] = useState('');
  const [changing, setChanging] = useState(false);
  const admin = useCan('admin');

  useEffect(() => {
    call('settings.get').then((s) => setMinutes(String(s.autoLockMinutes)), errors.show);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    try {
      const next = await call('settings.update', { autoLockMinutes: Number(minutes) });
      setMinutes(String(next.autoLockMinutes));
      notify(t('Saved.'));
    } catch (err) {
      errors.show(err);
    }
  }

  return (
    <Stack spacing={3} sx={{ maxWidth: SETTINGS_MAX_WIDTH }}>
      <PageHeading>{t('Settings')}</PageHeading>
      <SettingsPanel title={t('Vault')}>
        {info && (
          <DetailList
            items={[
              [t('App Key'), <code key="k">{info.appKey}</code>],
              [t('Signed in as'), info.username],
              [
                t('Your roles'),
                <Stack key="r" spacing={0.5}>
                  <Typography variant="body2" sx={{ fontWeight: 500 }}>
                    {rolesLabel(info)}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {rolesText(info)}
                  </Typography>
                </Stack>,
              ],
              [t('Vault created'), formatDate(info.createdAt)],
              [t('Data folder'), <code key="d">{info.dataDir}</code>],
            ]}
          />
        )}
      </SettingsPanel>
      <AppearancePanel />
      <SettingsPanel
        title={t('Passphrase')}
        intro={t(
          "Changing the passphrase also replaces the vault's data key, so the old passphrase opens nothing in this data folder afterwards. Copies of the vault made earlier (backups) still open with the passphrase they were made with.",
        )}
      >
        <Button variant="outlined" onClick={() => setChanging(true)}>
          {t('Change passphrase')}
        </Button>
        {changing && (
          <ChangePassphraseDialog
            onClose={() => setChanging(false)}
            onChanged={() => {
              setChanging(false);
              notify(t('Passphrase changed. Use the new one from the next unlock.'));
            }}
          />
        )}
      </SettingsPanel>
      {admin.allowed && <MemberManagement />}
      {admin.allowed && <GovernanceSetting />}
      {admin.allowed && <BackupPanel />}
      <KeyApiPanel />
      <WrappingKeyPanel />
      <SettingsPanel title={t('Auto-lock')}>
        <Stack component="form" direction="row" spacing={2} alignItems="flex-start" onSubmit={save} noValidate aria-label={t('Auto-lock')}>
          <TextField
            label={t('Lock after idle minutes')}
            type="number"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            disabled={!admin.allowed}
            slotProps={{ htmlInput: { min: 1, max: 1440, step: 1 } }}
            {...errors.fieldProps('autoLockMinutes', t('The vault locks itself after this many minutes without activity.'))}
          />
          <GuardedButton permission="admin" type="submit" variant="contained" sx={{ mt: 1 }}>
            {t('Save')}
          </GuardedButton>
        </Stack>
        {errors.general && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errors.general}
          </Alert>
        )}
      </SettingsPanel>
    </Stack>
  );
}
