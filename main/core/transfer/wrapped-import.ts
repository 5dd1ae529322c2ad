import type { KeyType } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import { VAULT_WRAPPING_KEY_BITS, type WrappedKeyMaterial } from '../../../shared/transfer';
import { privateKeyObject } from '../engine/asymmetric';
import { trivialPattern } from '../engine/key-data';
import { AES_KEY_BYTES } from '../engine/symmetric';
import type { KeyMaterial, VaultDocument } from '../vault/document';
import { checkKeyBytes, materialOf, type WrappableAlgorithm } from './key-material';
import { rsaAesUnwrap } from './rsa-aes-wrap';

const RSA_PART = VAULT_WRAPPING_KEY_BITS / 8;

/**
 * Unwrap a blob wrapped for this vault's wrapping key (CKM_RSA_AES_KEY_WRAP, RSA-OAEP with SHA-256). Refusals name
 * the field and the wrapping key's fingerprint, never a byte of the blob. The caller wipes the returned bytes.
 */
function unwrap(doc: Readonly<VaultDocument>, wrapped: WrappedKeyMaterial, field: string): Buffer {
  const record = doc.wrappingKey;
  if (!record) {
    throw new SkmError(
      'WRAPPED_KEY_MISMATCH',
      'This vault has no wrapping key yet, so nothing can have been wrapped for it. Show the vault’s wrapping key (Import Key, Wrapped key material), wrap the key for it, and import again.',
      field,
    );
  }
  const blob = Buffer.from(wrapped.blob, 'base64');
  const result = rsaAesUnwrap(privateKeyObject(record.privateKeyPem), blob, 'sha256');
  if (result.ok) return result.key;
  switch (result.why) {
    case 'too-short':
      throw new SkmError(
        'WRAPPED_KEY_INVALID',
        `The wrapped key file is ${blob.length} bytes: too short. A key wrapped for this vault’s RSA-4096 wrapping key is ${RSA_PART} bytes of RSA-OAEP followed by at least 16 bytes of AES key wrap; the file was cut short, or is not a wrapped key.`,
        field,
      );
    case 'not-for-this-key':
      throw new SkmError(
        'WRAPPED_KEY_MISMATCH',
        `The key was not wrapped for this vault’s wrapping key (fingerprint ${record.fingerprint}), or not with RSA-OAEP SHA-256. Wrap it again for the wrapping key shown under Import Key, Wrapped key material.`,
        field,
      );
    case 'damaged':
      throw new SkmError(
        'WRAPPED_KEY_INVALID',
        'The wrapped key file is truncated or damaged: its AES key wrap (RFC 5649) failed its integrity check. Copy the file again from where it was made.',
        field,
      );
  }
}

/**
 * An AES key that is no secret at all (all zero bytes, a short pattern repeated) is refused as it is when typed as
 * Key Data: wrapping does not make a placeholder key safe. The words say what is wrong, never which bytes.
 */
function refuseTrivial(wrapped: WrappedKeyMaterial, bytes: Buffer, field: string): void {
  if (wrapped.algorithm !== 'AES-256-GCM' || bytes.length !== AES_KEY_BYTES) return;
  const weakness = trivialPattern(bytes);
  if (weakness) throw new SkmError('INVALID_KEY_DATA', weakness, field);
}

type WrappedKeyType = Extract<KeyType, 'symmetric' | 'asymmetric'>;
const typeOf = (algorithm: WrappableAlgorithm): WrappedKeyType => (algorithm === 'AES-256-GCM' ? 'symmetric' : 'asymmetric');

/** Import Key, Wrapped key material: the new key's type, algorithm and material (the unwrapped bytes are wiped). */
export function wrappedKeyMaterial(
  doc: Readonly<VaultDocument>,
  wrapped: WrappedKeyMaterial,
): { type: KeyType; algorithm: WrappableAlgorithm; material: KeyMaterial } {
  const bytes = unwrap(doc, wrapped, 'wrapped.blob');
  try {
    refuseTrivial(wrapped, bytes, 'wrapped.blob');
    return { type: typeOf(wrapped.algorithm), algorithm: wrapped.algorithm, material: materialOf(wrapped.algorithm, bytes) };
  } finally {
    bytes.fill(0);
  }
}

/**
 * Staging checks what the import will do at approval, keeping nothing of the key (`prefix` goes before the form's field
 * names as staging reports them: "input." makes "input.wrapped.blob").
 */
export function checkWrappedKey(doc: Readonly<VaultDocument>, wrapped: WrappedKeyMaterial, prefix: string): WrappedKeyType {
  const bytes = unwrap(doc, wrapped, `${prefix}wrapped.blob`);
  try {
    try {
      checkKeyBytes(wrapped.algorithm, bytes);
    } catch (err) {
      if (err instanceof SkmError) throw new SkmError(err.code, err.message, `${prefix}wrapped.algorithm`);
      throw err;
    }
    refuseTrivial(wrapped, bytes, `${prefix}wrapped.blob`);
  } finally {
    bytes.fill(0);
  }
  return typeOf(wrapped.algorithm);
}
