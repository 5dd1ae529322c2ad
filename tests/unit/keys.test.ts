import { copyFile, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Vault } from '../../main/core/vault/vault';
import { FakeClock, PASSPHRASE, allFileText, caller, unlockedManager } from './helpers';

async function setup(clock = new FakeClock()) {
  const ctx = await unlockedManager(clock);
  const call = caller(ctx.dispatch);
  const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
  return { ...ctx, call, clock, keyStoreId: store.id as string };
}

const text = (data: string) => ({ data, encoding: 'utf8' as const });
const KEY_DATA = Array.from({ length: 32 }, (_, i) => `0x${(i * 7).toString(16).padStart(2, '0')}`).join(', ');

describe('keys through the contract', () => {
  it('creates one key of each type and lists them with their metadata only', async () => {
    const { call, keyStoreId } = await setup();
    await call('keys.create', { type: 'confidential', keyStoreId, name: 'DB password', data: 'hunter2-very-secret' });
    await call('keys.create', { type: 'symmetric', keyStoreId, name: 'Tokens', rotationCycleDays: 90 });
    await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'Signing', algorithm: 'ECDSA-P256' });
    const list = await call('keys.list', { keyStoreId });
    expect(list.map((k: { name: string; type: string; algorithm: string; status: string }) => [k.name, k.type, k.algorithm, k.status])).toEqual([
      ['DB password', 'confidential', 'none', 'in-service'],
      ['Tokens', 'symmetric', 'AES-256-GCM', 'in-service'],
      ['Signing', 'asymmetric', 'ECDSA-P256', 'in-service'],
    ]);
    expect(JSON.stringify(list)).not.toContain('hunter2');
    expect(list[1].nextRotationAt).toBe('2027-02-26T09:00:00.000Z');
    expect((await call('keystores.get', { id: keyStoreId })).keyCount).toBe(3);
  });

  it('encrypts and decrypts; after Immediately Rotate new text uses version 2 and version-1 text still decrypts', async () => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'symmetric', keyStoreId, name: 'Tokens' });
    const v1 = await call('keys.encrypt', { keyId: key.id, payload: text('card 4111') });
    expect(v1.ciphertext).toMatch(/^skm:v1:/);
    const rotated = await call('keys.rotate', { keyId: key.id });
    expect(rotated.currentVersion).toBe(2);
    expect(rotated.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const v2 = await call('keys.encrypt', { keyId: key.id, payload: text('card 5500') });
    expect(v2.ciphertext).toMatch(/^skm:v2:/);
    expect(await call('keys.decrypt', { keyId: key.id, ciphertext: v1.ciphertext })).toMatchObject({ text: 'card 4111', version: 1 });
    expect(await call('keys.decrypt', { keyId: key.id, ciphertext: v2.ciphertext })).toMatchObject({ text: 'card 5500', version: 2 });
  });

  it('creates data keys for envelope encryption that the key decrypts', async () => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'symmetric', keyStoreId, name: 'KEK' });
    const dk = await call('keys.dataKey', { keyId: key.id });
    expect(Buffer.from(dk.plaintext, 'base64')).toHaveLength(32);
    expect((await call('keys.decrypt', { keyId: key.id, ciphertext: dk.ciphertext })).data).toBe(dk.plaintext);
  });

  it.each(['RSA-2048', 'ECDSA-P384', 'Ed25519'])('%s signs and verifies across rotation; public keys export as PEM', async (algorithm) => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'Signer', algorithm });
    const s1 = await call('keys.sign', { keyId: key.id, payload: text('release 1.0') });
    expect(s1.signature).toMatch(/^skm:v1:/);
    await call('keys.rotate', { keyId: key.id });
    const s2 = await call('keys.sign', { keyId: key.id, payload: text('release 1.0') });
    expect(s2.version).toBe(2);
    expect(await call('keys.verify', { keyId: key.id, payload: text('release 1.0'), signature: s1.signature })).toEqual({ valid: true, version: 1 });
    expect(await call('keys.verify', { keyId: key.id, payload: text('release 1.0'), signature: s2.signature })).toEqual({ valid: true, version: 2 });
    const pem = await call('keys.publicKey', { keyId: key.id });
    expect(pem).toMatchObject({ version: 2, pem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/) });
  });

  it('signs with RSA PKCS#1 v1.5 on request', async () => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'Legacy' });
    const sig = await call('keys.sign', { keyId: key.id, payload: text('x'), scheme: 'pkcs1' });
    expect(await call('keys.verify', { keyId: key.id, payload: text('x'), signature: sig.signature, scheme: 'pkcs1' })).toMatchObject({ valid: true });
    await expect(call('keys.verify', { keyId: key.id, payload: text('x'), signature: sig.signature, scheme: 'pss' })).rejects.toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
  });

  it('imports an AES-256 key from 0xXX text; it works but cannot be rotated', async () => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.import', { keyStoreId, name: 'Legacy HSM key', keyData: KEY_DATA });
    expect(key).toMatchObject({ origin: 'imported', type: 'symmetric', rotationCycleDays: 0, nextRotationAt: null });
    const ct = await call('keys.encrypt', { keyId: key.id, payload: text('hello') });
    expect((await call('keys.decrypt', { keyId: key.id, ciphertext: ct.ciphertext })).text).toBe('hello');
    await expect(call('keys.rotate', { keyId: key.id })).rejects.toMatchObject({ code: 'ROTATION_NOT_ALLOWED' });
    await expect(call('keys.update', { keyId: key.id, rotationCycleDays: 30 })).rejects.toMatchObject({ code: 'ROTATION_NOT_ALLOWED' });
  });

  it('reveals Confidential Data only on request and never stores or logs it in plain text', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const { call, keyStoreId, dir, dispatch } = await setup();
    const secret = 'postgres://app:s3cr3t-Pa55@db/prod';
    const key = await call('keys.create', { type: 'confidential', keyStoreId, name: 'DSN', data: secret });
    expect(JSON.stringify(await call('keys.get', { keyId: key.id }))).not.toContain('s3cr3t');
    expect(await call('keys.reveal', { keyId: key.id })).toEqual({ data: secret });
    // Failures that involve the secret do not echo it.
    const failures = [
      await dispatch('keys.create', { type: 'confidential', keyStoreId, name: 'DSN', data: secret }),
      await dispatch('keys.import', { keyStoreId, name: 'k', keyData: `${KEY_DATA}, 0x00` }),
      await dispatch('keys.encrypt', { keyId: key.id, payload: text(secret) }),
    ];
    expect(failures.every((f) => !f.ok)).toBe(true);
    const logged = JSON.stringify(spies.map((s) => s.mock.calls));
    const stored = await allFileText(dir);
    for (const haystack of [JSON.stringify(failures), logged, stored]) {
      expect(haystack).not.toContain('s3cr3t');
      expect(haystack).not.toContain('0x07, 0x0e');
    }
    spies.forEach((s) => s.mockRestore());
  });
});

