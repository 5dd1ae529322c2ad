import DownloadIcon from '@mui/icons-material/Download';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { KEY_API_DEFAULTS, type KeyApiConfig, type KeyApiStatus } from '../../../shared/domain';
import { call, errorMessage } from '../api';
import { deliver } from '../auth/deliver';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyableCode } from '../components/CopyButton';
import { DetailList } from '../components/DetailList';
import { GuardedButton } from '../components/GuardedButton';
import { ProgressNote } from '../components/ProgressNote';
import { useCan } from '../components/useCan';
import { useFormSubmit } from '../components/useFormErrors';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { SettingsPanel } from '../components/SettingsPanel';

/** How often the panel asks for the status (requests served, failures) while it is shown. */
const STATUS_REFRESH_MS = 2000;
/**
 * main counts every call but vault.status and session.activity as the user being here (idle auto-lock), so the
 * refresh pauses once nobody has touched the window for this long, or while it is hidden; the next input resumes it.
 * Same grain as the renderer's activity pings (App.tsx).
 */
const REFRESH_IDLE_MS = 30_000;

export const KEY_API_MEMORY_TEXT =
  "While the Key API serves, the vault's data key and the keys clients use stay in this app's memory, even after Lock; Stop Key API or quitting the app wipes them.";

/** Host names as typed: one per line or separated by commas (spaces are never part of a host name). */
const splitHostNames = (text: string): string[] => text.split(/[\s,]+/).filter((s) => s !== '');

/**
 * Settings → Key API: start and stop the HTTPS API that client programs call, and watch it serve. Start and Stop are
 * for ADMIN; every member sees the status and may download the API CA certificate.
 */
