import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateAsymmetric, privateKeyObject, publicKeyObject, signWith, verifyWith } from '../../main/core/engine/asymmetric';
import { parseKeyData } from '../../main/core/engine/key-data';
import { bindVersion, decryptText, encryptToText, newAesKey, openWithKey, sealWithKey } from '../../main/core/engine/symmetric';
import { AsymmetricAlgorithm } from '../../shared/domain';
import { tempDir } from './helpers';

const KEY_ID = 'a'.repeat(32);
const OTHER_ID = 'b'.repeat(32);

describe('symmetric engine (AES-256-GCM)', () => {
  it('round-trips and names the version in the ciphertext', () => {
    const key = newAesKey();
    const v3 = bindVersion(key, KEY_ID, 3);
    const text = encryptToText(v3, Buffer.from('attack at dawn'));
    expect(text).toMatch(/^skm:v3:[A-Za-z0-9+/]+=*$/);
    const out = decryptText(text, 3, (v) => (v === 3 ? v3 : undefined));
    expect(out).toEqual({ plaintext: Buffer.from('attack at dawn'), version: 3 });
  });

  it('uses a fresh IV each time', () => {
    const key = newAesKey();
    const v1 = bindVersion(key, KEY_ID, 1);
    expect(encryptToText(v1, Buffer.from('x'))).not.toEqual(encryptToText(v1, Buffer.from('x')));
  });

  it('binds key id and version: another key, another version, a flipped bit or truncation are refused', () => {
    const key = newAesKey();
    const v1 = bindVersion(key, KEY_ID, 1);
    const sealed = sealWithKey(v1, Buffer.from('secret'));
    expect(() => openWithKey(bindVersion(key, OTHER_ID, 1), sealed)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_INVALID' }));
    expect(() => openWithKey(bindVersion(key, KEY_ID, 2), sealed)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_INVALID' }));
    expect(() => openWithKey(bindVersion(newAesKey(), KEY_ID, 1), sealed)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_INVALID' }));
    const flipped = Buffer.from(sealed);
    flipped[14] = flipped[14]! ^ 1;
    expect(() => openWithKey(v1, flipped)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_INVALID' }));
    expect(() => openWithKey(v1, sealed.subarray(0, 20))).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_INVALID' }));
    expect(() => decryptText('skm:v1:!!!', 1, () => v1)).toThrow(expect.objectContaining({ code: 'CIPHERTEXT_INVALID' }));
    expect(() => decryptText('skm:v9:AAAA', 1, () => undefined)).toThrow(expect.objectContaining({ code: 'KEY_VERSION_NOT_FOUND' }));
  });

  it('its ciphertext layout (iv | ct | tag, AAD) is plain AES-256-GCM: a second implementation opens it', async () => {
    // WebCrypto is a separate code path from node:crypto's createDecipheriv.
    const key = newAesKey();
    const sealed = sealWithKey(bindVersion(key, KEY_ID, 2), Buffer.from('interop'));
    const cryptoKey = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['decrypt']);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(sealed.subarray(0, 12)), additionalData: new TextEncoder().encode(`skm:${KEY_ID}:v2`), tagLength: 128 },
      cryptoKey,
      new Uint8Array(sealed.subarray(12)),
    );
    expect(Buffer.from(plain).toString()).toBe('interop');
  });
});

function openssl(args: string[], input?: Buffer): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString() };
  } catch (err) {
    return { ok: false, out: String((err as { stderr?: Buffer }).stderr ?? '') };
  }
}

