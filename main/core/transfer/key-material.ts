import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { KeyAlgorithm } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import { AES_KEY_BYTES } from '../engine/symmetric';
import { privateKeyObject } from '../engine/asymmetric';
import type { KeyService } from '../keys/key-service';
import type { KeyMaterial } from '../vault/document';

/**
 * Key material as every destination takes it: an AES-256 key as its raw 32 bytes; RSA, EC and Ed25519 private keys
 * as PKCS#8 (RFC 5208) DER. Buffers returned here are the caller's to wipe.
 */
export type WrappableAlgorithm = Exclude<KeyAlgorithm, 'none'>;

/** The bytes of one version of a key, through KeyService's own export checks (Allow export, In Service, the version). */
export function exportKeyBytes(keys: KeyService, keyId: string, algorithm: WrappableAlgorithm, version?: number): { bytes: Buffer; version: number } {
  if (algorithm === 'AES-256-GCM') {
    const { key, version: v } = keys.exportSymmetric(keyId, version);
    return { bytes: key, version: v };
  }
  const { pem, version: v } = keys.exportPrivateKey(keyId, version);
  return { bytes: privateKeyObject(pem).export({ type: 'pkcs8', format: 'der' }), version: v };
}

const CURVES: Partial<Record<WrappableAlgorithm, string>> = { 'ECDSA-P256': 'prime256v1', 'ECDSA-P384': 'secp384r1' };

const LABELS: Record<WrappableAlgorithm, string> = {
  'AES-256-GCM': 'an AES-256 key',
  'RSA-2048': 'an RSA 2048 key',
  'RSA-3072': 'an RSA 3072 key',
  'RSA-4096': 'an RSA 4096 key',
  'ECDSA-P256': 'an ECDSA P-256 key',
  'ECDSA-P384': 'an ECDSA P-384 key',
  Ed25519: 'an Ed25519 key',
};

function matches(algorithm: WrappableAlgorithm, key: KeyObject): boolean {
  const details = key.asymmetricKeyDetails ?? {};
  if (algorithm === 'Ed25519') return key.asymmetricKeyType === 'ed25519';
  if (algorithm.startsWith('RSA-')) return key.asymmetricKeyType === 'rsa' && details.modulusLength === Number(algorithm.slice(4));
  return key.asymmetricKeyType === 'ec' && details.namedCurve === CURVES[algorithm];
}

/** The app's algorithm for a PKCS#8 key, if it holds such keys at all (not RSA 1024, P-521, Ed448...). */
const algorithmOf = (key: KeyObject): WrappableAlgorithm | undefined =>
  (Object.keys(LABELS) as WrappableAlgorithm[]).find((a) => a !== 'AES-256-GCM' && matches(a, key));

/** What a PKCS#8 key is, in words ("an RSA 3072 key", "an EC key on secp521r1"). */
function describe(key: KeyObject): string {
  const known = algorithmOf(key);
  if (known) return LABELS[known];
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa') return `an RSA ${details.modulusLength} key`;
  if (key.asymmetricKeyType === 'ec') return `an EC key on ${details.namedCurve}`;
  return `a ${String(key.asymmetricKeyType).toUpperCase()} key`;
}

/** What to choose instead, or that the app holds no such key. */
function hint(key: KeyObject): string {
  const known = algorithmOf(key);
  return known
    ? `Choose ${known} as the algorithm, or wrap the right key.`
    : 'This app holds RSA 2048, 3072 and 4096, ECDSA P-256 and P-384, and Ed25519 keys: wrap one of those.';
}

const mismatch = (message: string) => new SkmError('INVALID_KEY_DATA', message, 'wrapped.algorithm');

/**
 * Check that unwrapped bytes are the key they were declared to be, and return its private key (null for AES). The
 * words name what was found, never any byte of it.
 */
function checked(algorithm: WrappableAlgorithm, bytes: Buffer): KeyObject | null {
  const asPkcs8 = (): KeyObject | null => {
    try {
      return createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' });
    } catch {
      return null;
    }
  };
  if (algorithm === 'AES-256-GCM') {
    if (bytes.length === AES_KEY_BYTES) return null;
    const pkcs8 = asPkcs8();
    throw mismatch(
      pkcs8
        ? `The wrapped key is ${describe(pkcs8)} in PKCS#8, not an AES-256 key. ${hint(pkcs8)}`
        : `An AES-256 key is exactly ${AES_KEY_BYTES} bytes; the wrapped key is ${bytes.length} ${bytes.length === 1 ? 'byte' : 'bytes'}. Wrap the raw key bytes, not an encoding of them.`,
    );
  }
  const key = asPkcs8();
  if (!key) {
    throw mismatch(
      bytes.length === AES_KEY_BYTES
        ? `The wrapped key is ${AES_KEY_BYTES} raw bytes (an AES-256 key?), not ${LABELS[algorithm]} in PKCS#8 DER. Choose AES-256-GCM as the algorithm, or wrap the right key.`
        : `The wrapped key is not a PKCS#8 DER private key. Wrap ${LABELS[algorithm]} as PKCS#8 DER (openssl pkcs8 -topk8 -nocrypt -outform DER).`,
    );
  }
  if (!matches(algorithm, key)) throw mismatch(`The wrapped key is ${describe(key)}, not ${LABELS[algorithm]}. ${hint(key)}`);
  return key;
}

/** Only check (staging a wrapped import): nothing of the key is kept. */
export function checkKeyBytes(algorithm: WrappableAlgorithm, bytes: Buffer): void {
  checked(algorithm, bytes);
}

/** The vault's form of checked key bytes: base64 for AES, PKCS#8 and SPKI PEM for a key pair. */
export function materialOf(algorithm: WrappableAlgorithm, bytes: Buffer): KeyMaterial {
  const key = checked(algorithm, bytes);
  if (!key) return { kind: 'aes', key: bytes.toString('base64') };
  return {
    kind: 'keypair',
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKeyPem: createPublicKey(key).export({ type: 'spki', format: 'pem' }) as string,
  };
}
