import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api';
import { BackupPanel } from '../backup/BackupPanel';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { useCan } from '../components/useCan';
import { KeyApiPanel } from '../keyapi/KeyApiPanel';
import { GovernanceSetting } from '../members/GovernanceSetting';
import { MemberManagement } from '../members/MemberManagement';
import { APPROVAL_ROLE_TEXT, ROLE_TEXT, rolesLabel } from '../members/roles';
import { useFormErrors } from '../components/useFormErrors';
import { formatDate } from '../format';
import { useSession } from '../store/session';
import { ChangePassphraseDialog } from './ChangePassphraseDialog';

export function SettingsPage() {
  const info = useSession((s) => s.info);
  const errors = useFormErrors();
  const [minutes, setMinutes] = useState('');
  const [saved, setSaved] = useState(false);
  const [changing, setChanging] = useState(false);
  const [passphraseChanged, setPassphraseChanged] = useState(false);
  const admin = useCan('admin');

  useEffect(() => {
    call('settings.get').then((s) => setMinutes(String(s.autoLockMinutes)), errors.show);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    errors.clear();
    setSaved(false);
    try {
      const next = await call('settings.update', { autoLockMinutes: Number(minutes) });
      setMinutes(String(next.autoLockMinutes));
      setSaved(true);
    } catch (err) {
      errors.show(err);
    }
  }

  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1">
        Settings
      </Typography>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          Vault
        </Typography>
        {info && (
          <DetailList
            items={[
              ['App Key', <code key="k">{info.appKey}</code>],
              ['Signed in as', info.username],
              [
                'Your roles',
                <Stack key="r" spacing={0.5}>
                  <Typography variant="body2" sx={{ fontWeight: 500 }}>
                    {rolesLabel(info)}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {[ROLE_TEXT[info.role], ...info.approvalRoles.map((r) => APPROVAL_ROLE_TEXT[r])].join(' ')}
                  </Typography>
                </Stack>,
              ],
              ['Vault created', formatDate(info.createdAt)],
              ['Data folder', <code key="d">{info.dataDir}</code>],
            ]}
          />
        )}
      </Paper>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          Passphrase
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          Changing the passphrase also replaces the vault's data key, so the old passphrase opens nothing in this data folder afterwards. Copies of the vault
          made earlier (backups) still open with the passphrase they were made with.
        </Typography>
        <Button
          variant="outlined"
          onClick={() => {
            setPassphraseChanged(false);
            setChanging(true);
          }}
        >
          Change passphrase
        </Button>
        {passphraseChanged && (
          <Alert severity="success" sx={{ mt: 2 }}>
            Passphrase changed. Use the new one from the next unlock.
          </Alert>
        )}
        {changing && (
          <ChangePassphraseDialog
            onClose={() => setChanging(false)}
            onChanged={() => {
              setChanging(false);
              setPassphraseChanged(true);
            }}
          />
        )}
      </Paper>
      {admin.allowed && <MemberManagement />}
      {admin.allowed && <GovernanceSetting />}
      {admin.allowed && <BackupPanel />}
      <KeyApiPanel />
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          Auto-lock
        </Typography>
        <Stack component="form" direction="row" spacing={2} alignItems="flex-start" onSubmit={save} noValidate aria-label="Auto-lock">
          <TextField
            label="Lock after idle minutes"
            type="number"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            disabled={!admin.allowed}
            slotProps={{ htmlInput: { min: 1, max: 1440, step: 1 } }}
            error={!!errors.fieldError('autoLockMinutes')}
            helperText={errors.fieldError('autoLockMinutes') ?? 'The vault locks itself after this many minutes without activity.'}
          />
          <GuardedButton permission="admin" type="submit" variant="contained" sx={{ mt: 1 }}>
            Save
          </GuardedButton>
        </Stack>
        {errors.general && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errors.general}
          </Alert>
        )}
        {saved && (
          <Alert severity="success" sx={{ mt: 2 }}>
            Saved.
          </Alert>
        )}
      </Paper>
    </Stack>
  );
}
