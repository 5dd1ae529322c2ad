import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAC,
  SETUP_TIMEOUT,
  SLOW,
  apiCall,
  curlCert,
  dayOf,
  expectFailure,
  expectSuccess,
  openFixture,
  runCurl,
  type Api,
  type CallOptions,
  type ClientCert,
  type Fixture,
} from './key-api-fixture';

/**
 * Client authentication of the Key API with real clients: certificates (another key store's, expired, Scheduled to be
 * Deleted), IPv4 addresses and ranges (the TCP peer, never a header), MAC addresses in any notation, the key store's
 * "All of the methods" / "Any one of the methods" option, TLS versions and the server certificate, and the throttle.
 */

let fx: Fixture;
let api: Api;
/** Payments: IPv4 127.0.0.1, the MAC address and certificates, all required. */
const payments = { id: '', key: '', client: undefined as unknown as ClientCert, clientId: '' };
/** Other: certificates only, its own CA; its certificate is valid until the end of tomorrow (UTC) by the manager's clock. */
const other = { id: '', key: '', client: undefined as unknown as ClientCert };
/** Loopback: IPv4 127.0.0.1 only. Range: IPv4 127.0.0.0/30 only. */
const loopback = { id: '', key: '' };
const range = { id: '', key: '' };
/** Any: IPv4 127.0.0.1, the MAC address and certificates, any one of them. */
const any = { id: '', key: '' };

const encrypt = (keyId: string, options: CallOptions = {}) => api.call(`symmetric-keys/${keyId}/encrypt`, { body: { plaintext: 'hello' }, ...options });
const curlEncrypt = (keyId: string, args: string[]) =>
  api.curl(`symmetric-keys/${keyId}/encrypt`, [...args, '-H', 'Content-Type: application/json', '--data-binary', '{"plaintext":"hello"}']);
const sealed = { ciphertext: expect.stringMatching(/^skm:v1:/), keyVersion: 1 };

beforeAll(async () => {
  fx = await openFixture();
  const store = async (name: string, authMethods: string[], authMode: 'all' | 'any' = 'all') => {
    const id = (await fx.call('keystores.create', { name, authMethods, authMode })).id as string;
    const key = (await fx.call('keys.create', { type: 'symmetric', keyStoreId: id, name: `${name} key` })).id as string;
    return { id, key };
  };
  Object.assign(payments, await store('Payments', ['ipv4', 'mac', 'certificate']));
  await fx.call('auth.addIpv4', { keyStoreId: payments.id, address: '127.0.0.1' });
  await fx.call('auth.addMac', { keyStoreId: payments.id, address: MAC });
  const issued = await fx.issueCertificate(payments.id, 'client');
  payments.client = issued.cert;
  payments.clientId = issued.id;

  Object.assign(other, await store('Other', ['certificate']));
  other.client = (await fx.issueCertificate(other.id, 'other-client', dayOf(fx.clock, 1))).cert;

  Object.assign(loopback, await store('Loopback', ['ipv4']));
  await fx.call('auth.addIpv4', { keyStoreId: loopback.id, address: '127.0.0.1' });
  Object.assign(range, await store('Range', ['ipv4']));
  await fx.call('auth.addIpv4', { keyStoreId: range.id, address: '127.0.0.0/30' });
  Object.assign(any, await store('Any', ['ipv4', 'mac', 'certificate'], 'any'));
  await fx.call('auth.addIpv4', { keyStoreId: any.id, address: '127.0.0.1' });
  await fx.call('auth.addMac', { keyStoreId: any.id, address: MAC });

  api = await fx.startApi(['kms.example.internal']);
}, SETUP_TIMEOUT);

afterAll(async () => {
  await fx?.close();
}, 60_000);

