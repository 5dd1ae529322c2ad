import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import type { KeyView } from '../../../shared/domain';
import { call, errorMessage } from '../api';
import { useT } from '../i18n';
import { downloadFile } from './clipboard';
import { OutputField } from './OutputField';
import { PayloadInput, emptyPayload, toPayload, type PayloadValue } from './PayloadInput';
import { useAction } from './useAction';
import { CodeField } from '../components/CodeField';

type Scheme = 'pss' | 'pkcs1';

/**
 * One version's public key as PEM, to copy or export. Older versions still verify the signatures they made, so their
 * public keys are as much in use as the newest one's.
 */
export function PublicKeyPanel({ keyView, version }: { keyView: Pick<KeyView, 'id' | 'name'>; version: number }) {
  const t = useT();
  const [pem, setPem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setPem(null);
    setError(null);
    call('keys.publicKey', { keyId: keyView.id, version }).then(
      (r) => setPem(r.pem),
      (err) => setError(errorMessage(err)),
    );
  }, [keyView.id, version]);
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!pem) return <LinearProgress aria-label={t('Loading the public key of version {{version}}', { version })} />;
  return (
    <Stack spacing={1.5}>
      <OutputField label={t('Public key (version {{version}}, PEM)', { version })} value={pem} />
      <div>
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          onClick={() => downloadFile(`${keyView.name}-v${version}.pub.pem`, pem, 'application/x-pem-file')}
        >
          {t('Export public key (version {{version}})', { version })}
        </Button>
      </div>
    </Stack>
  );
}

/** Sign / Verify in the console, and the public key for copy or export (all a role that cannot use keys gets). */
export function AsymmetricConsole({ keyView, publicOnly = false }: { keyView: KeyView; publicOnly?: boolean }) {
  const t = useT();
  const [tab, setTab] = useState<'sign' | 'verify' | 'public'>(publicOnly ? 'public' : 'sign');
  const [input, setInput] = useState<PayloadValue>(emptyPayload);
  const [scheme, setScheme] = useState<Scheme>('pss');
  const [signature, setSignature] = useState<string | null>(null);
  const [toVerify, setToVerify] = useState('');
  const [verified, setVerified] = useState<number | null>(null);
  const action = useAction();
  const isRsa = keyView.algorithm.startsWith('RSA-');

  const sign = () => action.run(async () => setSignature((await call('keys.sign', { keyId: keyView.id, payload: toPayload(input), scheme })).signature));
  const verify = () =>
    action.run(async () => {
      setVerified(null);
      setVerified((await call('keys.verify', { keyId: keyView.id, payload: toPayload(input), signature: toVerify, scheme })).version);
    });

  return (
    <Stack spacing={2}>
      <Tabs
        value={tab}
        onChange={(_e, v) => {
          setTab(v);
          // A Verify verdict (valid or refused) is about what was on that tab: it does not follow to the others.
          action.clear();
          setVerified(null);
        }}
        aria-label={t('Asymmetric key console')}
      >
        {!publicOnly && <Tab value="sign" label={t('Sign')} />}
        {!publicOnly && <Tab value="verify" label={t('Verify')} />}
        <Tab value="public" label={t('Public key')} />
      </Tabs>
      {tab !== 'public' && (
        <>
          <PayloadInput label={t('Data')} value={input} onChange={setInput} />
          {isRsa && (
            <TextField
              select
              size="small"
              label={t('Signature scheme')}
              value={scheme}
              onChange={(e) => setScheme(e.target.value as Scheme)}
              sx={{ maxWidth: 320 }}
            >
              <MenuItem value="pss">{t('RSA-PSS with SHA-256')}</MenuItem>
              <MenuItem value="pkcs1">{t('PKCS#1 v1.5 with SHA-256')}</MenuItem>
            </TextField>
          )}
        </>
      )}
      {tab === 'sign' && (
        <>
          <div>
            <Button variant="contained" onClick={sign} disabled={action.busy}>
              {t('Sign')}
            </Button>
          </div>
          {signature && <OutputField label={t('Signature')} value={signature} />}
        </>
      )}
      {tab === 'verify' && (
        <>
          <CodeField label={t('Signature to verify')} value={toVerify} onChange={(e) => setToVerify(e.target.value)} minRows={2} fullWidth />
          <div>
            <Button variant="contained" onClick={verify} disabled={action.busy}>
              {t('Verify')}
            </Button>
          </div>
          {verified !== null && (
            <Alert severity="success">{t('The signature is valid (made by version {{version}} of this key).', { version: verified })}</Alert>
          )}
        </>
      )}
      {tab === 'public' && <PublicKeyPanel keyView={keyView} version={keyView.currentVersion} />}
      {action.error && <Alert severity="error">{action.error}</Alert>}
    </Stack>
  );
}
