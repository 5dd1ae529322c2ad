import { constants, createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSPHRASE } from './helpers';
import {
  CERT_PASSWORD,
  MAC,
  SETUP_TIMEOUT,
  SLOW,
  apiCall,
  curlCert,
  curlJson,
  expectFailure,
  expectSuccess,
  openCiphertext,
  openFixture,
  sleep,
  vaultWrites,
  type Answer,
  type Api,
  type CallOptions,
  type ClientCert,
  type Fixture,
} from './key-api-fixture';

/**
 * The Key API's paths, called by real clients (node:https with the downloaded .p12, and curl) against the real server
 * of a vault: every route, the refusals of bad input, the console and the API using the same keys, call counts, logs,
 * locking the console while the API serves, and a graceful stop. Client authentication has its own file
 * (key-api-auth.test.ts).
 */

const SECRET = 'db password: Tr0ub4dor&3 (production)';
const PLAINTEXT = 'card 4111 1111 1111 1111, exp 12/29 — héllo ✓';

let fx: Fixture;
let api: Api;
let client: ClientCert;
let storeId: string;
const keys = { secret: '', sym: '', rotating: '', signer: '', counted: '', other: '' };

/** Passes the key store's three methods: 127.0.0.1, the registered MAC address, the certificate it issued. */
const authed = (extra: CallOptions = {}): CallOptions => ({ cert: client, mac: MAC, ...extra });
const curlAuthed = (): string[] => [...curlCert(client), '-H', `X-TOAST-CLIENT-MAC-ADDR: ${MAC}`];
const sym = (id: string, action: string) => `symmetric-keys/${id}/${action}`;
const asym = (id: string, action: string) => `asymmetric-keys/${id}/${action}`;

beforeAll(async () => {
  fx = await openFixture();
  storeId = (await fx.call('keystores.create', { name: 'Payments', authMethods: ['ipv4', 'mac', 'certificate'] })).id;
  await fx.call('auth.addIpv4', { keyStoreId: storeId, address: '127.0.0.1' });
  await fx.call('auth.addMac', { keyStoreId: storeId, address: MAC });
  ({ cert: client } = await fx.issueCertificate(storeId, 'client'));
  const create = async (input: Record<string, unknown>) => (await fx.call('keys.create', { keyStoreId: storeId, ...input })).id as string;
  keys.secret = await create({ type: 'confidential', name: 'db-password', data: SECRET });
  keys.sym = await create({ type: 'symmetric', name: 'tokens' });
  keys.rotating = await create({ type: 'symmetric', name: 'rotating' });
  keys.counted = await create({ type: 'symmetric', name: 'counted' });
  keys.other = await create({ type: 'symmetric', name: 'other' });
  keys.signer = await create({ type: 'asymmetric', name: 'signer', algorithm: 'RSA-2048' });
  api = await fx.startApi();
}, SETUP_TIMEOUT);

afterAll(async () => {
  await fx?.close();
}, 60_000);

