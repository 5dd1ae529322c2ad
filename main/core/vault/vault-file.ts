import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { KdfParams, SealedBox } from './crypto';

/**
 * vault.json on disk: a readable header (format, version, vault id, generation, keyslots) and the encrypted lowdb
 * document. Nothing a user typed is in the header: a keyslot is found by an HMAC of the username, not the username.
 *
 * Version 2 authenticates the header together with the payload (the header's digest is the payload's associated
 * data) and counts generations, so an older file, or an old payload under a newer header, cannot pass for the current
 * vault: the first fails the rollback check at unlock, the second fails its integrity check. Version 1 files (no
 * generation, header not bound) are still read once and rewritten as version 2.
 */
export const VAULT_FORMAT = 'skm-vault';
export const VAULT_FILE_VERSION = 2;

export const Keyslot = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  kdf: KdfParams,
  wrappedKey: SealedBox,
});
export type Keyslot = z.infer<typeof Keyslot>;

const HeaderV1 = z.object({
  format: z.literal(VAULT_FORMAT),
  version: z.literal(1),
  lookupSalt: z.string().regex(/^[A-Za-z0-9+/=]+$/),
  keyslots: z.array(Keyslot).min(1),
});

export const VaultHeader = HeaderV1.extend({
  version: z.literal(VAULT_FILE_VERSION),
  /** Random, fixed for the life of the vault: tells this vault's generations from another vault's. */
  vaultId: z.string().regex(/^[0-9a-f]{32}$/),
  /** Goes up by one at every write; a file with a lower number than the last one seen here is an older copy. */
  generation: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type VaultHeader = z.infer<typeof VaultHeader>;

const VaultFileV1 = HeaderV1.extend({ payload: SealedBox });
export const VaultFile = VaultHeader.extend({ payload: SealedBox });
export type VaultFile = z.infer<typeof VaultFile>;
export type LegacyVaultFile = z.infer<typeof VaultFileV1>;

export class VaultFileError extends Error {
  constructor(readonly reason: 'not-json' | 'not-a-vault') {
    super(reason);
    this.name = 'VaultFileError';
  }
}

export function parseVaultFile(bytes: Buffer): VaultFile | LegacyVaultFile {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new VaultFileError('not-json');
  }
  const parsed = z.union([VaultFile, VaultFileV1]).safeParse(json);
  if (!parsed.success) throw new VaultFileError('not-a-vault');
  return parsed.data;
}

export const isLegacy = (file: VaultFile | LegacyVaultFile): file is LegacyVaultFile => file.version === 1;

export function keyslotId(lookupSalt: string, username: string): string {
  return createHmac('sha256', Buffer.from(lookupSalt, 'base64')).update(username.normalize('NFC').toLowerCase()).digest('hex').slice(0, 32);
}

/**
 * Associated data binds each box to its role, so a keyslot cannot be swapped in as the payload or vice versa.
 * The payload's also binds every header field, in a fixed order (not JSON key order, which a rewrite may change).
 */
export function payloadAad(header: VaultHeader | LegacyVaultFile): Buffer {
  if (header.version === 1) return Buffer.from(`${VAULT_FORMAT}/1/payload`);
  const fields = [
    header.format,
    header.version,
    header.vaultId,
    header.generation,
    header.lookupSalt,
    header.keyslots.map((s) => [s.id, s.kdf.name, s.kdf.N, s.kdf.r, s.kdf.p, s.kdf.salt, s.wrappedKey.iv, s.wrappedKey.ciphertext, s.wrappedKey.tag]),
  ];
  const digest = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  return Buffer.from(`${VAULT_FORMAT}/${header.version}/payload/${digest}`);
}
// The keyslot box is the same in both versions; its label keeps version 1 so existing slots still open.
export const keyslotAad = (slotId: string): Buffer => Buffer.from(`${VAULT_FORMAT}/1/keyslot/${slotId}`);