export function KeyApiPanel() {
  const t = useT();
  const admin = useCan('admin');
  const [status, setStatus] = useState<KeyApiStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [listen, setListen] = useState('');
  const [port, setPort] = useState('');
  const [hostNames, setHostNames] = useState('');
  // The host names sent with the last Start, to name the one a refusal is about ("hostNames.2").
  const [sentHostNames, setSentHostNames] = useState<string[]>([]);
  const [stopping, setStopping] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const fill = useCallback((config: KeyApiConfig) => {
    setListen(config.listen);
    setPort(String(config.port));
    setHostNames(config.hostNames.join('\n'));
  }, []);

  const refresh = useCallback(
    () =>
      call('keyApi.status').then(
        (next) => {
          setStatus(next);
          setStatusError(null);
          return next;
        },
        (err) => {
          setStatusError(errorMessage(err));
          return null;
        },
      ),
    [],
  );

  useEffect(() => {
    let active = true;
    // The form starts from what is serving now, else the last values used (Settings), else the defaults.
    void Promise.all([refresh(), call('settings.get').catch(() => null)]).then(([now, settings]) => {
      if (!active) return;
      if (now?.serving && now.listen !== null && now.port !== null) fill({ listen: now.listen, port: now.port, hostNames: now.hostNames });
      else fill(settings?.keyApi ?? KEY_API_DEFAULTS);
    });
    let lastInput = Date.now();
    const seen = () => (lastInput = Date.now());
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, seen, { passive: true }));
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && Date.now() - lastInput < REFRESH_IDLE_MS) void refresh();
    }, STATUS_REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
      events.forEach((e) => window.removeEventListener(e, seen));
    };
  }, [refresh, fill]);

  const {
    errors,
    busy: starting,
    onSubmit: start,
  } = useFormSubmit(async () => {
    setActionError(null);
    const names = splitHostNames(hostNames);
    setSentHostNames(names);
    const next = await call('keyApi.start', { listen: listen.trim(), port: Number(port), hostNames: names });
    setStatus(next);
    if (next.listen !== null && next.port !== null) fill({ listen: next.listen, port: next.port, hostNames: next.hostNames });
    notify(t('Key API started.'));
  });

  const hostNamesError =
    errors.fieldError('hostNames') ??
    sentHostNames
      .map((name, i) => {
        const message = errors.fieldError(`hostNames.${i}`);
        return message && t('{{name}}: {{message}}', { name, message });
      })
      .find(Boolean);

  const downloadCa = () =>
    call('keyApi.downloadCaCertificate').then(
      (r) => {
        deliver(r);
        if (r.status === 'saved') notify(t('API CA certificate saved to {{path}}.', { path: r.path }));
        void refresh();
      },
      (err) => setActionError(errorMessage(err)),
    );

  const serving = status?.serving ?? false;
  const formLocked = serving || starting || !admin.allowed;

  return (
    <SettingsPanel
      title={t('Key API')}
      intro={t(
        "Client programs use keys through the Key API: the same paths as the cloud product's v1.0 API, over HTTPS, with the App Key in the address. Each key store's client authentication (IPv4, MAC, certificate) decides which programs get in.",
      )}
    >
      <Alert severity="info" sx={{ mb: 2 }}>
        {t(KEY_API_MEMORY_TEXT)}
      </Alert>

      {!status && !statusError && <LinearProgress aria-label={t('Loading the Key API status')} />}
      {statusError && !status && <Alert severity="error">{statusError}</Alert>}
      {status && (
        <DetailList
          items={[
            [
              t('Status'),
              <Chip
                key="s"
                size="small"
                color={serving ? 'success' : 'default'}
                variant={serving ? 'filled' : 'outlined'}
                label={serving ? t('Serving') : t('Stopped')}
              />,
            ],
            [t('Address'), status.serving && status.url ? <CopyableCode key="u" value={status.url} what={t('Address')} /> : '—'],
            [t('Host names'), serving && status.hostNames.length > 0 ? status.hostNames.join(', ') : '—'],
            [t('Serving since'), serving ? formatDate(status.since) : '—'],
            [t('Requests served'), status.requests.toLocaleString()],
            [t('Failures'), status.failures.toLocaleString()],
            [
              t('API CA fingerprint (SHA-256)'),
              status.caFingerprint ? (
                <CopyableCode key="f" value={status.caFingerprint} what={t('API CA fingerprint')} />
              ) : (
                t('Not issued yet: the first Start issues it.')
              ),
            ],
          ]}
        />
      )}

      {admin.allowed && (
        <Stack component="form" spacing={2} onSubmit={start} noValidate aria-label={t('Key API')} sx={{ mt: 3, maxWidth: 560 }}>
          {errors.general && <Alert severity="error">{errors.general}</Alert>}
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems="flex-start">
            <TextField
              label={t('Listen address')}
              value={listen}
              onChange={(e) => setListen(e.target.value)}
              disabled={formLocked}
              required
              sx={{ flex: 2 }}
              {...errors.fieldProps('listen', t('127.0.0.1: this computer only; 0.0.0.0: every interface.'))}
            />
            <TextField
              label={t('Port')}
              type="number"
              value={port}
              onChange={(e) => setPort(e.target.value)}
              disabled={formLocked}
              required
              sx={{ flex: 1 }}
              slotProps={{ htmlInput: { min: 1, max: 65535, step: 1 } }}
              {...errors.fieldProps('port', t('{{port}} by default.', { port: KEY_API_DEFAULTS.port }))}
            />
          </Stack>
          <TextField
            label={t('Host names')}
            value={hostNames}
            onChange={(e) => setHostNames(e.target.value)}
            disabled={formLocked}
            multiline
            minRows={2}
            placeholder="kms.example.internal"
            error={!!hostNamesError}
            helperText={
              hostNamesError ??
              t(
                'Names client programs use to reach this computer, one per line or separated by commas. They go into the server certificate together with the listen address.',
              )
            }
          />
          {starting && <ProgressNote label={t('Starting the Key API')} text={t('Starting the Key API: issuing its server certificate…')} />}
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
            {!serving && (
              <GuardedButton
                permission="admin"
                type="submit"
                variant="contained"
                disabled={starting || !status}
                startIcon={starting ? <CircularProgress size={18} color="inherit" /> : <PlayArrowIcon />}
              >
                {starting ? t('Starting…') : t('Start Key API')}
              </GuardedButton>
            )}
            {serving && (
              <GuardedButton permission="admin" variant="outlined" color="error" startIcon={<StopIcon />} onClick={() => setStopping(true)}>
                {t('Stop Key API')}
              </GuardedButton>
            )}
            <GuardedButton permission="read" variant="outlined" startIcon={<DownloadIcon />} onClick={downloadCa}>
              {t('Download API CA certificate')}
            </GuardedButton>
          </Stack>
          {serving && (
            <Typography variant="body2" color="text.secondary">
              {t('To change the listen address, port or host names, stop the Key API and start it again.')}
            </Typography>
          )}
        </Stack>
      )}
      {!admin.allowed && (
        <Stack spacing={2} sx={{ mt: 3 }}>
          <Typography variant="body2" color="text.secondary">
            {t('An ADMIN starts and stops the Key API.')}
          </Typography>
          <div>
            <GuardedButton permission="read" variant="outlined" startIcon={<DownloadIcon />} onClick={downloadCa}>
              {t('Download API CA certificate')}
            </GuardedButton>
          </div>
        </Stack>
      )}
      {actionError && (
        <Alert severity="error" sx={{ mt: 2 }} onClose={() => setActionError(null)}>
          {actionError}
        </Alert>
      )}

      {stopping && (
        <ConfirmDialog
          title={t('Stop Key API')}
          confirmLabel={t('Stop Key API')}
          dismissLabel={t('Keep serving')}
          destructive
          onClose={() => setStopping(false)}
          onConfirm={async () => {
            setStatus(await call('keyApi.stop'));
            notify(t('Key API stopped.'));
          }}
        >
          {t(
            'Client programs lose access to the keys through the Key API until an ADMIN starts it again; calls they are making now fail. The keys held in memory for client programs are wiped; this console stays signed in.',
          )}
        </ConfirmDialog>
      )}
    </SettingsPanel>
  );
}