describe('every path, with real clients', SLOW, () => {
  it('GET confirm answers what the server sees of the caller, without client authentication', async () => {
    expect(expectSuccess(await api.call('confirm'))).toEqual({ clientIp: '127.0.0.1', clientMacHeader: null, clientSentCertificate: false });
    expect(expectSuccess(await api.call('confirm', { cert: client, mac: 'AA-BB-CC-DD-EE-FF' }))).toEqual({
      clientIp: '127.0.0.1',
      clientMacHeader: 'AA-BB-CC-DD-EE-FF',
      clientSentCertificate: true,
    });
    // The TCP peer, never a header.
    expect(expectSuccess(await api.call('confirm', { localAddress: '127.0.0.2', headers: { 'X-Forwarded-For': '127.0.0.1' } }))).toEqual({
      clientIp: '127.0.0.2',
      clientMacHeader: null,
      clientSentCertificate: false,
    });
    expect(expectSuccess(await api.curl('confirm', curlAuthed()))).toEqual({ clientIp: '127.0.0.1', clientMacHeader: MAC, clientSentCertificate: true });
    expectFailure(await api.call('confirm', { body: {} }), 'METHOD_NOT_ALLOWED');
  });

  it('GET secrets/{id} answers the Confidential Data', async () => {
    expect(expectSuccess(await api.call(`secrets/${keys.secret}`, authed()))).toEqual({ secret: SECRET });
  });

  it('POST encrypt and decrypt round-trip text between node and curl clients', async () => {
    const sealed = expectSuccess(await api.call(sym(keys.sym, 'encrypt'), authed({ body: { plaintext: PLAINTEXT } })));
    expect(sealed).toEqual({ ciphertext: expect.stringMatching(/^skm:v1:[A-Za-z0-9+/]+={0,2}$/), keyVersion: 1 });
    expect(expectSuccess(await api.curl(sym(keys.sym, 'decrypt'), [...curlAuthed(), ...curlJson({ ciphertext: sealed.ciphertext })]))).toEqual({
      plaintext: PLAINTEXT,
      keyVersion: 1,
    });
    const byCurl = expectSuccess(await api.curl(sym(keys.sym, 'encrypt'), [...curlAuthed(), ...curlJson({ plaintext: PLAINTEXT })]));
    expect(byCurl.ciphertext).not.toBe(sealed.ciphertext); // a fresh IV per message
    expect(expectSuccess(await api.call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: byCurl.ciphertext } })))).toEqual({
      plaintext: PLAINTEXT,
      keyVersion: 1,
    });
    // The empty text is a text too.
    const empty = expectSuccess(await api.call(sym(keys.sym, 'encrypt'), authed({ body: { plaintext: '' } })));
    expect(expectSuccess(await api.call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: empty.ciphertext } })))).toEqual({
      plaintext: '',
      keyVersion: 1,
    });
  });

  it('POST create-local-key gives a data key whose ciphertext the key opens (console decrypt), binary so not through the API', async () => {
    const local = expectSuccess(await api.call(sym(keys.sym, 'create-local-key'), authed({ body: {} })));
    expect(local).toEqual({ localKeyPlaintext: expect.any(String), localKeyCiphertext: expect.stringMatching(/^skm:v1:/), keyVersion: 1 });
    expect(Buffer.from(local.localKeyPlaintext, 'base64')).toHaveLength(32);
    expect(await fx.call('keys.decrypt', { keyId: keys.sym, ciphertext: local.localKeyCiphertext })).toMatchObject({
      data: local.localKeyPlaintext,
      version: 1,
    });
    // 32 random bytes are valid UTF-8 once in about 10^8; the API's decrypt answers text only and says so.
    expectFailure(
      await api.call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: local.localKeyCiphertext } })),
      'INVALID_USER_DATA',
      'The plaintext is binary data; this call returns text only. Decrypt it in the console.',
    );
    const other = expectSuccess(await api.call(sym(keys.sym, 'create-local-key'), authed({ body: {} })));
    expect(other.localKeyPlaintext).not.toBe(local.localKeyPlaintext);
  });

  // create-local-key takes no input (the cloud product's guide documents no request body): a POST without a body or
  // Content-Type is served, not refused as 415 or "The body is empty".
  it('POST create-local-key without a body (as the cloud product documents it) succeeds', async () => {
    const bare = await api.call(sym(keys.sym, 'create-local-key'), authed({ method: 'POST' }));
    expect(expectSuccess(bare)).toMatchObject({ keyVersion: 1 });
    const typed = await api.call(sym(keys.sym, 'create-local-key'), authed({ method: 'POST', contentType: 'application/json' }));
    expect(expectSuccess(typed)).toMatchObject({ keyVersion: 1 });
  });

  it('GET symmetric-key is refused without Allow export; with it, the 32 bytes open the API ciphertext and import as Key Data', async () => {
    expectFailure(
      await api.call(sym(keys.sym, 'symmetric-key'), authed()),
      'EXPORT_NOT_ALLOWED',
      '"tokens" does not allow export. A member can turn on Allow export in Detail Key Information.',
    );
    await fx.call('keys.update', { keyId: keys.sym, allowExport: true });
    const exported = expectSuccess(await api.call(sym(keys.sym, 'symmetric-key'), authed()));
    expect(exported).toEqual({ symmetricKey: expect.stringMatching(/^(0x[0-9A-F]{2}, ){31}0x[0-9A-F]{2}$/), keyVersion: 1 });
    const bytes = Buffer.from(exported.symmetricKey.split(', ').map((b: string) => parseInt(b.slice(2), 16)));
    expect(bytes).toHaveLength(32);
    // node:crypto, not the engine, opens a ciphertext the API made with these bytes.
    const sealed = expectSuccess(await api.call(sym(keys.sym, 'encrypt'), authed({ body: { plaintext: PLAINTEXT } })));
    expect(openCiphertext(bytes, keys.sym, sealed.ciphertext)).toBe(PLAINTEXT);
    // The same text is Import Key's Key Data.
    const other = (await fx.call('keystores.create', { name: 'Imports', authMethods: ['ipv4'] })).id;
    const imported = await fx.call('keys.import', { keyStoreId: other, name: 'tokens copy', keyData: exported.symmetricKey });
    expect(imported).toMatchObject({ type: 'symmetric', origin: 'imported', currentVersion: 1 });
    const copy = await fx.call('keys.encrypt', { keyId: imported.id, payload: { data: PLAINTEXT, encoding: 'utf8' } });
    expect(openCiphertext(bytes, imported.id, copy.ciphertext)).toBe(PLAINTEXT);
    await fx.call('keys.update', { keyId: keys.sym, allowExport: false });
    expectFailure(
      await api.call(sym(keys.sym, 'symmetric-key'), authed()),
      'EXPORT_NOT_ALLOWED',
      '"tokens" does not allow export. A member can turn on Allow export in Detail Key Information.',
    );
  });

  it('after a rotation, v1.1 symmetric-key?keyVersion=1 answers version 1, which differs from version 2', async () => {
    const v1Text = await fx.call('keys.encrypt', { keyId: keys.rotating, payload: { data: 'before the rotation', encoding: 'utf8' } });
    expect(v1Text.ciphertext).toMatch(/^skm:v1:/);
    expect(await fx.call('keys.rotate', { keyId: keys.rotating })).toMatchObject({ currentVersion: 2 });
    await fx.call('keys.update', { keyId: keys.rotating, allowExport: true });
    const v11 = (query: string) => `/keymanager/v1.1/appkey/${api.appKey}/symmetric-keys/${keys.rotating}/symmetric-key${query}`;
    const one = expectSuccess(await api.call(v11('?keyVersion=1'), authed()));
    const two = expectSuccess(await api.call(v11('?keyVersion=2'), authed()));
    const current = expectSuccess(await api.call(sym(keys.rotating, 'symmetric-key'), authed()));
    expect(one.keyVersion).toBe(1);
    expect(two.keyVersion).toBe(2);
    expect(current).toEqual(two);
    expect(one.symmetricKey).not.toBe(two.symmetricKey);
    const v1Bytes = Buffer.from(one.symmetricKey.split(', ').map((b: string) => parseInt(b.slice(2), 16)));
    expect(openCiphertext(v1Bytes, keys.rotating, v1Text.ciphertext)).toBe('before the rotation');
    expectFailure(await api.call(v11('?keyVersion=3'), authed()), 'INVALID_KEY_VERSION', 'This key has no version 3.');
    expectFailure(await api.call(v11('?keyVersion=one'), authed()), 'INVALID_USER_DATA', 'keyVersion is a positive whole number.');
    expectFailure(await api.call(v11('?keyVersion=0'), authed()), 'INVALID_USER_DATA', 'keyVersion is a positive whole number.');
    // v1.1 serves this one path only.
    expectFailure(
      await api.call(`/keymanager/v1.1/appkey/${api.appKey}/symmetric-keys/${keys.rotating}/encrypt`, authed({ body: { plaintext: 'x' } })),
      'URL_NOT_FOUND',
    );
  });

  it('POST sign and verify: result true for the signed text, false for a tampered one; node:crypto agrees', async () => {
    const signed = expectSuccess(await api.call(asym(keys.signer, 'sign'), authed({ body: { plaintext: 'release 1.0.0' } })));
    expect(signed).toEqual({ signature: expect.stringMatching(/^skm:v1:[A-Za-z0-9+/]+={0,2}$/), keyVersion: 1 });
    expect(expectSuccess(await api.call(asym(keys.signer, 'verify'), authed({ body: { plaintext: 'release 1.0.0', signature: signed.signature } })))).toEqual({
      result: true,
      keyVersion: 1,
    });
    expect(expectSuccess(await api.call(asym(keys.signer, 'verify'), authed({ body: { plaintext: 'release 1.0.1', signature: signed.signature } })))).toEqual({
      result: false,
      keyVersion: 1,
    });
    const { key } = expectSuccess(await api.call(asym(keys.signer, 'publicKey')));
    const raw = Buffer.from(signed.signature.slice('skm:v1:'.length), 'base64');
    const pss = { key: createPublicKey(key), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', Buffer.from('release 1.0.0'), pss, raw)).toBe(true);
    expectFailure(
      await api.call(asym(keys.signer, 'verify'), authed({ body: { plaintext: 'release 1.0.0', signature: 'not a signature!' } })),
      'INVALID_USER_DATA',
      'This signature is not in the expected form (skm:v<version>:<base64>). Check that it was copied whole.',
    );
    expectFailure(
      await api.call(asym(keys.signer, 'verify'), authed({ body: { plaintext: 'release 1.0.0', signature: signed.signature.replace('skm:v1:', 'skm:v5:') } })),
      'INVALID_KEY_VERSION',
      'This key has no version 5; the signature was made by another key.',
    );
  });

  it('GET publicKey?keyVersion=N needs no client authentication; GET privateKey needs it and Allow export', async () => {
    // From outside the registered address, with no MAC header and no certificate.
    const stranger: CallOptions = { localAddress: '127.0.0.2' };
    const v1 = expectSuccess(await api.call(asym(keys.signer, 'publicKey'), stranger));
    expect(v1).toEqual({
      keyType: 'PublicKey',
      key: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/),
      encodedKey: createPublicKey(v1.key).export({ type: 'spki', format: 'der' }).toString('base64'),
      keyVersion: 1,
    });
    const v1Signed = expectSuccess(await api.call(asym(keys.signer, 'sign'), authed({ body: { plaintext: 'release 1.0.0' } })));
    expect(await fx.call('keys.rotate', { keyId: keys.signer })).toMatchObject({ currentVersion: 2 });
    expect(expectSuccess(await api.call(`${asym(keys.signer, 'publicKey')}?keyVersion=1`, stranger))).toEqual(v1);
    const v2 = expectSuccess(await api.call(`${asym(keys.signer, 'publicKey')}?keyVersion=2`, stranger));
    expect(v2.keyVersion).toBe(2);
    expect(v2.encodedKey).not.toBe(v1.encodedKey);
    expect(expectSuccess(await api.call(asym(keys.signer, 'publicKey'), stranger))).toEqual(v2);
    expectFailure(await api.call(`${asym(keys.signer, 'publicKey')}?keyVersion=9`, stranger), 'INVALID_KEY_VERSION', 'This key has no version 9.');

    expectFailure(await api.call(asym(keys.signer, 'privateKey'), stranger), 'IPV4_AUTH_FAILURE');
    expectFailure(
      await api.call(asym(keys.signer, 'privateKey'), authed()),
      'EXPORT_NOT_ALLOWED',
      '"signer" does not allow export. A member can turn on Allow export in Detail Key Information.',
    );
    await fx.call('keys.update', { keyId: keys.signer, allowExport: true });
    try {
      for (const [query, pub] of [
        ['?keyVersion=1', v1],
        ['', v2],
      ] as const) {
        const exported = expectSuccess(await api.call(`${asym(keys.signer, 'privateKey')}${query}`, authed()));
        expect(exported).toEqual({
          keyType: 'PrivateKey',
          key: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----\n/),
          encodedKey: expect.any(String),
          keyVersion: pub.keyVersion,
        });
        const privateKey = createPrivateKey(exported.key);
        expect(privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')).toBe(exported.encodedKey);
        expect(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64')).toBe(pub.encodedKey);
      }
      // Signatures of version 1 still verify after the rotation; new ones are version 2.
      const verified = await api.call(asym(keys.signer, 'verify'), authed({ body: { plaintext: 'release 1.0.0', signature: v1Signed.signature } }));
      expect(expectSuccess(verified)).toEqual({ result: true, keyVersion: 1 });
      const signed = expectSuccess(await api.call(asym(keys.signer, 'sign'), authed({ body: { plaintext: 'release 2.0.0' } })));
      expect(signed).toEqual({ signature: expect.stringMatching(/^skm:v2:/), keyVersion: 2 });
    } finally {
      await fx.call('keys.update', { keyId: keys.signer, allowExport: false });
    }
  });
});

