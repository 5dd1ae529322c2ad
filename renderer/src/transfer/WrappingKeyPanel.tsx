import DownloadIcon from '@mui/icons-material/Download';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { call, errorMessage } from '../api';
import { deliver } from '../auth/deliver';
import { DetailList } from '../components/DetailList';
import { ProgressNote } from '../components/ProgressNote';
import { useCan } from '../components/useCan';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { notify } from '../store/notify';
import { useSession } from '../store/session';
import { Fingerprint } from './Fingerprint';
import { useWrappingKey } from './wrappingKey';
import { SettingsPanel } from '../components/SettingsPanel';

/** The id Settings gives the panel, so the import form can bring the operator to it. */
const PANEL_ID = 'wrapping-key';
const FIND_PANEL_FRAMES = 30;

/** Settings → Wrapping key, from anywhere (Import Key → Wrapped key material links to it). */
export function openWrappingKeySettings(): void {
  useSession.getState().navigate({ name: 'settings' });
  let frames = 0;
  const find = () => {
    const panel = document.getElementById(PANEL_ID);
    if (panel) {
      panel.scrollIntoView({ block: 'start' });
      panel.querySelector<HTMLElement>('h2')?.focus();
    } else if (++frames < FIND_PANEL_FRAMES) requestAnimationFrame(find);
  };
  requestAnimationFrame(find);
}

/** Show the wrapping key (made on first need: seconds, with progress), and Download its PEM. Shared by Settings and the import form. */
export function useWrappingKeyActions() {
  const t = useT();
  const { view, loading, load } = useWrappingKey();
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const show = () => {
    setError(null);
    load().catch((err) => setError(errorMessage(err)));
  };
  const download = async () => {
    setError(null);
    setDownloading(true);
    try {
      // First the key itself, so its fingerprint is on screen beside the file that was just saved.
      await load();
      const saved = await call('transfer.downloadWrappingKey');
      deliver(saved);
      if (saved.status === 'saved') notify(t('Saved to {{path}}', { path: saved.path }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setDownloading(false);
    }
  };
  const progress = loading ? (
    <ProgressNote
      label={t('Getting the vault’s wrapping key')}
      text={t('Getting the vault’s wrapping key… The first time, it is made now (RSA 4096), which takes a few seconds.')}
    />
  ) : null;
  return { view, busy: loading || downloading, error, show, download, progress };
}

/** The vault's wrapping key's fingerprint, for the sender of a wrapped key to compare with the key they wrapped for. */
export function WrappingKeyFingerprint({ fingerprint, note }: { fingerprint: string; note?: string }) {
  const t = useT();
  return <Fingerprint title={t('SHA-256 fingerprint of this vault’s wrapping key')} value={fingerprint} testId="wrapping-key-fingerprint" note={note} />;
}

/**
 * Settings → Wrapping key: the vault's own RSA-4096 key that keys wrapped elsewhere come in under. Its private half
 * never leaves the vault; the public half is shown and downloaded for whoever wraps a key for this vault.
 */
export function WrappingKeyPanel() {
  const t = useT();
  const use = useCan('use');
  const { view, busy, error, show, download, progress } = useWrappingKeyActions();
  if (use.hidden) return null;
  return (
    <SettingsPanel
      title={t('Wrapping key')}
      id={PANEL_ID}
      intro={
        <>
          {t(
            'Keys wrapped elsewhere (in an HSM, a cloud KMS or another vault) come into this vault under its wrapping key: RSA 4096, made the first time it is needed. Give its public key (PEM) to whoever wraps a key for this vault, and compare the fingerprint with them. The private key never leaves the vault.',
          )}{' '}
          {t('Then import the file with Import Key → Wrapped key material.')}
        </>
      }
    >
      <Stack spacing={2}>
        {view && (
          <>
            <WrappingKeyFingerprint fingerprint={view.fingerprint} />
            <DetailList
              items={[
                [t('Algorithm'), t('RSA {{bits}}, RSA-OAEP with SHA-256', { bits: view.bits })],
                [t('Created'), formatDateTime(view.createdAt)],
              ]}
            />
          </>
        )}
        {progress}
        {error && <Alert severity="error">{error}</Alert>}
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
          {!view && (
            <Button variant="outlined" startIcon={<KeyOutlined />} onClick={show} disabled={busy}>
              {t('Show the wrapping key')}
            </Button>
          )}
          <Button variant="outlined" startIcon={<DownloadIcon />} onClick={() => void download()} disabled={busy}>
            {t('Download PEM')}
          </Button>
        </Stack>
      </Stack>
    </SettingsPanel>
  );
}

/** Settings → Wrapping key, as a link. */
export function WrappingKeySettingsLink() {
  const t = useT();
  return (
    <Link component="button" type="button" variant="body2" onClick={openWrappingKeySettings}>
      {t('Settings → Wrapping key')}
    </Link>
  );
}
