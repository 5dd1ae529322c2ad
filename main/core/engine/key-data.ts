import { SkmError } from '../../../shared/errors';
import { AES_KEY_BYTES } from './symmetric';

/**
 * Key Data for Import Key: exactly 32 bytes written as 0xXX, separated by commas and/or white space
 * (`0x0a, 0x1B 0xff,...`). Errors say what is wrong and where, never the key bytes themselves.
 */
const BYTE = /^0[xX][0-9a-fA-F]{2}$/;

export function parseKeyData(text: string): Buffer {
  const tokens = text.split(/[\s,]+/).filter((t) => t.length > 0);
  if (tokens.length === 0) throw invalid(`Enter the key as ${AES_KEY_BYTES} bytes written as 0xXX, separated by commas or spaces.`);
  const bad = tokens.findIndex((t) => !BYTE.test(t));
  if (bad >= 0) throw invalid(`Byte ${bad + 1} is not written as 0x followed by two hexadecimal digits (for example 0x1f).`);
  if (tokens.length !== AES_KEY_BYTES) {
    throw invalid(`An AES-256 key is exactly ${AES_KEY_BYTES} bytes; ${tokens.length} ${tokens.length === 1 ? 'byte was' : 'bytes were'} found.`);
  }
  const key = Buffer.from(tokens.map((t) => parseInt(t.slice(2), 16)));
  const weakness = trivialPattern(key);
  if (weakness) {
    key.fill(0);
    throw invalid(weakness);
  }
  return key;
}

/**
 * Keys that are no secret at all: all zero bytes (an empty or placeholder export) or a short pattern repeated, such
 * as one byte 32 times. A random key looks like this with odds around 2^-224, so refusing them costs real keys
 * nothing. The message says what is wrong, never which bytes. Also asked of AES keys imported as Wrapped key material.
 */
export function trivialPattern(key: Buffer): string | null {
  const next = 'Import the key exactly as your HSM or KMS exported it, or use Add Key to generate a new one.';
  if (key.every((b) => b === 0)) return `The key is all zero bytes, which any attacker would try first. ${next}`;
  if (key.every((b) => b === key[0])) return `All ${AES_KEY_BYTES} bytes of the key are the same value, which any attacker would try first. ${next}`;
  for (const period of [2, 3, 4]) {
    if (key.every((b, i) => b === key[i % period])) return `The key is the same ${period} bytes repeated, which any attacker would try first. ${next}`;
  }
  return null;
}

const invalid = (message: string) => new SkmError('INVALID_KEY_DATA', message, 'keyData');