describe('refusals of bad requests', SLOW, () => {
  const encrypt = (body: unknown, extra: CallOptions = {}) => api.call(sym(keys.sym, 'encrypt'), authed({ body, ...extra }));

  it('a wrong app key is Invalid Appkey; unknown paths are URL NOT FOUND; a wrong method is 405', async () => {
    const wrongAppKey = api.base.replace(api.appKey, 'f'.repeat(32));
    expectFailure(await apiCall(wrongAppKey, api.caPem, 'confirm'), 'INVALID_APPKEY');
    expectFailure(await apiCall(wrongAppKey, api.caPem, sym(keys.sym, 'encrypt'), authed({ body: { plaintext: 'x' } })), 'INVALID_APPKEY');
    for (const where of [
      '/',
      '/keymanager/v1.0/appkey',
      `/keymanager/v2.0/appkey/${api.appKey}/confirm`,
      `/keymanager/v1.1/appkey/${api.appKey}/confirm`,
      'nothing-here',
      `symmetric-keys/${keys.sym}/explode`,
      `symmetric-keys/${keys.sym}`,
      `secrets/${keys.secret}/extra`,
    ]) {
      expectFailure(await api.call(where, authed()), 'URL_NOT_FOUND');
    }
    expectFailure(await api.call(sym(keys.sym, 'encrypt'), authed()), 'METHOD_NOT_ALLOWED');
    expectFailure(await api.call(`secrets/${keys.secret}`, authed({ body: {} })), 'METHOD_NOT_ALLOWED');
    expectFailure(await api.call(sym(keys.sym, 'encrypt'), authed({ method: 'PUT', body: { plaintext: 'x' } })), 'METHOD_NOT_ALLOWED');
  });

  // A request target that is not a valid URL reference (`//`, `http://[x/`) is the client's mistake: URL NOT FOUND,
  // never a 500 or an internal-error log line.
  it('a request target that is no URL (//, http://[x/) is URL NOT FOUND, not an internal error', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const target of ['//', 'http://[x/']) {
        const answer = await rawRequest(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
        expectFailure(answer, 'URL_NOT_FOUND');
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('an unknown or malformed key id is Invalid Key ID; a key of another type too', async () => {
    const gone = 'That key no longer exists. Go back to Key Management.';
    const malformed = 'Key ids are 32 lowercase hexadecimal characters.';
    expectFailure(await api.call(sym('0123456789abcdef0123456789abcdef', 'encrypt'), authed({ body: { plaintext: 'x' } })), 'INVALID_KEY_ID', gone);
    expectFailure(await api.call(`secrets/${'e'.repeat(32)}`), 'INVALID_KEY_ID', gone);
    for (const id of ['XYZ', keys.sym.toUpperCase(), `${keys.sym}0`, keys.sym.slice(1), 'not%20a%20key']) {
      expectFailure(await api.call(sym(id, 'encrypt'), authed({ body: { plaintext: 'x' } })), 'INVALID_KEY_ID', malformed);
    }
    expectFailure(await api.call(sym(keys.signer, 'encrypt'), authed({ body: { plaintext: 'x' } })), 'INVALID_KEY_ID', 'This key is not a Symmetric Key.');
    // The words' article is checked on its own below.
    const notAsymmetric = expect.stringMatching(/^This key is not an? Asymmetric Key\.$/);
    expectFailure(await api.call(asym(keys.sym, 'sign'), authed({ body: { plaintext: 'x' } })), 'INVALID_KEY_ID', notAsymmetric);
    expectFailure(await api.call(asym(keys.sym, 'publicKey')), 'INVALID_KEY_ID', notAsymmetric);
    expectFailure(await api.call(`secrets/${keys.sym}`, authed()), 'INVALID_KEY_ID', expect.stringMatching(/^This key is not (a )?Confidential Data\.$/));
  });

  // The words name the key type with its own article ("not an Asymmetric Key", "not Confidential Data").
  it('says which type the key is not in correct English', async () => {
    expectFailure(await api.call(asym(keys.sym, 'sign'), authed({ body: { plaintext: 'x' } })), 'INVALID_KEY_ID', 'This key is not an Asymmetric Key.');
    expectFailure(await api.call(`secrets/${keys.sym}`, authed()), 'INVALID_KEY_ID', 'This key is not Confidential Data.');
  });

  it('a key Scheduled to be Deleted is Invalid Key Status until Cancel Deletion', async () => {
    await fx.call('keys.requestDeletion', { keyId: keys.other });
    const scheduled = 'The key "other" is Scheduled to be Deleted and cannot be used. Cancel Deletion to use it again.';
    expectFailure(await api.call(sym(keys.other, 'encrypt'), authed({ body: { plaintext: 'x' } })), 'INVALID_KEY_STATUS', scheduled);
    expectFailure(await api.call(sym(keys.other, 'create-local-key'), authed({ body: {} })), 'INVALID_KEY_STATUS', scheduled);
    await fx.call('keys.cancelDeletion', { keyId: keys.other });
    expect(expectSuccess(await api.call(sym(keys.other, 'encrypt'), authed({ body: { plaintext: 'x' } })))).toMatchObject({ keyVersion: 1 });
  });

  it('bad base64, a tampered ciphertext and another key’s ciphertext are Invalid User Data', async () => {
    const sealed = expectSuccess(await encrypt({ plaintext: PLAINTEXT })).ciphertext as string;
    const decrypt = (ciphertext: string) => api.call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext } }));
    const form = 'This ciphertext is not in the expected form (skm:v<version>:<base64>). Check that it was copied whole.';
    const notOurs = 'This ciphertext was not made by this key, or it was altered or truncated. Nothing was decrypted.';
    expectFailure(await decrypt('skm:v1:not base64!'), 'INVALID_USER_DATA', form);
    expectFailure(await decrypt('%%%'), 'INVALID_USER_DATA', form);
    const bytes = Buffer.from(sealed.slice('skm:v1:'.length), 'base64');
    bytes[20] = bytes[20]! ^ 1;
    expectFailure(await decrypt(`skm:v1:${bytes.toString('base64')}`), 'INVALID_USER_DATA', notOurs);
    expectFailure(await decrypt(sealed.slice(0, -8)), 'INVALID_USER_DATA', notOurs);
    expectFailure(await decrypt('AAAA'), 'INVALID_USER_DATA', notOurs);
    const foreign = expectSuccess(await api.call(sym(keys.other, 'encrypt'), authed({ body: { plaintext: PLAINTEXT } }))).ciphertext;
    expectFailure(await decrypt(foreign), 'INVALID_USER_DATA', notOurs);
    expectFailure(
      await decrypt(sealed.replace('skm:v1:', 'skm:v7:')),
      'INVALID_KEY_VERSION',
      'This key has no version 7; the ciphertext was made by another key.',
    );
    expectFailure(await api.call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: '' } })), 'INVALID_USER_DATA', 'ciphertext is empty.');
  });

  it('a body over 64 KiB is 413 with the envelope, declared or streamed; a plaintext over 32 KB is Invalid User Data', async () => {
    const tooLarge = JSON.stringify({ plaintext: 'a'.repeat(70 * 1024) });
    expectFailure(await encrypt(tooLarge), 'REQUEST_TOO_LARGE', 'Bodies are at most 64 KiB.');
    expectFailure(await streamed(sym(keys.sym, 'encrypt'), Buffer.from(tooLarge)), 'REQUEST_TOO_LARGE', 'Bodies are at most 64 KiB.');
    // 32 KB counted in UTF-8 bytes: 11,000 euro signs are 33,000 bytes.
    for (const plaintext of ['a'.repeat(32 * 1024 + 1), '€'.repeat(11_000)]) {
      expectFailure(await encrypt({ plaintext }), 'INVALID_USER_DATA', 'plaintext is at most 32 KB.');
    }
    const largest = expectSuccess(await encrypt({ plaintext: 'a'.repeat(32 * 1024) }));
    expect(largest.keyVersion).toBe(1);
  });

  it('a body that is not a JSON object of the known fields, or not sent as JSON, is refused with words', async () => {
    expectFailure(await encrypt('{"plaintext": "x"'), 'INVALID_USER_DATA', 'The body is not valid JSON.');
    expectFailure(await encrypt('plaintext=x'), 'INVALID_USER_DATA', 'The body is not valid JSON.');
    expectFailure(await encrypt(''), 'INVALID_USER_DATA', 'The body is empty; send a JSON object.');
    expectFailure(await encrypt(['x']), 'INVALID_USER_DATA', 'The body must be a JSON object.');
    expectFailure(await encrypt({}), 'INVALID_USER_DATA', 'plaintext is required.');
    expectFailure(await encrypt({ plaintext: 'x', keyVersion: 1 }), 'INVALID_USER_DATA', 'Unknown field "keyVersion".');
    expectFailure(
      await encrypt({ plaintext: 'x' }, { contentType: 'text/plain' }),
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the body as JSON (Content-Type: application/json).',
    );
    expectFailure(
      await encrypt({ plaintext: 'x' }, { contentType: null }),
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the body as JSON (Content-Type: application/json).',
    );
    expectFailure(
      await encrypt({ plaintext: 'x' }, { contentType: 'application/jsonp' }),
      'UNSUPPORTED_MEDIA_TYPE',
      'Send the body as JSON (Content-Type: application/json).',
    );
    expect(expectSuccess(await encrypt({ plaintext: 'x' }, { contentType: 'Application/JSON; charset=utf-8' })).keyVersion).toBe(1);
  });

  // zod 4 leaves the sent value out of its issues, so whether a field was sent is read from the body: a field of the
  // wrong type is not answered "is required".
  it('a field of the wrong type is named as such, not as missing', async () => {
    expectFailure(await encrypt({ plaintext: 42 }), 'INVALID_USER_DATA', 'plaintext must be text.');
    expectFailure(await api.call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: ['skm:v1:AAAA'] } })), 'INVALID_USER_DATA', 'ciphertext must be text.');
  });
});