describe('client certificates', SLOW, () => {
  it('a certificate the key store issued passes, from node:https and from curl with the downloaded .p12', async () => {
    expect(expectSuccess(await encrypt(payments.key, { cert: payments.client, mac: MAC }))).toEqual(sealed);
    expect(expectSuccess(await curlEncrypt(payments.key, [...curlCert(payments.client), '-H', `X-TOAST-CLIENT-MAC-ADDR: ${MAC}`]))).toEqual(sealed);
  });

  it('no client certificate is Certificate Auth Failure', async () => {
    expectFailure(await encrypt(payments.key, { mac: MAC }), 'CERTIFICATE_AUTH_FAILURE');
    expectFailure(await curlEncrypt(payments.key, ['-H', `X-TOAST-CLIENT-MAC-ADDR: ${MAC}`]), 'CERTIFICATE_AUTH_FAILURE');
  });

  it("another key store's certificate (another CA) is refused; it passes at its own key store", async () => {
    expectFailure(await encrypt(payments.key, { cert: other.client, mac: MAC }), 'CERTIFICATE_AUTH_FAILURE');
    expectFailure(await curlEncrypt(payments.key, [...curlCert(other.client), '-H', `X-TOAST-CLIENT-MAC-ADDR: ${MAC}`]), 'CERTIFICATE_AUTH_FAILURE');
    expect(expectSuccess(await encrypt(other.key, { cert: other.client }))).toEqual(sealed);
    expectFailure(await encrypt(other.key, { cert: payments.client }), 'CERTIFICATE_AUTH_FAILURE');
    // The two key stores' CAs are different certificates with different keys.
    const caOf = (id: string) =>
      (fx.km as unknown as { vault: { data: { keyStores: { id: string; ca?: { certPem: string } }[] } } }).vault.data.keyStores.find((s) => s.id === id)!.ca!;
    const [a, b] = [new X509Certificate(caOf(payments.id).certPem), new X509Certificate(caOf(other.id).certPem)];
    expect(a.fingerprint256).not.toBe(b.fingerprint256);
    expect(a.publicKey.export({ type: 'spki', format: 'pem' })).not.toBe(b.publicKey.export({ type: 'spki', format: 'pem' }));
  });

  it("a certificate past its validity by the manager's clock is refused, and passes again inside it", async () => {
    expect(expectSuccess(await encrypt(other.key, { cert: other.client }))).toEqual(sealed);
    fx.clock.advanceDays(3);
    try {
      expectFailure(await encrypt(other.key, { cert: other.client }), 'CERTIFICATE_AUTH_FAILURE');
      // A certificate still inside its validity is unaffected.
      expect(expectSuccess(await encrypt(payments.key, { cert: payments.client, mac: MAC }))).toEqual(sealed);
    } finally {
      fx.clock.advanceDays(-3);
    }
    expect(expectSuccess(await encrypt(other.key, { cert: other.client }))).toEqual(sealed);
  });

  it('a certificate Scheduled to be Deleted is refused at once; Cancel Deletion restores it', async () => {
    expect(await fx.call('auth.requestDeletion', { id: payments.clientId })).toMatchObject({ status: 'scheduled-for-deletion' });
    try {
      expectFailure(await encrypt(payments.key, { cert: payments.client, mac: MAC }), 'CERTIFICATE_AUTH_FAILURE');
    } finally {
      await fx.call('auth.cancelDeletion', { id: payments.clientId });
    }
    expect(expectSuccess(await encrypt(payments.key, { cert: payments.client, mac: MAC }))).toEqual(sealed);
  });
});

describe('IPv4 addresses', SLOW, () => {
  it('an address outside the registered ones is IPv4 Auth Failure, from node:https and from curl --interface', async () => {
    expect(expectSuccess(await encrypt(loopback.key))).toEqual(sealed);
    expectFailure(await encrypt(loopback.key, { localAddress: '127.0.0.2' }), 'IPV4_AUTH_FAILURE');
    expectFailure(await curlEncrypt(loopback.key, ['--interface', '127.0.0.2']), 'IPV4_AUTH_FAILURE');
    expect(expectSuccess(await curlEncrypt(loopback.key, ['--interface', '127.0.0.1']))).toEqual(sealed);
  });

  it('headers naming a registered address (X-Forwarded-For and the like) change nothing: the TCP peer counts', async () => {
    const spoofs: Record<string, string>[] = [
      { 'X-Forwarded-For': '127.0.0.1' },
      { 'X-Real-IP': '127.0.0.1' },
      { Forwarded: 'for=127.0.0.1' },
      { 'X-Forwarded-For': '127.0.0.2, 127.0.0.1' },
    ];
    for (const headers of spoofs) {
      expectFailure(await encrypt(loopback.key, { localAddress: '127.0.0.2', headers }), 'IPV4_AUTH_FAILURE');
    }
    expectFailure(await curlEncrypt(loopback.key, ['--interface', '127.0.0.2', '-H', 'X-Forwarded-For: 127.0.0.1']), 'IPV4_AUTH_FAILURE');
  });

  it('a CIDR range admits its addresses only: 127.0.0.0/30 admits 127.0.0.2 and 127.0.0.3, not 127.0.0.4', async () => {
    for (const localAddress of ['127.0.0.1', '127.0.0.2', '127.0.0.3']) expect(expectSuccess(await encrypt(range.key, { localAddress }))).toEqual(sealed);
    expectFailure(await encrypt(range.key, { localAddress: '127.0.0.4' }), 'IPV4_AUTH_FAILURE');
    expect(expectSuccess(await curlEncrypt(range.key, ['--interface', '127.0.0.2']))).toEqual(sealed);
  });

  it('a change in the console applies to the next call', async () => {
    const added = await fx.call('auth.addIpv4', { keyStoreId: loopback.id, address: '127.0.0.2' });
    expect(expectSuccess(await encrypt(loopback.key, { localAddress: '127.0.0.2' }))).toEqual(sealed);
    await fx.call('auth.requestDeletion', { id: added.id });
    expectFailure(await encrypt(loopback.key, { localAddress: '127.0.0.2' }), 'IPV4_AUTH_FAILURE');
    expect(expectSuccess(await encrypt(loopback.key))).toEqual(sealed);
  });
});