describe('asymmetric engine against the openssl command line', () => {
  const data = Buffer.from('The quick brown fox jumps over the lazy dog');
  const cases: Array<[AsymmetricAlgorithm, 'pss' | 'pkcs1', string[]]> = [
    ['RSA-2048', 'pss', ['-sha256', '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32']],
    ['RSA-3072', 'pkcs1', ['-sha256']],
    ['ECDSA-P256', 'pss', ['-sha256']],
    ['ECDSA-P384', 'pss', ['-sha384']],
  ];

  it.each(cases)("%s (%s): openssl verifies our signature, we verify openssl's, and tampering is refused", async (alg, scheme, dgstOpts) => {
    const dir = await tempDir();
    const pair = await generateAsymmetric(alg);
    const [priv, pub, msg, sig, osig] = ['priv.pem', 'pub.pem', 'msg.bin', 'sig.bin', 'osig.bin'].map((f) => path.join(dir, f)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    writeFileSync(priv, pair.privateKeyPem);
    writeFileSync(pub, pair.publicKeyPem);
    writeFileSync(msg, data);
    const signature = signWith(alg, privateKeyObject(pair.privateKeyPem), data, scheme);
    writeFileSync(sig, signature);
    expect(openssl(['dgst', ...dgstOpts, '-verify', pub, '-signature', sig, msg]).out).toContain('Verified OK');
    expect(openssl(['dgst', ...dgstOpts, '-sign', priv, '-out', osig, msg]).ok).toBe(true);
    const theirs = execFileSync('cat', [osig]);
    expect(verifyWith(alg, publicKeyObject(pair.publicKeyPem), data, theirs, scheme)).toBe(true);
    expect(verifyWith(alg, publicKeyObject(pair.publicKeyPem), Buffer.from('other data'), signature, scheme)).toBe(false);
    const other = await generateAsymmetric(alg);
    expect(verifyWith(alg, publicKeyObject(other.publicKeyPem), data, signature, scheme)).toBe(false);
  });

  it("Ed25519: openssl pkeyutl verifies ours and we verify openssl's", async () => {
    const dir = await tempDir();
    const pair = await generateAsymmetric('Ed25519');
    const [priv, pub, msg, sig, osig] = ['priv.pem', 'pub.pem', 'msg.bin', 'sig.bin', 'osig.bin'].map((f) => path.join(dir, f)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    writeFileSync(priv, pair.privateKeyPem);
    writeFileSync(pub, pair.publicKeyPem);
    writeFileSync(msg, data);
    writeFileSync(sig, signWith('Ed25519', privateKeyObject(pair.privateKeyPem), data));
    expect(openssl(['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', msg, '-sigfile', sig]).out).toContain('Signature Verified Successfully');
    expect(openssl(['pkeyutl', '-sign', '-inkey', priv, '-rawin', '-in', msg, '-out', osig]).ok).toBe(true);
    expect(verifyWith('Ed25519', publicKeyObject(pair.publicKeyPem), data, execFileSync('cat', [osig]))).toBe(true);
  });

  it('generates RSA-4096 without blocking the event loop, and it signs and verifies', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const pair = await generateAsymmetric('RSA-4096');
    clearInterval(timer);
    expect(publicKeyObject(pair.publicKeyPem).asymmetricKeyDetails?.modulusLength).toBe(4096);
    expect(ticks).toBeGreaterThan(0);
    const signature = signWith('RSA-4096', privateKeyObject(pair.privateKeyPem), data);
    expect(verifyWith('RSA-4096', publicKeyObject(pair.publicKeyPem), data, signature)).toBe(true);
  });
});

describe('Import Key: Key Data parser', () => {
  const hexByte = fc.integer({ min: 0, max: 255 }).map((b) => `0x${b.toString(16).padStart(2, '0')}`);
  const separator = fc.constantFrom(',', ' ', ', ', ',\n', '\t', '  ,  ');

  it('accepts any 32 bytes written as 0xXX with commas and/or spaces, in either letter case', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hexByte, fc.boolean()), { minLength: 32, maxLength: 32 }), separator, (bytes, sep) => {
        const tokens = bytes.map(([b, upper]) => (upper ? b.toUpperCase().replace('0X', '0x') : b));
        const parsed = parseKeyData(tokens.join(sep));
        expect([...parsed]).toEqual(bytes.map(([b]) => parseInt(b.slice(2), 16)));
      }),
    );
  });

  it('names the byte count for any other number of bytes', () => {
    fc.assert(
      fc.property(
        fc.array(hexByte, { minLength: 1, maxLength: 80 }).filter((a) => a.length !== 32),
        (bytes) => {
          expect(() => parseKeyData(bytes.join(', '))).toThrow(`${bytes.length} byte${bytes.length === 1 ? ' was' : 's were'} found`);
        },
      ),
    );
  });

  it('names the position of a malformed byte and never echoes the key data', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 31 }), fc.constantFrom('0xZZ', '0x1', '0x123', 'ff', '0x', '1x00', '0xg0'), (pos, bad) => {
        const tokens = Array.from({ length: 32 }, (_, i) => (i === pos ? bad : '0x5a'));
        let message = '';
        try {
          parseKeyData(tokens.join(', '));
        } catch (err) {
          message = (err as Error).message;
          expect(err).toMatchObject({ code: 'INVALID_KEY_DATA', field: 'keyData' });
        }
        expect(message).toContain(`Byte ${pos + 1} `);
        expect(message).not.toContain('0x5a');
      }),
    );
  });

  it.each([
    ['31 bytes', Array(31).fill('0x00').join(','), '31 bytes were found'],
    ['33 bytes', Array(33).fill('0x00').join(' '), '33 bytes were found'],
    ['empty', '   ', 'Enter the key as 32 bytes'],
    ['0xZZ', ['0xZZ', ...Array(31).fill('0x00')].join(','), 'Byte 1 is not written'],
  ])('%s', (_label, text, message) => {
    expect(() => parseKeyData(text)).toThrow(message);
  });
});
