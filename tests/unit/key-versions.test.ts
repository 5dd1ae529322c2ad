import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FakeClock, caller, unlockedManager } from './helpers';

/**
 * Issue 12: every version's public key can be read (older versions still verify, so their public keys stay useful),
 * and a Verify refused because of the RSA signature scheme says so.
 */
async function setup() {
  const ctx = await unlockedManager(new FakeClock());
  const call = caller(ctx.dispatch);
  const store = await call('keystores.create', { name: 'Releases', authMethods: ['ipv4'] });
  return { ...ctx, call, keyStoreId: store.id as string };
}

const text = (data: string) => ({ data, encoding: 'utf8' as const });
const bytesOf = (signature: string) => Buffer.from(signature.replace(/^skm:v\d+:/, ''), 'base64');

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; field?: string }> {
  try {
    await promise;
  } catch (err) {
    const { code, message, field } = err as { code: string; message: string; field?: string };
    return { code, message, ...(field ? { field } : {}) };
  }
  throw new Error('expected a refusal');
}

describe('public keys of every version', () => {
  it('keys.publicKey answers the version asked for (the newest without one); each verifies its own signatures (checked by node:crypto)', async () => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'signer', algorithm: 'ECDSA-P256', rotationCycleDays: 0 });
    const s1 = await call('keys.sign', { keyId: key.id, payload: text('release 1.0') });
    await call('keys.rotate', { keyId: key.id });
    const s2 = await call('keys.sign', { keyId: key.id, payload: text('release 1.0') });

    const v1 = await call('keys.publicKey', { keyId: key.id, version: 1 });
    const v2 = await call('keys.publicKey', { keyId: key.id, version: 2 });
    expect(v1).toMatchObject({ version: 1, pem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/) });
    expect(v2.version).toBe(2);
    expect(v1.pem).not.toBe(v2.pem);
    expect(await call('keys.publicKey', { keyId: key.id })).toEqual(v2);
    const data = Buffer.from('release 1.0');
    expect(verify('sha256', data, createPublicKey(v1.pem), bytesOf(s1.signature))).toBe(true);
    expect(verify('sha256', data, createPublicKey(v1.pem), bytesOf(s2.signature))).toBe(false);
    expect(verify('sha256', data, createPublicKey(v2.pem), bytesOf(s2.signature))).toBe(true);

    expect(await refusal(call('keys.publicKey', { keyId: key.id, version: 3 }))).toEqual({
      code: 'KEY_VERSION_NOT_FOUND',
      message: 'This key has no version 3.',
    });
    expect(await refusal(call('keys.publicKey', { keyId: key.id, version: 0 }))).toMatchObject({ code: 'VALIDATION_FAILED', field: 'version' });
  });

  it('a VIEWER reads them too (public keys are no secret); Confidential Data and Symmetric Keys have none', async () => {
    const { km, call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'signer', algorithm: 'Ed25519', rotationCycleDays: 0 });
    await call('keys.rotate', { keyId: key.id });
    const aes = await call('keys.create', { type: 'symmetric', keyStoreId, name: 'aes', rotationCycleDays: 0 });
    await call('members.add', { username: 'viewer', passphrase: 'viewer passphrase 1', confirmPassphrase: 'viewer passphrase 1', role: 'VIEWER' });
    await km.lock();
    await call('vault.unlock', { username: 'viewer', passphrase: 'viewer passphrase 1' });
    expect(await call('keys.publicKey', { keyId: key.id, version: 1 })).toMatchObject({ version: 1 });
    expect((await refusal(call('keys.publicKey', { keyId: aes.id, version: 1 }))).code).toBe('OPERATION_NOT_SUPPORTED');
  });
});

describe('Verify with the other RSA signature scheme', () => {
  it('names the scheme the signature was made with, both ways', async () => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'rsa', algorithm: 'RSA-2048', rotationCycleDays: 0 });
    const payload = text('release 2.0');
    const pkcs1 = await call('keys.sign', { keyId: key.id, payload, scheme: 'pkcs1' });
    const pss = await call('keys.sign', { keyId: key.id, payload, scheme: 'pss' });

    expect(await refusal(call('keys.verify', { keyId: key.id, payload, signature: pkcs1.signature, scheme: 'pss' }))).toEqual({
      code: 'SIGNATURE_INVALID',
      message:
        'The signature was made with PKCS#1 v1.5 with SHA-256, not RSA-PSS with SHA-256: choose PKCS#1 v1.5 with SHA-256 as the signature scheme and verify again.',
      field: 'scheme',
    });
    expect(await refusal(call('keys.verify', { keyId: key.id, payload, signature: pss.signature, scheme: 'pkcs1' }))).toEqual({
      code: 'SIGNATURE_INVALID',
      message:
        'The signature was made with RSA-PSS with SHA-256, not PKCS#1 v1.5 with SHA-256: choose RSA-PSS with SHA-256 as the signature scheme and verify again.',
      field: 'scheme',
    });
    // Other data: no scheme matches, and the words say the scheme may be the cause among the others.
    expect(await refusal(call('keys.verify', { keyId: key.id, payload: text('release 2.1'), signature: pss.signature, scheme: 'pss' }))).toEqual({
      code: 'SIGNATURE_INVALID',
      message:
        'The signature does not match this data under version 1 of this key with RSA-PSS with SHA-256: the data changed, another key made it, or it was made with another signature scheme.',
    });
    expect(await call('keys.verify', { keyId: key.id, payload, signature: pkcs1.signature, scheme: 'pkcs1' })).toEqual({ valid: true, version: 1 });
  });

  it('ECDSA and Ed25519 keys, which have one scheme, keep the plain words', async () => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'ec', algorithm: 'ECDSA-P384', rotationCycleDays: 0 });
    const signed = await call('keys.sign', { keyId: key.id, payload: text('a') });
    expect(await refusal(call('keys.verify', { keyId: key.id, payload: text('b'), signature: signed.signature }))).toEqual({
      code: 'SIGNATURE_INVALID',
      message: 'The signature does not match this data under version 1 of this key: the data changed, or another key made it.',
    });
  });
});
