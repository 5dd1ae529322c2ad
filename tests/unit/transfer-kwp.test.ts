import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unwrapKwp, wrapKwp } from '../../main/core/transfer/kwp';

/**
 * AES Key Wrap with Padding (RFC 5649), the half of CKM_RSA_AES_KEY_WRAP that a wrong implementation would still
 * round-trip against itself: checked against the RFC's published examples (section 6) and against the openssl
 * command line, a second implementation.
 */

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** RFC 5649 section 6: a 192-bit KEK, wrapping 20 octets and then 7 octets. */
const KEK = hex('5840df6e29b02af1 ab493b705bf16ea1 ae8338f4dcc176a8');
const VECTORS = [
  {
    name: '20 octets',
    key: hex('c37b7e6492584340 bed1220780894115 5068f738'),
    wrap: hex('138bdeaa9b8fa7fc 61f97742e72248ee 5ae6ae5360d1ae6a 5f54f373fa543b6a'),
  },
  { name: '7 octets', key: hex('466f7250617369'), wrap: hex('afbeb0f07dfbf541 9200f2ccb50bb24f') },
];

const openssl = (args: string[], input: Buffer): Buffer => execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });

describe('RFC 5649 AES Key Wrap with Padding', () => {
  it.each(VECTORS)("matches the RFC's example wrapping $name, both ways", ({ key, wrap }) => {
    expect(wrapKwp(KEK, key).toString('hex')).toBe(wrap.toString('hex'));
    expect(unwrapKwp(KEK, wrap)?.toString('hex')).toBe(key.toString('hex'));
  });

  it('the RFC examples hold for openssl enc -id-aes192-wrap-pad too (OpenSSL 3 needs -iv A65959A6 given)', () => {
    for (const { key, wrap } of VECTORS) {
      expect(openssl(['enc', '-id-aes192-wrap-pad', '-K', KEK.toString('hex'), '-iv', 'A65959A6'], key).toString('hex')).toBe(wrap.toString('hex'));
      expect(openssl(['enc', '-d', '-id-aes192-wrap-pad', '-K', KEK.toString('hex'), '-iv', 'A65959A6'], wrap).toString('hex')).toBe(key.toString('hex'));
    }
  });

  it('agrees with openssl enc -id-aes256-wrap-pad for keys of every length a KMS sends (1 to 2,400 bytes)', () => {
    for (const length of [1, 7, 8, 9, 16, 31, 32, 33, 121, 138, 185, 1217, 2375]) {
      const kek = randomBytes(32);
      const key = randomBytes(length);
      const ours = wrapKwp(kek, key);
      expect(ours.length, `${length} bytes`).toBe(Math.ceil(length / 8) * 8 + 8);
      expect(openssl(['enc', '-d', '-id-aes256-wrap-pad', '-K', kek.toString('hex'), '-iv', 'A65959A6'], ours).equals(key), `${length} bytes`).toBe(true);
      const theirs = openssl(['enc', '-id-aes256-wrap-pad', '-K', kek.toString('hex'), '-iv', 'A65959A6'], key);
      expect(theirs.equals(ours), `${length} bytes: the wrap is deterministic`).toBe(true);
      expect(unwrapKwp(kek, theirs)?.equals(key), `${length} bytes`).toBe(true);
    }
  });

  it('refuses a wrong key, a flipped bit, a cut block and a cut byte (null, never a partial key)', () => {
    const kek = randomBytes(32);
    const wrapped = wrapKwp(kek, randomBytes(32));
    expect(unwrapKwp(randomBytes(32), wrapped)).toBeNull();
    const flipped = Buffer.from(wrapped);
    flipped[20]! ^= 1;
    expect(unwrapKwp(kek, flipped)).toBeNull();
    expect(unwrapKwp(kek, wrapped.subarray(0, wrapped.length - 8))).toBeNull();
    expect(unwrapKwp(kek, wrapped.subarray(0, wrapped.length - 1))).toBeNull();
    expect(unwrapKwp(kek, wrapped.subarray(0, 8))).toBeNull();
    expect(unwrapKwp(kek, wrapped)?.length).toBe(32);
  });
});