describe('MAC addresses', SLOW, () => {
  const withCert = (mac?: string): CallOptions => ({ cert: payments.client, ...(mac === undefined ? {} : { mac }) });

  it('a missing, wrong or malformed X-TOAST-CLIENT-MAC-ADDR header is MAC Auth Failure', async () => {
    expectFailure(await encrypt(payments.key, withCert()), 'MAC_AUTH_FAILURE');
    for (const mac of ['aa:bb:cc:dd:ee:fe', 'not-a-mac', '', 'aa:bb:cc:dd:ee:ff:00', 'aabb.ccdd.eefe']) {
      expectFailure(await encrypt(payments.key, withCert(mac)), 'MAC_AUTH_FAILURE');
    }
  });

  it('the registered address in another notation passes (AA-BB-CC-DD-EE-FF, aabb.ccdd.eeff, upper case)', async () => {
    for (const mac of ['AA-BB-CC-DD-EE-FF', 'aabb.ccdd.eeff', 'AA:BB:CC:DD:EE:FF', 'AaBb.CcDd.EeFf']) {
      expect(expectSuccess(await encrypt(payments.key, withCert(mac)))).toEqual(sealed);
    }
    expect(expectSuccess(await curlEncrypt(payments.key, [...curlCert(payments.client), '-H', 'X-TOAST-CLIENT-MAC-ADDR: aabb.ccdd.eeff']))).toEqual(sealed);
  });

  it('with All of the methods, the first method that fails is named (IPv4, then MAC, then certificate)', async () => {
    expectFailure(await encrypt(payments.key, { localAddress: '127.0.0.2' }), 'IPV4_AUTH_FAILURE');
    expectFailure(await encrypt(payments.key, { localAddress: '127.0.0.2', cert: payments.client, mac: MAC }), 'IPV4_AUTH_FAILURE');
    expectFailure(await encrypt(payments.key), 'MAC_AUTH_FAILURE');
    expectFailure(await encrypt(payments.key, { mac: MAC }), 'CERTIFICATE_AUTH_FAILURE');
  });
});

describe('Any one of the methods', SLOW, () => {
  it('passes a client with only the right IPv4 address; with All of the methods the same client fails', async () => {
    expect(expectSuccess(await encrypt(any.key))).toEqual(sealed);
    expect(expectSuccess(await curlEncrypt(any.key, []))).toEqual(sealed);
    expect(expectSuccess(await encrypt(any.key, { localAddress: '127.0.0.2', mac: 'AA-BB-CC-DD-EE-FF' }))).toEqual(sealed);
    expectFailure(await encrypt(any.key, { localAddress: '127.0.0.2' }), 'IPV4_AUTH_FAILURE');
    expectFailure(await encrypt(any.key, { localAddress: '127.0.0.2', mac: 'aa:bb:cc:dd:ee:fe', cert: other.client }), 'IPV4_AUTH_FAILURE');

    expect(await fx.call('keystores.update', { id: any.id, authMode: 'all' })).toMatchObject({ authMode: 'all' });
    try {
      expectFailure(await encrypt(any.key), 'MAC_AUTH_FAILURE');
      expectFailure(await curlEncrypt(any.key, []), 'MAC_AUTH_FAILURE');
      expectFailure(await encrypt(any.key, { mac: MAC }), 'CERTIFICATE_AUTH_FAILURE');
    } finally {
      await fx.call('keystores.update', { id: any.id, authMode: 'any' });
    }
    expect(expectSuccess(await encrypt(any.key))).toEqual(sealed);
  });
});

