import LockOutlined from '@mui/icons-material/LockOutlined';
import RestorePageOutlined from '@mui/icons-material/RestorePageOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { MIN_PASSPHRASE_LENGTH, type VaultStatus } from '../../../shared/domain';
import { ApiError, call } from '../api';
import { RestoreBackupDialog } from '../backup/RestoreBackupDialog';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate } from '../format';
import { currentLanguage, setLanguage, useT, type Language } from '../i18n';
import { usePreferences } from '../store/preferences';
import { useSession } from '../store/session';

/** Each language named in its own words, so a reader finds theirs whatever the screen shows now. */
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ko: '한국어' };

/**
 * English or Korean before anyone signs in: saved as this computer's language (Settings → Appearance offers "as the
 * system" too).
 */
function LanguageSwitch() {
  const t = useT(); // re-renders on a language change, so currentLanguage() below is fresh
  const language = currentLanguage();
  const choose = (next: Language | null) => {
    if (!next || next === language) return;
    usePreferences
      .getState()
      .update({ language: next })
      .catch(() => setLanguage(next)); // not saved, but this screen still reads in the chosen language
  };
  return (
    <ToggleButtonGroup size="small" exclusive value={language} onChange={(_e, next: Language | null) => choose(next)} aria-label={t('Language')}>
      {(Object.keys(LANGUAGE_NAMES) as Language[]).map((l) => (
        <ToggleButton key={l} value={l} lang={l} sx={{ py: 0.25, px: 1, textTransform: 'none' }}>
          {LANGUAGE_NAMES[l]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

function GateCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  usePageTitle([title], { specific: false });
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}>
      <Paper component="main" elevation={3} sx={{ p: 4, width: '100%', maxWidth: 440 }}>
        <Stack direction="row" spacing={1.5} alignItems="center" sx={{ mb: 1 }}>
          <LockOutlined color="primary" />
          <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
            {title}
          </Typography>
          <LanguageSwitch />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 3 }}>
          {subtitle}
        </Typography>
        {children}
      </Paper>
    </Box>
  );
}

function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <Button type="submit" variant="contained" size="large" disabled={busy} startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}>
      {busy ? busyLabel : label}
    </Button>
  );
}

/** Username and passphrase, as both gate forms ask for them; errors land under the field they are about. */
function CredentialFields(props: {
  username: string;
  setUsername: (v: string) => void;
  passphrase: string;
  setPassphrase: (v: string) => void;
  errors: ReturnType<typeof useFormSubmit>['errors'];
  passphraseHelp?: string;
  passphraseRef?: RefObject<HTMLInputElement | null>;
}) {
  const t = useT();
  const { errors } = props;
  return (
    <>
      <TextField
        label={t('Username')}
        value={props.username}
        onChange={(e) => props.setUsername(e.target.value)}
        autoFocus
        required
        autoComplete="username"
        {...errors.fieldProps('username')}
      />
      <SecretField
        label={t('Passphrase')}
        value={props.passphrase}
        onChange={(e) => props.setPassphrase(e.target.value)}
        required
        inputRef={props.passphraseRef}
        {...errors.fieldProps('passphrase', props.passphraseHelp)}
      />
    </>
  );
}

export function CreateVaultScreen() {
  const t = useT();
  const opened = useSession((s) => s.opened);
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const [restoring, setRestoring] = useState(false);
  const { errors, busy, onSubmit: submit } = useFormSubmit(async () => opened(await call('vault.create', { username, passphrase, confirmPassphrase })));

  return (
    <GateCard
      title={t('Create vault')}
      subtitle={t(
        "Your keys are kept in an encrypted vault on this computer. This first account is the vault's administrator. There is no way to recover a forgotten passphrase.",
      )}
    >
      <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label={t('Create vault')}>
        {errors.general && <Alert severity="error">{errors.general}</Alert>}
        <CredentialFields
          {...{ username, setUsername, passphrase, setPassphrase, errors }}
          passphraseHelp={t('At least {{n}} characters.', { n: MIN_PASSPHRASE_LENGTH })}
        />
        <SecretField
          label={t('Confirm passphrase')}
          value={confirmPassphrase}
          onChange={(e) => setConfirm(e.target.value)}
          required
          {...errors.fieldProps('confirmPassphrase')}
        />
        <SubmitButton busy={busy} label={t('Create vault')} busyLabel={t('Creating vault…')} />
      </Stack>
      <Divider sx={{ my: 3 }}>{t('or')}</Divider>
      <Stack spacing={1} alignItems="center">
        <Button variant="text" startIcon={<RestorePageOutlined />} onClick={() => setRestoring(true)} disabled={busy}>
          {t('Restore from backup')}
        </Button>
        <Typography variant="body2" color="text.secondary" align="center">
          {t('Put a vault from a backup file into this data folder instead of creating a new one.')}
        </Typography>
      </Stack>
      {restoring && <RestoreBackupDialog onClose={() => setRestoring(false)} />}
    </GateCard>
  );
}

/**
 * Locking the console is not sealing the vault while the Key API serves: say so on the Unlock screen. Asked afresh
 * when the screen shows, because the lock event itself does not carry it.
 */
