/** Files an operator loads into the transfer forms: a destination's public key, and a wrapped key. */

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode with a whole file's bytes as arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A file's bytes as base64 (what keys.import's wrapped blob is). */
export async function fileBase64(file: Blob): Promise<string> {
  return base64Of(new Uint8Array(await file.arrayBuffer()));
}

/**
 * A public key file as text for the wrapping key field: PEM (or AWS's base64) as it is; a binary DER file as base64,
 * which main reads as SubjectPublicKeyInfo DER.
 */
export async function publicKeyText(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const printable = bytes.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
  return printable ? new TextDecoder().decode(bytes) : base64Of(bytes);
}

/** Larger files are not what these forms take: said before anything is read or sent. */
export const MAX_PUBLIC_KEY_FILE_BYTES = 16 * 1024;
/** keys.import takes up to 64 KiB of base64: 48 KiB of file. */
export const MAX_WRAPPED_FILE_BYTES = 48 * 1024;