describe('bad key input gets a clear error and changes nothing', () => {
  it.each([
    ['empty name', { type: 'symmetric', name: '' }, 'VALIDATION_FAILED', 'Enter a name.'],
    ['cycle 29', { type: 'symmetric', name: 'k', rotationCycleDays: 29 }, 'VALIDATION_FAILED', 'The minimum rotation cycle is 30 days'],
    ['cycle 1', { type: 'asymmetric', name: 'k', rotationCycleDays: 1 }, 'VALIDATION_FAILED', 'The minimum rotation cycle is 30 days'],
    ['negative cycle', { type: 'symmetric', name: 'k', rotationCycleDays: -30 }, 'VALIDATION_FAILED', 'cannot be negative'],
    ['fractional cycle', { type: 'symmetric', name: 'k', rotationCycleDays: 45.5 }, 'VALIDATION_FAILED', 'whole number of days'],
    ['data over 32 KB', { type: 'confidential', name: 'k', data: 'x'.repeat(32 * 1024 + 1) }, 'VALIDATION_FAILED', 'Data is at most 32 KB.'],
    ['unknown algorithm', { type: 'asymmetric', name: 'k', algorithm: 'DSA-1024' }, 'VALIDATION_FAILED', ''],
  ])('%s', async (_label, input, code, message) => {
    const { dispatch, keyStoreId, km } = await setup();
    const result = await dispatch('keys.create', { keyStoreId, ...input });
    expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringContaining(message) } });
    expect(km.keys().list(keyStoreId)).toEqual([]);
  });

  it('refuses a duplicate key name in the same key store but allows it in another', async () => {
    const { call, dispatch, keyStoreId } = await setup();
    await call('keys.create', { type: 'symmetric', keyStoreId, name: 'Tokens' });
    expect(await dispatch('keys.create', { type: 'symmetric', keyStoreId, name: 'tokens' })).toMatchObject({
      ok: false,
      error: { code: 'KEY_NAME_TAKEN', field: 'name' },
    });
    const other = await call('keystores.create', { name: 'Other', authMethods: ['mac'] });
    expect((await call('keys.create', { type: 'symmetric', keyStoreId: other.id, name: 'Tokens' })).name).toBe('Tokens');
  });

  it("refuses a ciphertext from another key, a truncated or altered one, and another key's signature", async () => {
    const { call, keyStoreId, dir } = await setup();
    const a = await call('keys.create', { type: 'symmetric', keyStoreId, name: 'A' });
    const b = await call('keys.create', { type: 'symmetric', keyStoreId, name: 'B' });
    const ct = (await call('keys.encrypt', { keyId: a.id, payload: text('hello') })).ciphertext as string;
    const before = await readFile(path.join(dir, 'vault.json'));
    await expect(call('keys.decrypt', { keyId: b.id, ciphertext: ct })).rejects.toMatchObject({ code: 'CIPHERTEXT_INVALID' });
    await expect(call('keys.decrypt', { keyId: a.id, ciphertext: ct.slice(0, -8) })).rejects.toMatchObject({ code: 'CIPHERTEXT_INVALID' });
    const body = Buffer.from(ct.slice(7), 'base64');
    body[13] = body[13]! ^ 0x40;
    await expect(call('keys.decrypt', { keyId: a.id, ciphertext: `skm:v1:${body.toString('base64')}` })).rejects.toMatchObject({ code: 'CIPHERTEXT_INVALID' });
    const s1 = await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'S1', algorithm: 'Ed25519' });
    const s2 = await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'S2', algorithm: 'Ed25519' });
    const sig = await call('keys.sign', { keyId: s1.id, payload: text('m') });
    await expect(call('keys.verify', { keyId: s2.id, payload: text('m'), signature: sig.signature })).rejects.toMatchObject({ code: 'SIGNATURE_INVALID' });
    await expect(call('keys.encrypt', { keyId: s1.id, payload: text('m') })).rejects.toMatchObject({ code: 'OPERATION_NOT_SUPPORTED' });
    expect((await readFile(path.join(dir, 'vault.json'))).length).toBeGreaterThan(before.length - 1); // sanity: file still there
  });
});