describe('the console and the Key API use the same keys', SLOW, () => {
  const utf8 = (data: string) => ({ data, encoding: 'utf8' as const });

  it('console ciphertext decrypts through the API and API ciphertext through the console', async () => {
    const fromConsole = await fx.call('keys.encrypt', { keyId: keys.sym, payload: utf8(PLAINTEXT) });
    expect(expectSuccess(await api.call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: fromConsole.ciphertext } })))).toEqual({
      plaintext: PLAINTEXT,
      keyVersion: 1,
    });
    const fromApi = expectSuccess(await api.call(sym(keys.sym, 'encrypt'), authed({ body: { plaintext: PLAINTEXT } })));
    expect(await fx.call('keys.decrypt', { keyId: keys.sym, ciphertext: fromApi.ciphertext })).toEqual({
      data: Buffer.from(PLAINTEXT).toString('base64'),
      text: PLAINTEXT,
      version: 1,
    });
  });

  it('after Immediately Rotate, version-1 text still decrypts through the API and new encrypts use version 2', async () => {
    const key = (await fx.call('keys.create', { type: 'symmetric', keyStoreId: storeId, name: 'interop-rotation' })).id;
    const old = await fx.call('keys.encrypt', { keyId: key, payload: utf8('old text') });
    await fx.call('keys.rotate', { keyId: key });
    expect(expectSuccess(await api.call(sym(key, 'decrypt'), authed({ body: { ciphertext: old.ciphertext } })))).toEqual({
      plaintext: 'old text',
      keyVersion: 1,
    });
    const fresh = expectSuccess(await api.call(sym(key, 'encrypt'), authed({ body: { plaintext: 'new text' } })));
    expect(fresh).toEqual({ ciphertext: expect.stringMatching(/^skm:v2:/), keyVersion: 2 });
    expect(await fx.call('keys.decrypt', { keyId: key, ciphertext: fresh.ciphertext })).toMatchObject({ text: 'new text', version: 2 });
  });

  it('a console signature verifies through the API and an API signature in the console', async () => {
    const signed = await fx.call('keys.sign', { keyId: keys.signer, payload: utf8('invoice 2026-118') });
    expect(
      expectSuccess(await api.call(asym(keys.signer, 'verify'), authed({ body: { plaintext: 'invoice 2026-118', signature: signed.signature } }))),
    ).toEqual({
      result: true,
      keyVersion: signed.version,
    });
    const byApi = expectSuccess(await api.call(asym(keys.signer, 'sign'), authed({ body: { plaintext: 'invoice 2026-119' } })));
    expect(await fx.call('keys.verify', { keyId: keys.signer, payload: utf8('invoice 2026-119'), signature: byApi.signature })).toEqual({
      valid: true,
      version: byApi.keyVersion,
    });
  });
});

