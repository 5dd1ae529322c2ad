import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { KdfParams, SealedBox } from './crypto';

/**
 * vault.json on disk: a readable header (format, version, keyslots) and the encrypted lowdb document.
 * Nothing a user typed is in the header: a keyslot is found by an HMAC of the username, not the username.
 */
export const VAULT_FORMAT = 'skm-vault';
export const VAULT_FILE_VERSION = 1;

export const Keyslot = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  kdf: KdfParams,
  wrappedKey: SealedBox,
});
export type Keyslot = z.infer<typeof Keyslot>;

export const VaultHeader = z.object({
  format: z.literal(VAULT_FORMAT),
  version: z.literal(VAULT_FILE_VERSION),
  lookupSalt: z.string().regex(/^[A-Za-z0-9+/=]+$/),
  keyslots: z.array(Keyslot).min(1),
});
export type VaultHeader = z.infer<typeof VaultHeader>;

export const VaultFile = VaultHeader.extend({ payload: SealedBox });
export type VaultFile = z.infer<typeof VaultFile>;

export class VaultFileError extends Error {
  constructor(readonly reason: 'not-json' | 'not-a-vault') {
    super(reason);
    this.name = 'VaultFileError';
  }
}

export function parseVaultFile(bytes: Buffer): VaultFile {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new VaultFileError('not-json');
  }
  const parsed = VaultFile.safeParse(json);
  if (!parsed.success) throw new VaultFileError('not-a-vault');
  return parsed.data;
}

export function keyslotId(lookupSalt: string, username: string): string {
  return createHmac('sha256', Buffer.from(lookupSalt, 'base64'))
    .update(username.normalize('NFC').toLowerCase())
    .digest('hex')
    .slice(0, 32);
}

/** Associated data binds each box to its role, so a keyslot cannot be swapped in as the payload or vice versa. */
export const payloadAad = (): Buffer => Buffer.from(`${VAULT_FORMAT}/${VAULT_FILE_VERSION}/payload`);
export const keyslotAad = (slotId: string): Buffer => Buffer.from(`${VAULT_FORMAT}/${VAULT_FILE_VERSION}/keyslot/${slotId}`);