function useKeyApiStillServing(): VaultStatus['keyApi'] | null {
  const known = useSession((s) => s.status?.keyApi ?? null);
  const [keyApi, setKeyApi] = useState<VaultStatus['keyApi'] | null>(known);
  useEffect(() => {
    let active = true;
    call('vault.status').then(
      (s) => active && setKeyApi(s.state === 'locked' ? (s.keyApi ?? null) : null),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, []);
  return keyApi;
}

/**
 * The last member who signed in here (main remembers it; never the passphrase): filled in once main answers, unless
 * something was typed meanwhile, and the passphrase field takes the focus.
 */
function useRememberedUsername(setUsername: (v: string) => void, passphrase: RefObject<HTMLInputElement | null>): { typed: () => void } {
  const typed = useRef(false);
  useEffect(() => {
    let active = true;
    void usePreferences
      .getState()
      .load()
      .then((prefs) => {
        if (!active || typed.current || !prefs?.lastUsername) return;
        setUsername(prefs.lastUsername);
        passphrase.current?.focus();
      });
    return () => {
      active = false;
    };
  }, [setUsername, passphrase]);
  return { typed: () => (typed.current = true) };
}

export function UnlockScreen() {
  const t = useT();
  const { opened, lockedReason, restored } = useSession();
  const keyApi = useKeyApiStillServing();
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const passphraseRef = useRef<HTMLInputElement>(null);
  const remembered = useRememberedUsername(setUsername, passphraseRef);
  // Set once unlock answers that the file is older than the one last opened here: the admin may accept it on purpose.
  const [rolledBack, setRolledBack] = useState<string | null>(null);
  const [acceptRollback, setAcceptRollback] = useState(false);
  const {
    errors,
    busy,
    onSubmit: submit,
  } = useFormSubmit(async () => {
    try {
      opened(await call('vault.unlock', { username, passphrase, ...(acceptRollback ? { acceptRollback: true } : {}) }));
    } catch (err) {
      setPassphrase(''); // a failed passphrase is not left in the field
      if (err instanceof ApiError && err.code === 'VAULT_ROLLED_BACK') {
        setRolledBack(err.message);
        return;
      }
      throw err;
    }
  });

  return (
    <GateCard title={t('Unlock')} subtitle={t('Enter your username and passphrase to open the vault.')}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label={t('Unlock')}>
        {keyApi && (
          <Alert severity="warning" sx={{ wordBreak: 'break-word' }}>
            {t("The Key API is still serving at {{url}} (since {{date}}). The vault's data key stays in memory until Stop Key API or quitting the app.", {
              url: keyApi.url,
              date: formatDate(keyApi.since),
            })}
          </Alert>
        )}
        {restored && !errors.general && (
          <Alert severity="success">
            {t('The backup was restored into this data folder. Unlock with your username and passphrase as they were when the backup was made.')}
          </Alert>
        )}
        {lockedReason === 'idle' && !errors.general && <Alert severity="info">{t('The vault was locked after a period of inactivity.')}</Alert>}
        {errors.general && <Alert severity="error">{errors.general}</Alert>}
        {rolledBack && (
          <Alert severity="warning" role="alert">
            {rolledBack}
            <FormControlLabel
              sx={{ display: 'flex', mt: 1 }}
              control={<Checkbox checked={acceptRollback} onChange={(e) => setAcceptRollback(e.target.checked)} />}
              label={t('Accept restored vault')}
            />
          </Alert>
        )}
        <CredentialFields
          username={username}
          setUsername={(v) => {
            remembered.typed();
            setUsername(v);
          }}
          {...{ passphrase, setPassphrase, errors, passphraseRef }}
        />
        <SubmitButton busy={busy} label={t('Unlock')} busyLabel={t('Unlocking…')} />
      </Stack>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 3 }}>
        {t('To restore a backup, start the app with an empty data folder.')}
      </Typography>
    </GateCard>
  );
}

export function UnreadableVaultScreen({ message }: { message: string }) {
  const t = useT();
  return (
    <GateCard title={t('Vault cannot be opened')} subtitle={t('The vault file in the data folder could not be read.')}>
      <Alert severity="error">{message}</Alert>
    </GateCard>
  );
}

/** The host refused this page (its session ended, or the link was not valid): say so instead of spinning forever. */
export function ConsoleUnavailableScreen({ message }: { message: string }) {
  const t = useT();
  return (
    <GateCard title={t('Console not available')} subtitle={t('This page could not reach the vault.')}>
      <Alert severity="warning">{message}</Alert>
    </GateCard>
  );
}

/**
 * The host stopped (quit, its terminal closed, or it ended): the vault is locked and this page can do nothing more.
 * Rather than an Unlock form that could never work, say what happened and what to do.
 */
export function ConsoleStoppedScreen() {
  const t = useT();
  const refreshStatus = useSession((s) => s.refreshStatus);
  const [checking, setChecking] = useState(false);
  return (
    <GateCard title={t('The console has stopped')} subtitle={t('Secure Key Manager is no longer running behind this page, so the vault is locked.')}>
      <Stack spacing={2}>
        <Alert severity="info">
          {t(
            'Every change made before it stopped was saved. To carry on, start Secure Key Manager again (the desktop app, or npm start in its terminal) and open the console address it prints. This page can then be closed.',
          )}
        </Alert>
        <Button
          variant="outlined"
          disabled={checking}
          onClick={() => {
            setChecking(true);
            void refreshStatus().finally(() => setChecking(false));
          }}
        >
          {t('Try again')}
        </Button>
      </Stack>
    </GateCard>
  );
}
