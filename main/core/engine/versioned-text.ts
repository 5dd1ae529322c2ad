import { SkmError, type ErrorCode } from '../../../shared/errors';

/**
 * Ciphertexts and signatures name the key version that made them, in the spirit of Vault's `vault:v1:...`:
 * `skm:v<version>:<base64>`. A bare base64 value (from another tool) means "the current version".
 */
const PATTERN = /^skm:v([1-9]\d{0,5}):([A-Za-z0-9+/]+={0,2})$/;

export const formatVersioned = (version: number, bytes: Buffer): string => `skm:v${version}:${bytes.toString('base64')}`;

export function parseVersioned(text: string, code: ErrorCode, what: string): { version: number | null; bytes: Buffer } {
  const value = text.trim();
  const match = PATTERN.exec(value);
  if (match) return { version: Number(match[1]), bytes: Buffer.from(match[2]!, 'base64') };
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0) return { version: null, bytes: Buffer.from(value, 'base64') };
  throw new SkmError(code, `This ${what} is not in the expected form (skm:v<version>:<base64>). Check that it was copied whole.`);
}
