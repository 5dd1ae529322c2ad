import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * AES Key Wrap with Padding (RFC 5649) through OpenSSL's own implementation (node's `id-aes<N>-wrap-pad` ciphers),
 * with the RFC's alternative initial value A65959A6 (the 32-bit MLI that follows is OpenSSL's to fill in). Checked
 * against the RFC's published examples in tests/unit/transfer-kwp.test.ts, and against the openssl command line.
 */
const RFC5649_AIV = Buffer.from('A65959A6', 'hex');

const cipherFor = (kek: Buffer): string => {
  if (kek.length !== 16 && kek.length !== 24 && kek.length !== 32) throw new RangeError('a key-encryption key is 16, 24 or 32 bytes');
  return `id-aes${kek.length * 8}-wrap-pad`;
};

/** Wrap `data` (1 byte or more) under `kek`; the result is the data's length rounded up to 8 bytes, plus 8. */
export function wrapKwp(kek: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv(cipherFor(kek), kek, RFC5649_AIV);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** Unwrap, or null when the integrity check fails (wrong key, damaged or truncated input). The caller wipes the result. */
export function unwrapKwp(kek: Buffer, wrapped: Buffer): Buffer | null {
  // A wrap is whole 8-byte blocks, at least two of them: anything else was cut or padded on the way.
  if (wrapped.length < 16 || wrapped.length % 8 !== 0) return null;
  try {
    const decipher = createDecipheriv(cipherFor(kek), kek, RFC5649_AIV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    // OpenSSL refuses a failed check inside update(); its words ("unsupported state") say nothing useful here.
    return null;
  }
}
