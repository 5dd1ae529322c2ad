import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { KeyView } from '../../../shared/domain';
import { call } from '../api';
import { useT } from '../i18n';
import { base64ToBytes, downloadFile } from './clipboard';
import { OutputField } from './OutputField';
import { PayloadInput, emptyPayload, toPayload, type PayloadValue } from './PayloadInput';
import { useAction } from './useAction';
import { CodeField } from '../components/CodeField';

/** Encrypt / Decrypt in the console. Results live in this component only and vanish when it unmounts. */
export function SymmetricConsole({ keyView }: { keyView: KeyView }) {
  const t = useT();
  const [tab, setTab] = useState<'encrypt' | 'decrypt' | 'dataKey'>('encrypt');
  const [dataKey, setDataKey] = useState<{ plaintext: string; ciphertext: string; version: number } | null>(null);
  const [input, setInput] = useState<PayloadValue>(emptyPayload);
  const [ciphertext, setCiphertext] = useState<string | null>(null);
  const [toDecrypt, setToDecrypt] = useState('');
  const [plain, setPlain] = useState<{ data: string; text: string | null; version: number } | null>(null);
  const action = useAction();

  const encrypt = () => action.run(async () => setCiphertext((await call('keys.encrypt', { keyId: keyView.id, payload: toPayload(input) })).ciphertext));
  const createDataKey = () => action.run(async () => setDataKey(await call('keys.dataKey', { keyId: keyView.id })));
  const decrypt = () =>
    action.run(async () => {
      setPlain(null);
      setPlain(await call('keys.decrypt', { keyId: keyView.id, ciphertext: toDecrypt }));
    });

  return (
    <Stack spacing={2}>
      <Tabs
        value={tab}
        onChange={(_e, v) => {
          setTab(v);
          action.clear();
        }}
        aria-label={t('Symmetric key console')}
      >
        <Tab value="encrypt" label={t('Encrypt')} />
        <Tab value="decrypt" label={t('Decrypt')} />
        <Tab value="dataKey" label={t('Data key')} />
      </Tabs>
      {tab === 'dataKey' && (
        <>
          <Typography variant="body2" color="text.secondary">
            {t(
              'Envelope encryption: a fresh AES-256 data key, returned in plain form for local use and encrypted under this key for storage beside your data.',
            )}
          </Typography>
          <div>
            <Button variant="contained" onClick={createDataKey} disabled={action.busy}>
              {t('Create local key')}
            </Button>
          </div>
          {dataKey && (
            <>
              <OutputField label={t('Data key (base64)')} value={dataKey.plaintext} secret />
              <OutputField label={t('Encrypted data key (version {{version}})', { version: dataKey.version })} value={dataKey.ciphertext} />
            </>
          )}
        </>
      )}
      {tab === 'dataKey' ? null : tab === 'encrypt' ? (
        <>
          <PayloadInput label={t('Plaintext')} value={input} onChange={setInput} />
          <div>
            <Button variant="contained" onClick={encrypt} disabled={action.busy}>
              {t('Encrypt')}
            </Button>
          </div>
          {ciphertext && <OutputField label={t('Ciphertext')} value={ciphertext} />}
        </>
      ) : (
        <>
          <CodeField label={t('Ciphertext to decrypt')} value={toDecrypt} onChange={(e) => setToDecrypt(e.target.value)} minRows={3} fullWidth />
          <div>
            <Button variant="contained" onClick={decrypt} disabled={action.busy}>
              {t('Decrypt')}
            </Button>
          </div>
          {plain && (
            <Stack spacing={1}>
              <Typography variant="body2" color="text.secondary">
                {t('Decrypted with version {{version}}.', { version: plain.version })}
              </Typography>
              {plain.text !== null ? (
                <OutputField label={t('Plaintext')} value={plain.text} secret />
              ) : (
                <Alert severity="info" action={<Button onClick={() => downloadFile('decrypted.bin', base64ToBytes(plain.data))}>{t('Download')}</Button>}>
                  {t('The plaintext is binary data ({{bytes}} bytes).', { bytes: base64ToBytes(plain.data).length })}
                </Alert>
              )}
            </Stack>
          )}
        </>
      )}
      {action.error && <Alert severity="error">{action.error}</Alert>}
    </Stack>
  );
}