describe('deletion lifecycle and scheduler (fake clock)', () => {
  it('Request for Deletion blocks every use for 7 days, then the key and its material are gone for good', async () => {
    const clock = new FakeClock();
    const { call, km, keyStoreId, dir } = await setup(clock);
    const key = await call('keys.create', { type: 'symmetric', keyStoreId, name: 'Old' });
    const ct = await call('keys.encrypt', { keyId: key.id, payload: text('x') });
    const scheduled = await call('keys.requestDeletion', { keyId: key.id });
    expect(scheduled).toMatchObject({ status: 'scheduled-for-deletion', deletionDate: '2026-12-05T09:00:00.000Z' });
    await expect(call('keys.encrypt', { keyId: key.id, payload: text('x') })).rejects.toMatchObject({
      code: 'KEY_SCHEDULED_FOR_DELETION',
      message: expect.stringContaining('Scheduled to be Deleted'),
    });
    await expect(call('keys.decrypt', { keyId: key.id, ciphertext: ct.ciphertext })).rejects.toMatchObject({ code: 'KEY_SCHEDULED_FOR_DELETION' });
    await expect(call('keys.rotate', { keyId: key.id })).rejects.toMatchObject({ code: 'KEY_SCHEDULED_FOR_DELETION' });

    clock.advanceDays(6.9);
    await km.applyDue();
    expect((await call('keys.get', { keyId: key.id })).status).toBe('scheduled-for-deletion');
    const changed = vi.fn();
    km.events.on('data.changed', changed);
    clock.advanceDays(0.2);
    await km.applyDue();
    await expect(call('keys.get', { keyId: key.id })).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    expect(changed).toHaveBeenCalledWith({ scope: 'keys' });

    // Neither the vault nor its previous generation (.bak) still holds the key.
    await km.lock();
    await copyFile(path.join(dir, 'vault.json.bak'), path.join(dir, 'bak-copy.json'));
    for (const file of ['vault.json', 'bak-copy.json']) {
      const vault = await Vault.open(path.join(dir, file), 'admin', PASSPHRASE);
      expect(vault.data.keys.map((k) => k.id)).not.toContain(key.id);
      vault.close();
    }
  });

  it('Cancel Deletion returns the key to In Service; Immediately Delete needs the exact name', async () => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'confidential', keyStoreId, name: 'Token', data: 'abc' });
    await expect(call('keys.deleteNow', { keyId: key.id, confirmName: 'Token' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await call('keys.requestDeletion', { keyId: key.id });
    await expect(call('keys.requestDeletion', { keyId: key.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await call('keys.cancelDeletion', { keyId: key.id })).toMatchObject({ status: 'in-service', deletionDate: null });
    expect(await call('keys.reveal', { keyId: key.id })).toEqual({ data: 'abc' });
    await call('keys.requestDeletion', { keyId: key.id });
    await expect(call('keys.deleteNow', { keyId: key.id, confirmName: 'token' })).rejects.toMatchObject({ code: 'CONFIRMATION_MISMATCH' });
    await call('keys.deleteNow', { keyId: key.id, confirmName: 'Token' });
    expect(await call('keys.list', { keyStoreId })).toEqual([]);
  });

  it('rotates automatically when due, and a key that missed several cycles rotates once, counted from now', async () => {
    const clock = new FakeClock();
    const { call, km, keyStoreId, dir } = await setup(clock);
    const key = await call('keys.create', { type: 'symmetric', keyStoreId, name: 'Auto', rotationCycleDays: 30 });
    const manual = await call('keys.create', { type: 'symmetric', keyStoreId, name: 'Manual' });
    clock.advanceDays(29);
    await km.applyDue();
    expect((await call('keys.get', { keyId: key.id })).currentVersion).toBe(1);
    clock.advanceDays(1);
    await km.applyDue();
    expect((await call('keys.get', { keyId: key.id })).currentVersion).toBe(2);

    // The app is closed for 100 days (more than three cycles): at unlock it catches up with a single rotation.
    await km.lock();
    clock.advanceDays(100);
    const { KeyManager } = await import('../../main/core/key-manager');
    const reopened = new KeyManager({ dataDir: dir, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 }, clock });
    await reopened.unlock({ username: 'admin', passphrase: PASSPHRASE });
    await reopened.caughtUp(); // the pass the scheduler started at unlock
    const after = reopened.keys().get(key.id);
    expect(after.currentVersion).toBe(3);
    expect(after.nextRotationAt).toBe(new Date(clock.now().getTime() + 30 * 86_400_000).toISOString());
    expect(reopened.keys().get(manual.id).currentVersion).toBe(1);
    await reopened.lock();
  });

  it('setting a cycle shows the next rotation date; 0 turns automatic rotation off', async () => {
    const { call, keyStoreId } = await setup();
    const key = await call('keys.create', { type: 'asymmetric', keyStoreId, name: 'Sig', algorithm: 'Ed25519' });
    expect(key.nextRotationAt).toBeNull();
    expect((await call('keys.update', { keyId: key.id, rotationCycleDays: 365, description: 'yearly' })).nextRotationAt).toBe('2027-11-28T09:00:00.000Z');
    expect((await call('keys.update', { keyId: key.id, rotationCycleDays: 0 })).nextRotationAt).toBeNull();
  });
});
