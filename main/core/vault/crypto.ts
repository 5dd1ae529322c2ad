import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/** AES-256-GCM box as stored on disk (base64 fields). */
export const SealedBox = z.object({
  iv: z.string().regex(/^[A-Za-z0-9+/=]+$/),
  ciphertext: z.string().regex(/^[A-Za-z0-9+/=]*$/),
  tag: z.string().regex(/^[A-Za-z0-9+/=]+$/),
});
export type SealedBox = z.infer<typeof SealedBox>;

export class IntegrityError extends Error {
  constructor() {
    super('authentication tag mismatch');
    this.name = 'IntegrityError';
  }
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): SealedBox {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

export function open(key: Buffer, box: SealedBox, aad: Buffer): Buffer {
  const iv = Buffer.from(box.iv, 'base64');
  const tag = Buffer.from(box.tag, 'base64');
  if (iv.length !== 12 || tag.length !== 16) throw new IntegrityError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    // GCM's final() yields no bytes; returning update()'s Buffer as it is avoids an unwiped copy of the plaintext
    // (for a keyslot, the data key) that Buffer.concat would leave behind.
    const plaintext = decipher.update(Buffer.from(box.ciphertext, 'base64'));
    try {
      decipher.final();
    } catch (err) {
      plaintext.fill(0);
      throw err;
    }
    return plaintext;
  } catch {
    throw new IntegrityError();
  }
}

/**
 * scrypt parameters live in each keyslot so they can be raised later without breaking old vaults.
 * N=2^17, r=8 costs 128 MiB and roughly half a second here: slow for a guesser, tolerable at unlock.
 */
export const KdfParams = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(1024)
    .max(2 ** 22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().regex(/^[A-Za-z0-9+/=]+$/),
});
export type KdfParams = z.infer<typeof KdfParams>;

export const DEFAULT_KDF = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 } as const;

export function newKdfParams(base: Omit<KdfParams, 'salt'> = DEFAULT_KDF): KdfParams {
  return { ...base, salt: randomBytes(16).toString('base64') };
}

/** Async (libuv thread pool): main's event loop keeps serving while the key is derived. */
export function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 32 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    // A Buffer we can wipe, rather than a string that scrypt would copy into memory we cannot reach.
    const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
    scryptCb(secret, Buffer.from(params.salt, 'base64'), 32, options, (err, key) => {
      secret.fill(0);
      if (err) reject(err);
      else resolve(key);
    });
  });
}
