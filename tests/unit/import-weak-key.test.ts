import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseKeyData } from '../../main/core/engine/key-data';
import { allFileText, caller, unlockedManager } from './helpers';

/** Import Key refuses keys that are no secret at all, without ever repeating their bytes. */
const keyText = (bytes: number[]) => bytes.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ');
const repeat = (pattern: number[]) => Array.from({ length: 32 }, (_, i) => pattern[i % pattern.length]!);

describe('Import Key refuses trivially weak AES keys', () => {
  it.each([
    ['all zero bytes', repeat([0x00]), 'The key is all zero bytes'],
    ['0x41 x 32', repeat([0x41]), 'All 32 bytes of the key are the same value'],
    ['0xff x 32', repeat([0xff]), 'All 32 bytes of the key are the same value'],
    ['0xde 0xad x 16', repeat([0xde, 0xad]), 'The key is the same 2 bytes repeated'],
    ['0x01 0x02 0x03 x 10 and 2', repeat([0x01, 0x02, 0x03]), 'The key is the same 3 bytes repeated'],
    ['0xca 0xfe 0xba 0xbe x 8', repeat([0xca, 0xfe, 0xba, 0xbe]), 'The key is the same 4 bytes repeated'],
  ])('%s: INVALID_KEY_DATA with words, nothing stored, and the bytes never echoed', async (_label, bytes, message) => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const { km, dir, dispatch } = await unlockedManager();
    const call = caller(dispatch);
    const store = await call('keystores.create', { name: 'S', authMethods: ['ipv4'] });
    const result = await dispatch('keys.import', { keyStoreId: store.id, name: 'weak', keyData: keyText(bytes) });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_KEY_DATA', field: 'keyData', message: expect.stringContaining(message) } });
    expect(!result.ok && result.error.message).toContain('Import the key exactly as your HSM or KMS exported it, or use Add Key to generate a new one.');
    expect(await call('keys.list', { keyStoreId: store.id })).toEqual([]);
    const logged = JSON.stringify(spies.map((s) => s.mock.calls));
    expect(JSON.stringify(result)).not.toMatch(/0x[0-9a-f]{2}/i);
    expect(logged).not.toMatch(/0x[0-9a-f]{2}/i);
    for (const haystack of [JSON.stringify(result), logged, await allFileText(dir)]) {
      expect(haystack).not.toContain(keyText(bytes.slice(0, 4)));
      expect(haystack).not.toContain(Buffer.from(bytes).toString('base64'));
    }
    spies.forEach((s) => s.mockRestore());
    await km.lock('user');
  });

  it('still imports a random key', async () => {
    const { dispatch } = await unlockedManager();
    const call = caller(dispatch);
    const store = await call('keystores.create', { name: 'S', authMethods: ['ipv4'] });
    expect(await call('keys.import', { keyStoreId: store.id, name: 'real', keyData: keyText([...randomBytes(32)]) })).toMatchObject({ origin: 'imported' });
  });

  it('refuses any single byte value repeated 32 times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (b) => {
        expect(() => parseKeyData(keyText(repeat([b])))).toThrow(expect.objectContaining({ code: 'INVALID_KEY_DATA', field: 'keyData' }));
      }),
    );
  });
});