describe('secrets never reach the logs', SLOW, () => {
  it('successful and failing calls, an internal error included, log no plaintext, ciphertext, key bytes, password or secret', async () => {
    await fx.call('keys.update', { keyId: keys.sym, allowExport: true });
    const logged: string[] = [];
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
        vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
      ),
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (logged.push(String(chunk)), true)),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (logged.push(String(chunk)), true)),
    ];
    const answers: Answer[] = [];
    const seen = { sealed: '', exported: '' };
    try {
      const call = async (where: string, options?: CallOptions) => {
        const answer = await api.call(where, options);
        answers.push(answer);
        return answer;
      };
      seen.sealed = expectSuccess(await call(sym(keys.sym, 'encrypt'), authed({ body: { plaintext: PLAINTEXT } }))).ciphertext;
      const { sealed } = seen;
      expectSuccess(await call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: sealed } })));
      seen.exported = expectSuccess(await call(sym(keys.sym, 'symmetric-key'), authed())).symmetricKey;
      const { exported } = seen;
      expectSuccess(await call(`secrets/${keys.secret}`, authed()));
      // Refusals that carry the same values.
      expectFailure(await call(sym(keys.sym, 'encrypt'), { body: { plaintext: PLAINTEXT } }), 'MAC_AUTH_FAILURE');
      expectFailure(await call(sym(keys.sym, 'encrypt'), { mac: MAC, body: { plaintext: PLAINTEXT } }), 'CERTIFICATE_AUTH_FAILURE');
      expectFailure(
        await call(sym(keys.sym, 'encrypt'), authed({ body: { plaintext: PLAINTEXT, extra: SECRET } })),
        'INVALID_USER_DATA',
        'Unknown field "extra".',
      );
      expectFailure(
        await call(sym(keys.sym, 'encrypt'), authed({ body: { plaintext: PLAINTEXT }, contentType: 'text/plain' })),
        'UNSUPPORTED_MEDIA_TYPE',
        expect.any(String),
      );
      expectFailure(await call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: `${sealed}AAAA` } })), 'INVALID_USER_DATA', expect.any(String));
      expectFailure(await call(sym(keys.sym, 'encrypt'), authed({ body: `{"plaintext":"${PLAINTEXT}"` })), 'INVALID_USER_DATA', 'The body is not valid JSON.');
      expectFailure(
        await call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: sealed, plaintext: PLAINTEXT } })),
        'INVALID_USER_DATA',
        'Unknown field "plaintext".',
      );
      // An internal failure whose error message holds the plaintext: the server logs the error's class only.
      vi.spyOn(fx.km.keys(), 'encrypt').mockImplementationOnce(() => {
        throw new Error(`encrypt failed for ${PLAINTEXT} with ${exported}`);
      });
      expectFailure(await call(sym(keys.sym, 'encrypt'), authed({ body: { plaintext: PLAINTEXT } })), 'INTERNAL_ERROR');
    } finally {
      spies.forEach((s) => s.mockRestore());
      vi.restoreAllMocks();
      await fx.call('keys.update', { keyId: keys.sym, allowExport: false });
    }
    expect(logged).toContain('[skm] Key API internal error: Error');
    const text = logged.join('\n');
    const { sealed, exported } = seen;
    expect(sealed).toMatch(/^skm:v1:/);
    expect(exported).toMatch(/^0x/);
    const secrets = [PLAINTEXT, sealed, sealed.slice('skm:v1:'.length), exported, exported.replace(/0x|, /g, ''), CERT_PASSWORD, SECRET, PASSPHRASE];
    for (const secret of secrets) expect(text).not.toContain(secret);
    for (const answer of answers.filter((a) => !a.header.isSuccessful)) {
      for (const secret of secrets) expect(answer.text).not.toContain(secret);
    }
  });
});

