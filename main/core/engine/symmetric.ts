import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SkmError } from '../../../shared/errors';
import { formatVersioned, parseVersioned } from './versioned-text';

/**
 * AES-256-GCM with a fresh 96-bit IV per message. Sealed bytes are iv | ciphertext | tag, and the key id and version
 * are bound as associated data: a ciphertext cannot be opened under another key, nor passed off as another version.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const AES_KEY_BYTES = 32;

export const newAesKey = (): Buffer => randomBytes(AES_KEY_BYTES);

/** One version of a symmetric key, with the associated data that binds ciphertexts to it (built once, then cached). */
export interface VersionKey {
  key: Buffer;
  version: number;
  aad: Buffer;
}
export const bindVersion = (key: Buffer, keyId: string, version: number): VersionKey => ({ key, version, aad: Buffer.from(`skm:${keyId}:v${version}`) });

export function sealWithKey({ key, aad }: VersionKey, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  const final = cipher.final();
  return Buffer.concat([iv, body, final, cipher.getAuthTag()]);
}

export function openWithKey({ key, aad }: VersionKey, sealed: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw notOurs();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw notOurs();
  }
}

const notOurs = () => new SkmError('CIPHERTEXT_INVALID', 'This ciphertext was not made by this key, or it was altered or truncated. Nothing was decrypted.');

export const encryptToText = (vk: VersionKey, plaintext: Buffer): string => formatVersioned(vk.version, sealWithKey(vk, plaintext));

/** `keyForVersion` returns undefined for a version the key does not have. */
export function decryptText(
  text: string,
  currentVersion: number,
  keyForVersion: (v: number) => VersionKey | undefined,
): { plaintext: Buffer; version: number } {
  const { version, bytes } = parseVersioned(text, 'CIPHERTEXT_INVALID', 'ciphertext');
  const v = version ?? currentVersion;
  const vk = keyForVersion(v);
  if (!vk) throw new SkmError('KEY_VERSION_NOT_FOUND', `This key has no version ${v}; the ciphertext was made by another key.`);
  return { plaintext: openWithKey(vk, bytes), version: v };
}
