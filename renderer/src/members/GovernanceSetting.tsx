import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent } from 'react';
import { MAX_REQUEST_EXPIRY_DAYS, MAX_REQUIRED_APPROVALS, type GovernanceView } from '../../../shared/approval';
import { call } from '../api';
import { CopyButton } from '../components/CopyButton';
import { useFormErrors } from '../components/useFormErrors';
import { useT } from '../i18n';
import { useGovernance } from '../store/governance';
import { notify } from '../store/notify';
import { SettingsPanel } from '../components/SettingsPanel';

/** Settings → Governance Setting (ADMIN only): the Approval Feature, Required approvals and Request expiry. */
export function GovernanceSetting() {
  const t = useT();
  const { view, refresh, set } = useGovernance();
  const errors = useFormErrors();
  const [approvalFeature, setApprovalFeature] = useState(false);
  const [required, setRequired] = useState('');
  const [expiry, setExpiry] = useState('');
  const [busy, setBusy] = useState(false);
  /** What stays on screen after Save: nothing changed, or the Approval Feature just came on (what that means). */
  const [notice, setNotice] = useState<{ severity: 'info' | 'success'; text: string } | null>(null);

  const fill = (g: GovernanceView) => {
    setApprovalFeature(g.approvalFeature);
    setRequired(String(g.requiredApprovals));
    setExpiry(String(g.requestExpiryDays));
  };
  useEffect(() => {
    refresh().then(fill, errors.show);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!view) return;
    errors.clear();
    setNotice(null);
    setBusy(true);
    try {
      const changes = {
        ...(approvalFeature !== view.approvalFeature ? { approvalFeature } : {}),
        ...(Number(required) !== view.requiredApprovals ? { requiredApprovals: Number(required) } : {}),
        ...(Number(expiry) !== view.requestExpiryDays ? { requestExpiryDays: Number(expiry) } : {}),
      };
      if (Object.keys(changes).length === 0) {
        setNotice({ severity: 'info', text: t('Nothing changed.') });
        return;
      }
      const next = await call('governance.update', changes);
      set(next);
      fill(next);
      if (next.pendingRequestId) {
        // The waiting alert below says what happens next.
        notify(t('Governance Setting change sent for approval.'));
      } else {
        notify(t('Governance Setting saved.'));
        if (next.approvalFeature && !view.approvalFeature) {
          setNotice({
            severity: 'success',
            text: t('The Approval Feature is on. Changes to key stores now go through Key Store Management and the Approval List.'),
          });
        }
      }
    } catch (err) {
      // The switch shows what is in force, not what was refused.
      setApprovalFeature(view.approvalFeature);
      errors.show(err);
    } finally {
      setBusy(false);
    }
  }

  const waiting = !!view?.pendingRequestId;
  const general = errors.general ?? errors.fieldError('approvalFeature') ?? null;
  return (
    <SettingsPanel title={t('Governance Setting')}>
      <Stack spacing={1} sx={{ mb: 2 }}>
        <Typography variant="body2" color="text.secondary">
          {t(
            'With the Approval Feature on, nobody changes a key store alone: every change to a key store, its keys and its authentication information is staged in Key Store Management and sent as a request that another member approves in the Approval List. Using keys is not a change and works as before.',
          )}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t(
            'It can be turned on only when at least two members hold an approval role and at least one of them is APPROVAL ADMIN; otherwise nobody could ever approve. While it is on, changing this setting, turning it off included, is itself a request that another APPROVAL ADMIN approves, so one ADMIN cannot switch the control off alone.',
          )}
        </Typography>
        {view && <Typography variant="body2">{approvalCount(t, view)}</Typography>}
      </Stack>
      {!view && !general && <LinearProgress aria-label={t('Loading the Governance Setting')} />}
      {view?.pendingRequestId && (
        <Alert severity="warning" sx={{ mb: 2 }} action={<CopyButton value={view.pendingRequestId} what={t('Request Id')} />}>
          {t(
            'A change to this setting is waiting for approval (request {{id}}…). Another APPROVAL ADMIN approves or denies it in the Approval List; until it is decided or withdrawn, this setting cannot change again.',
            { id: view.pendingRequestId.slice(0, 8) },
          )}
        </Alert>
      )}
      {view && (
        <Stack component="form" spacing={2} onSubmit={save} noValidate aria-label={t('Governance Setting')} sx={{ maxWidth: 560 }}>
          <FormControlLabel
            control={<Switch checked={approvalFeature} onChange={(e) => setApprovalFeature(e.target.checked)} disabled={waiting || busy} />}
            label={t('Approval Feature')}
          />
          <TextField
            label={t('Required approvals')}
            type="number"
            value={required}
            onChange={(e) => setRequired(e.target.value)}
            disabled={waiting || busy}
            slotProps={{ htmlInput: { min: 1, max: MAX_REQUIRED_APPROVALS, step: 1 } }}
            error={!!errors.fieldError('requiredApprovals')}
            helperText={
              errors.fieldError('requiredApprovals') ??
              t('How many distinct APPROVAL ADMINs other than the requester must approve before a request is applied. One Deny ends it.')
            }
          />
          <TextField
            label={t('Request expiry days')}
            type="number"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value)}
            disabled={waiting || busy}
            slotProps={{ htmlInput: { min: 1, max: MAX_REQUEST_EXPIRY_DAYS, step: 1 } }}
            {...errors.fieldProps('requestExpiryDays', t('A request nobody decided within this many days expires, and nothing is applied.'))}
          />
          <div>
            <Button type="submit" variant="contained" disabled={waiting || busy}>
              {view.approvalFeature ? t('Request change') : t('Save')}
            </Button>
          </div>
        </Stack>
      )}
      {general && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {general}
        </Alert>
      )}
      {notice && (
        <Alert severity={notice.severity} sx={{ mt: 2 }}>
          {notice.text}
        </Alert>
      )}
    </SettingsPanel>
  );
}

/** Whole sentences for each singular/plural pair, so that each translates as one. */
function approvalCount(t: ReturnType<typeof useT>, g: GovernanceView): string {
  const members = g.approvalMembers;
  const admins = g.approvalAdmins;
  if (members === 1) {
    return admins === 1
      ? t('Now 1 member holds an approval role, and 1 is APPROVAL ADMIN.')
      : t('Now 1 member holds an approval role, and {{admins}} are APPROVAL ADMIN.', { admins });
  }
  return admins === 1
    ? t('Now {{members}} members hold an approval role, and 1 is APPROVAL ADMIN.', { members })
    : t('Now {{members}} members hold an approval role, and {{admins}} are APPROVAL ADMIN.', { members, admins });
}
