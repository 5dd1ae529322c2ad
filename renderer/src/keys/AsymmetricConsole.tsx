import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import type { KeyView } from '../../../shared/domain';
import { call } from '../api';
import { copyText, downloadFile } from './clipboard';
import { OutputField } from './OutputField';
import { PayloadInput, emptyPayload, toPayload, type PayloadValue } from './PayloadInput';
import { useAction } from './useAction';

type Scheme = 'pss' | 'pkcs1';

/** Sign / Verify in the console, and the public key for copy or export (all a role that cannot use keys gets). */
export function AsymmetricConsole({ keyView, publicOnly = false }: { keyView: KeyView; publicOnly?: boolean }) {
  const [tab, setTab] = useState<'sign' | 'verify' | 'public'>(publicOnly ? 'public' : 'sign');
  const [input, setInput] = useState<PayloadValue>(emptyPayload);
  const [scheme, setScheme] = useState<Scheme>('pss');
  const [signature, setSignature] = useState<string | null>(null);
  const [toVerify, setToVerify] = useState('');
  const [verified, setVerified] = useState<number | null>(null);
  const [pem, setPem] = useState<string | null>(null);
  const action = useAction();
  const isRsa = keyView.algorithm.startsWith('RSA-');

  useEffect(() => {
    call('keys.publicKey', { keyId: keyView.id }).then(
      (r) => setPem(r.pem),
      () => setPem(null),
    );
  }, [keyView.id, keyView.currentVersion]);

  const sign = () => action.run(async () => setSignature((await call('keys.sign', { keyId: keyView.id, payload: toPayload(input), scheme })).signature));
  const verify = () =>
    action.run(async () => {
      setVerified(null);
      setVerified((await call('keys.verify', { keyId: keyView.id, payload: toPayload(input), signature: toVerify, scheme })).version);
    });

  return (
    <Stack spacing={2}>
      <Tabs value={tab} onChange={(_e, v) => setTab(v)} aria-label="Asymmetric key console">
        {!publicOnly && <Tab value="sign" label="Sign" />}
        {!publicOnly && <Tab value="verify" label="Verify" />}
        <Tab value="public" label="Public key" />
      </Tabs>
      {tab !== 'public' && (
        <>
          <PayloadInput label="Data" value={input} onChange={setInput} />
          {isRsa && (
            <TextField select size="small" label="Signature scheme" value={scheme} onChange={(e) => setScheme(e.target.value as Scheme)} sx={{ maxWidth: 320 }}>
              <MenuItem value="pss">RSA-PSS with SHA-256</MenuItem>
              <MenuItem value="pkcs1">PKCS#1 v1.5 with SHA-256</MenuItem>
            </TextField>
          )}
        </>
      )}
      {tab === 'sign' && (
        <>
          <div>
            <Button variant="contained" onClick={sign} disabled={action.busy}>
              Sign
            </Button>
          </div>
          {signature && <OutputField label="Signature" value={signature} />}
        </>
      )}
      {tab === 'verify' && (
        <>
          <TextField
            label="Signature to verify"
            value={toVerify}
            onChange={(e) => setToVerify(e.target.value)}
            multiline
            minRows={2}
            fullWidth
            slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
          />
          <div>
            <Button variant="contained" onClick={verify} disabled={action.busy}>
              Verify
            </Button>
          </div>
          {verified !== null && <Alert severity="success">The signature is valid (made by version {verified} of this key).</Alert>}
        </>
      )}
      {tab === 'public' && pem && (
        <>
          <OutputField label={`Public key (version ${keyView.currentVersion}, PEM)`} value={pem} />
          <Stack direction="row" spacing={1}>
            <Button variant="outlined" onClick={() => void copyText(pem)}>
              Copy public key
            </Button>
            <Button variant="outlined" onClick={() => downloadFile(`${keyView.name}-v${keyView.currentVersion}.pub.pem`, pem, 'application/x-pem-file')}>
              Export public key
            </Button>
          </Stack>
        </>
      )}
      {action.error && <Alert severity="error">{action.error}</Alert>}
    </Stack>
  );
}