describe('API call counts', SLOW, () => {
  it('counts calls per key in memory, writes them in one batch at stop, and keeps them across lock and unlock', async () => {
    // A fresh start: the batch timer (30 s) has just begun, so nothing is written during the calls below.
    api = await restartApi();
    const before = await vaultWrites(fx.km);
    for (let i = 0; i < 20; i++) expectSuccess(await api.call(sym(keys.counted, 'encrypt'), authed({ body: { plaintext: `call ${i}` } })));
    expect(await vaultWrites(fx.km)).toEqual(before);
    const at = fx.clock.now().toISOString();
    expect(await fx.call('keys.get', { keyId: keys.counted })).toMatchObject({ apiCalls: 20, lastApiCallAt: at });
    expect(await fx.call('keyApi.status')).toMatchObject({ serving: true, requests: 20, failures: 0 });

    expect(await fx.call('keyApi.stop')).toMatchObject({ serving: false, url: null });
    const after = await vaultWrites(fx.km);
    expect(after.generation).toBe(before.generation + 1);
    expect(await fx.call('keys.get', { keyId: keys.counted })).toMatchObject({ apiCalls: 20, lastApiCallAt: at });
    // Lock seals the vault now (the API is stopped); unlock reads the counts back from the file.
    await fx.call('vault.lock');
    expect(await fx.call('vault.status')).toEqual({ state: 'locked' });
    await fx.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
    expect(await fx.call('keys.get', { keyId: keys.counted })).toMatchObject({ apiCalls: 20, lastApiCallAt: at });
    api = await fx.startApi();
    expectSuccess(await api.call(sym(keys.counted, 'encrypt'), authed({ body: { plaintext: 'one more' } })));
    expect(await fx.call('keys.get', { keyId: keys.counted })).toMatchObject({ apiCalls: 21 });
  });
});

