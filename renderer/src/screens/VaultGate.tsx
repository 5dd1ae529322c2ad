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
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ReactNode } from 'react';
import { MIN_PASSPHRASE_LENGTH, type VaultStatus } from '../../../shared/domain';
import { ApiError, call } from '../api';
import { RestoreBackupDialog } from '../backup/RestoreBackupDialog';
import { SecretField } from '../components/SecretField';
import { useFormSubmit } from '../components/useFormErrors';
import { formatDate } from '../format';
import { useSession } from '../store/session';

function GateCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'grey.100', p: 2 }}>
      <Paper component="main" elevation={3} sx={{ p: 4, width: '100%', maxWidth: 440 }}>
        <Stack direction="row" spacing={1.5} alignItems="center" sx={{ mb: 1 }}>
          <LockOutlined color="primary" />
          <Typography variant="h5" component="h1">
            {title}
          </Typography>
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
}) {
  const { errors } = props;
  return (
    <>
      <TextField
        label="Username"
        value={props.username}
        onChange={(e) => props.setUsername(e.target.value)}
        autoFocus
        required
        error={!!errors.fieldError('username')}
        helperText={errors.fieldError('username')}
      />
      <SecretField
        label="Passphrase"
        value={props.passphrase}
        onChange={(e) => props.setPassphrase(e.target.value)}
        required
        error={!!errors.fieldError('passphrase')}
        helperText={errors.fieldError('passphrase') ?? props.passphraseHelp}
      />
    </>
  );
}

export function CreateVaultScreen() {
  const opened = useSession((s) => s.opened);
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmPassphrase, setConfirm] = useState('');
  const [restoring, setRestoring] = useState(false);
  const { errors, busy, onSubmit: submit } = useFormSubmit(async () => opened(await call('vault.create', { username, passphrase, confirmPassphrase })));

  return (
    <GateCard
      title="Create vault"
      subtitle="Your keys are kept in an encrypted vault on this computer. This first account is the vault's administrator. There is no way to recover a forgotten passphrase."
    >
      <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label="Create vault">
        {errors.general && <Alert severity="error">{errors.general}</Alert>}
        <CredentialFields {...{ username, setUsername, passphrase, setPassphrase, errors }} passphraseHelp={`At least ${MIN_PASSPHRASE_LENGTH} characters.`} />
        <SecretField
          label="Confirm passphrase"
          value={confirmPassphrase}
          onChange={(e) => setConfirm(e.target.value)}
          required
          error={!!errors.fieldError('confirmPassphrase')}
          helperText={errors.fieldError('confirmPassphrase')}
        />
        <SubmitButton busy={busy} label="Create vault" busyLabel="Creating vault…" />
      </Stack>
      <Divider sx={{ my: 3 }}>or</Divider>
      <Stack spacing={1} alignItems="center">
        <Button variant="text" startIcon={<RestorePageOutlined />} onClick={() => setRestoring(true)} disabled={busy}>
          Restore from backup
        </Button>
        <Typography variant="body2" color="text.secondary" align="center">
          Put a vault from a backup file into this data folder instead of creating a new one.
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

export function UnlockScreen() {
  const { opened, lockedReason, restored } = useSession();
  const keyApi = useKeyApiStillServing();
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
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
    <GateCard title="Unlock" subtitle="Enter your username and passphrase to open the vault.">
      <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label="Unlock">
        {keyApi && (
          <Alert severity="warning">
            The Key API is still serving at <code style={{ wordBreak: 'break-all' }}>{keyApi.url}</code> (since {formatDate(keyApi.since)}). The vault&apos;s
            data key stays in memory until Stop Key API or quitting the app.
          </Alert>
        )}
        {restored && !errors.general && (
          <Alert severity="success">
            The backup was restored into this data folder. Unlock with your username and passphrase as they were when the backup was made.
          </Alert>
        )}
        {lockedReason === 'idle' && !errors.general && <Alert severity="info">The vault was locked after a period of inactivity.</Alert>}
        {errors.general && <Alert severity="error">{errors.general}</Alert>}
        {rolledBack && (
          <Alert severity="warning" role="alert">
            {rolledBack}
            <FormControlLabel
              sx={{ display: 'flex', mt: 1 }}
              control={<Checkbox checked={acceptRollback} onChange={(e) => setAcceptRollback(e.target.checked)} />}
              label="Accept restored vault"
            />
          </Alert>
        )}
        <CredentialFields {...{ username, setUsername, passphrase, setPassphrase, errors }} />
        <SubmitButton busy={busy} label="Unlock" busyLabel="Unlocking…" />
      </Stack>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 3 }}>
        To restore a backup, start the app with an empty data folder.
      </Typography>
    </GateCard>
  );
}

export function UnreadableVaultScreen({ message }: { message: string }) {
  return (
    <GateCard title="Vault cannot be opened" subtitle="The vault file in the data folder could not be read.">
      <Alert severity="error">{message}</Alert>
    </GateCard>
  );
}

/** The host refused this page (its session ended, or the link was not valid): say so instead of spinning forever. */
export function ConsoleUnavailableScreen({ message }: { message: string }) {
  return (
    <GateCard title="Console not available" subtitle="This page could not reach the vault.">
      <Alert severity="warning">{message}</Alert>
    </GateCard>
  );
}