describe('TLS', SLOW, () => {
  it('refuses TLS 1.1 and accepts TLS 1.2 and TLS 1.3', async () => {
    // The client offers TLS 1.1 (its own security level lowered), so the refusal is the server's protocol_version alert.
    const old = encrypt(loopback.key, { tls: { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' } });
    await expect(old).rejects.toMatchObject({ code: 'EPROTO', message: expect.stringMatching(/alert protocol version/) });
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const answer = await encrypt(loopback.key, { tls: { minVersion: version, maxVersion: version } });
      expect(expectSuccess(answer)).toEqual(sealed);
      expect(answer.peer.protocol).toBe(version);
    }
    const curl12 = await curlEncrypt(loopback.key, ['--tlsv1.2', '--tls-max', '1.2']);
    expect(expectSuccess(curl12)).toEqual(sealed);
    expect((await runCurl(['--cacert', api.caFile, '--tlsv1.1', '--tls-max', '1.1', `${api.base}confirm`])).code).toBe(35);
  });

  it('the server certificate chains to the downloaded API CA for 127.0.0.1, localhost and the configured host name', async () => {
    const ca = new X509Certificate(api.caPem);
    for (const hostName of [undefined, 'localhost', 'kms.example.internal']) {
      const answer = await api.call('confirm', hostName ? { hostName } : {});
      expect(expectSuccess(answer)).toMatchObject({ clientIp: '127.0.0.1' });
      expect(answer.peer.subjectAltName).toBe('DNS:localhost, DNS:kms.example.internal, IP Address:127.0.0.1');
      expect(answer.peer.issuer).toBe(ca.subject);
    }
    const resolve = ['--resolve', `kms.example.internal:${api.port}:127.0.0.1`];
    const byName = new URL(api.base);
    byName.hostname = 'kms.example.internal';
    const run = await runCurl(['--cacert', api.caFile, ...resolve, `${byName.href}confirm`]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ header: { resultCode: 0, isSuccessful: true } });
    // A name the certificate does not carry, and a client that does not trust the API CA, both fail the handshake.
    await expect(api.call('confirm', { hostName: 'kms2.example.internal' })).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    await expect(api.call('confirm', { tls: { ca: null } })).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    byName.hostname = 'kms2.example.internal';
    expect((await runCurl(['--cacert', api.caFile, '--resolve', `kms2.example.internal:${api.port}:127.0.0.1`, `${byName.href}confirm`])).code).toBe(60);
    expect((await runCurl([`${api.base}confirm`])).code).toBe(60);
  });
});

describe('throttle', SLOW, () => {
  it('slows, then refuses with 429 and Retry-After, repeated authentication failures from one address; other addresses go on', async () => {
    const throttled = await openFixture({
      throttle: { slowAfter: 2, blockAfter: 4, windowMs: 60_000, blockMs: 60_000, delayStepMs: 150, maxDelayMs: 300, maxTracked: 100 },
    });
    try {
      const served = await throttled.startApi();
      const wrongAppKey = served.base.replace(served.appKey, '0'.repeat(32));
      const from = { localAddress: '127.0.0.3' };
      const durations: number[] = [];
      for (let i = 0; i < 4; i++) {
        const started = performance.now();
        expectFailure(await apiCall(wrongAppKey, served.caPem, 'confirm', from), 'INVALID_APPKEY');
        durations.push(performance.now() - started);
      }
      // Failures 3 and 4 are held back 150 and 300 ms; the 4th also blocks the address.
      expect(durations[2]).toBeGreaterThanOrEqual(145);
      expect(durations[3]).toBeGreaterThanOrEqual(295);
      for (const answer of [await apiCall(wrongAppKey, served.caPem, 'confirm', from), await served.call('confirm', from)]) {
        expectFailure(answer, 'TOO_MANY_AUTH_FAILURES', 'Too many failed authentications from this address; wait and try again.');
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(55);
        expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(60);
      }
      expect(expectSuccess(await served.call('confirm'))).toMatchObject({ clientIp: '127.0.0.1' });
      expect(await throttled.call('keyApi.status')).toMatchObject({ requests: 7, failures: 6 });
    } finally {
      await throttled.close();
    }
  });
});