describe('locking the console while the Key API serves', SLOW, () => {
  it('keeps the vault open for the API; console channels refuse; unlock signs in again; stopping the API then seals it', async () => {
    api = await servingApi();
    const since = (await fx.call('keyApi.status')).since;
    await fx.call('vault.lock');
    expect(await fx.call('vault.status')).toEqual({ state: 'locked', keyApi: { url: api.base, since } });
    const sealed = expectSuccess(await api.call(sym(keys.sym, 'encrypt'), authed({ body: { plaintext: PLAINTEXT } })));
    expect(expectSuccess(await api.call(sym(keys.sym, 'decrypt'), authed({ body: { ciphertext: sealed.ciphertext } }))).plaintext).toBe(PLAINTEXT);
    expect(expectSuccess(await api.call(`secrets/${keys.secret}`, authed()))).toEqual({ secret: SECRET });
    for (const [channel, input] of [
      ['keys.get', { keyId: keys.sym }],
      ['keys.decrypt', { keyId: keys.sym, ciphertext: sealed.ciphertext }],
      ['keys.reveal', { keyId: keys.secret }],
      ['keyApi.status', undefined],
      ['keyApi.stop', undefined],
    ] as const) {
      expect(await fx.dispatch(channel, input)).toEqual({ ok: false, error: { code: 'VAULT_LOCKED', message: 'The vault is locked. Unlock it to continue.' } });
    }
    expect(await fx.dispatch('vault.unlock', { username: 'admin', passphrase: 'not the passphrase' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
    expect(await fx.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE })).toMatchObject({ username: 'admin' });
    expect(await fx.call('vault.status')).toEqual({ state: 'unlocked', username: 'admin' });
    expect(await fx.call('keyApi.status')).toMatchObject({ serving: true, url: api.base, since });
    expect(await fx.call('keys.decrypt', { keyId: keys.sym, ciphertext: sealed.ciphertext })).toMatchObject({ text: PLAINTEXT });

    // Locked again, the API is stopped the way the hosts stop it (the contract's keyApi.stop needs a signed-in ADMIN).
    await fx.call('vault.lock');
    await fx.km.stopKeyApi();
    expect(await fx.call('vault.status')).toEqual({ state: 'locked' });
    await expect(api.call('confirm')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await fx.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
    expect(await fx.call('keyApi.status')).toMatchObject({ serving: false, url: null });
    expect(await fx.call('keys.decrypt', { keyId: keys.sym, ciphertext: sealed.ciphertext })).toMatchObject({ text: PLAINTEXT });
  });
});

describe('graceful stop', SLOW, () => {
  it('a request in flight when Stop Key API is called completes; new connections are refused after the stop', async () => {
    api = await servingApi();
    const requestsBefore = (await fx.call('keyApi.status')).requests as number;
    const body = Buffer.from(JSON.stringify({ plaintext: PLAINTEXT }));
    // A slow client: the headers and the first bytes of the body now, the rest once the stop has begun.
    const { req, answer } = api.open(
      sym(keys.sym, 'encrypt'),
      authed({ method: 'POST', contentType: 'application/json', headers: { 'Content-Length': String(body.length) } }),
    );
    let answered = false;
    void answer.then(() => (answered = true)).catch(() => undefined);
    req.write(body.subarray(0, 10));
    // The server has the request (its headers) once its request count moves.
    for (let i = 0; i < 500 && (await fx.call('keyApi.status')).requests === requestsBefore; i++) await sleep(10);
    expect((await fx.call('keyApi.status')).requests).toBe(requestsBefore + 1);

    const stopped = fx.call('keyApi.stop');
    await sleep(50);
    // New connections are refused as soon as the stop begins, while the request in flight is still being served.
    await expect(api.call('confirm')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(answered).toBe(false);
    await sleep(200);
    req.end(body.subarray(10));
    const sealed = expectSuccess(await answer);
    expect(sealed).toEqual({ ciphertext: expect.stringMatching(/^skm:v1:/), keyVersion: 1 });
    expect(await stopped).toMatchObject({ serving: false, url: null });
    await expect(api.call('confirm')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await fx.call('keys.decrypt', { keyId: keys.sym, ciphertext: sealed.ciphertext })).toMatchObject({ text: PLAINTEXT });
  });
});

/** Stop Key API if it serves (earlier tests may have stopped it), then start it on a new port. */
async function restartApi(): Promise<Api> {
  if ((await fx.call('keyApi.status')).serving) await fx.call('keyApi.stop');
  return fx.startApi();
}

/** The running Key API, started if an earlier test left it stopped. */
async function servingApi(): Promise<Api> {
  return (await fx.call('keyApi.status')).serving ? api : fx.startApi();
}

/** One request written by hand on a TLS connection (for request targets no HTTP client would send). */
function rawRequest(head: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: api.port, ca: api.caPem }, () => socket.end(head));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [headText = '', bodyText = ''] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1]);
      resolve({ status, headers: {}, text: bodyText, peer: { subjectAltName: undefined, protocol: null, issuer: undefined }, ...JSON.parse(bodyText) });
    });
  });
}

/** A body sent in chunks with no Content-Length (chunked transfer encoding), so only the bytes received count. */
function streamed(where: string, body: Buffer): Promise<Answer> {
  const { req, answer } = api.open(where, authed({ method: 'POST', contentType: 'application/json' }));
  for (let i = 0; i < body.length; i += 8 * 1024) req.write(body.subarray(i, i + 8 * 1024));
  req.end();
  return answer;
}
