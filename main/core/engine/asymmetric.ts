import { createPrivateKey, createPublicKey, generateKeyPair, sign, verify, constants, type KeyObject } from 'node:crypto';
import type { AsymmetricAlgorithm } from '../../../shared/domain';

export interface KeyPairPem {
  privateKeyPem: string;
  publicKeyPem: string;
}

const PEM = { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } } as const;

function generatePem(type: 'rsa' | 'ec' | 'ed25519', options: Record<string, unknown>): Promise<KeyPairPem> {
  return new Promise((resolve, reject) => {
    // One call shape for the three key types; node's overloads cannot express the union, hence the cast.
    (generateKeyPair as (t: string, o: object, cb: (e: Error | null, pub: string, priv: string) => void) => void)(
      type,
      { ...options, ...PEM },
      (err, publicKeyPem, privateKeyPem) => (err ? reject(err) : resolve({ publicKeyPem, privateKeyPem })),
    );
  });
}

/** Async (libuv thread pool): RSA-4096 takes seconds, and main's event loop must keep serving meanwhile. */
export function generateAsymmetric(algorithm: AsymmetricAlgorithm): Promise<KeyPairPem> {
  if (algorithm === 'Ed25519') return generatePem('ed25519', {});
  if (algorithm.startsWith('RSA-')) return generatePem('rsa', { modulusLength: Number(algorithm.slice(4)), publicExponent: 0x10001 });
  return generatePem('ec', { namedCurve: algorithm === 'ECDSA-P256' ? 'prime256v1' : 'secp384r1' });
}

export type SignatureScheme = 'pss' | 'pkcs1';

/**
 * Digest and padding per algorithm: RSA uses SHA-256 with PSS (salt = digest length) or PKCS#1 v1.5; ECDSA uses
 * SHA-256 on P-256 and SHA-384 on P-384 (DER signatures); Ed25519 signs the message itself.
 */
function params(algorithm: AsymmetricAlgorithm, scheme: SignatureScheme): { digest: string | null; padding?: number; saltLength?: number } {
  if (algorithm === 'Ed25519') return { digest: null };
  if (algorithm === 'ECDSA-P256') return { digest: 'sha256' };
  if (algorithm === 'ECDSA-P384') return { digest: 'sha384' };
  return scheme === 'pss'
    ? { digest: 'sha256', padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
    : { digest: 'sha256', padding: constants.RSA_PKCS1_PADDING };
}

/**
 * Parsed from our own UTF-8 copy of the PEM, wiped at once. Given the string itself, node leaves a UTF-8 copy of the
 * private key in freed, uncleared malloc memory, where it outlives Lock (tests/unit/memory-after-lock.test.ts).
 */
export function privateKeyObject(pem: string): KeyObject {
  const bytes = Buffer.from(pem, 'utf8');
  try {
    return createPrivateKey({ key: bytes, format: 'pem' });
  } finally {
    bytes.fill(0);
  }
}
export const publicKeyObject = (pem: string): KeyObject => createPublicKey(pem);

export function signWith(algorithm: AsymmetricAlgorithm, key: KeyObject, data: Buffer, scheme: SignatureScheme = 'pss'): Buffer {
  const { digest, ...opts } = params(algorithm, scheme);
  return sign(digest, data, { key, ...opts });
}

export function verifyWith(algorithm: AsymmetricAlgorithm, key: KeyObject, data: Buffer, signature: Buffer, scheme: SignatureScheme = 'pss'): boolean {
  const { digest, ...opts } = params(algorithm, scheme);
  try {
    return verify(digest, data, { key, ...opts }, signature);
  } catch {
    return false; // malformed DER and the like: simply not a valid signature
  }
}
