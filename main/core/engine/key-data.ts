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
  return Buffer.from(tokens.map((t) => parseInt(t.slice(2), 16)));
}

const invalid = (message: string) => new SkmError('INVALID_KEY_DATA', message, 'keyData');
