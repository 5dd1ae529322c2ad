import { constants, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import { unwrapKwp, wrapKwp } from './kwp';

/** The OAEP hash (and MGF1 hash) of a CKM_RSA_AES_KEY_WRAP blob: SHA-256 everywhere but Azure's BYOK, which uses SHA-1. */
export type OaepHash = 'sha256' | 'sha1';

const EPHEMERAL_KEY_BYTES = 32;

/** RSA-OAEP with `hash` for both OAEP and MGF1 (node uses one for both), and the empty label. */
const oaep = (key: KeyObject, hash: OaepHash) => ({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash });

const modulusBytes = (key: KeyObject): number => Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);

/**
 * PKCS#11 CKM_RSA_AES_KEY_WRAP: a fresh AES-256 key wraps `target` with AES Key Wrap with Padding, and is itself
 * wrapped with `publicKey` by RSA-OAEP; the two are concatenated (the RSA part first, as long as the modulus). The
 * ephemeral key is wiped before returning; `target` stays the caller's to wipe.
 */
export function rsaAesWrap(publicKey: KeyObject, target: Buffer, hash: OaepHash): Buffer {
  const ephemeral = randomBytes(EPHEMERAL_KEY_BYTES);
  try {
    return Buffer.concat([publicEncrypt(oaep(publicKey, hash), ephemeral), wrapKwp(ephemeral, target)]);
  } finally {
    ephemeral.fill(0);
  }
}

/** Why an unwrap failed, for the caller to say in words (never with any byte of the blob). */
export type UnwrapFailure = 'too-short' | 'not-for-this-key' | 'damaged';

/** The inverse: the target key's bytes (the caller wipes them), or why not. */
export function rsaAesUnwrap(privateKey: KeyObject, blob: Buffer, hash: OaepHash): { ok: true; key: Buffer } | { ok: false; why: UnwrapFailure } {
  const rsaBytes = modulusBytes(privateKey);
  // The RSA part, then at least two 8-byte blocks of AES key wrap.
  if (blob.length < rsaBytes + 16) return { ok: false, why: 'too-short' };
  let ephemeral: Buffer;
  try {
    ephemeral = privateDecrypt(oaep(privateKey, hash), blob.subarray(0, rsaBytes));
  } catch {
    return { ok: false, why: 'not-for-this-key' };
  }
  try {
    if (ephemeral.length !== EPHEMERAL_KEY_BYTES) return { ok: false, why: 'not-for-this-key' };
    const key = unwrapKwp(ephemeral, blob.subarray(rsaBytes));
    return key ? { ok: true, key } : { ok: false, why: 'damaged' };
  } finally {
    ephemeral.fill(0);
  }
}
