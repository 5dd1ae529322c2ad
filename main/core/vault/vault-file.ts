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
 * generation, header not bound) are still read once and rewritten.
 *
 * Version 3 (issue 9, members) gives each member an X25519 key pair: the private half is sealed by the key derived
 * from that member's passphrase, and the data key is sealed to the public half. So a new data key can be handed to
 * every member without anyone's passphrase (removing a member re-keys the vault). A version 1 or 2 keyslot (the data
 * key wrapped by the passphrase-derived key) is read, and becomes a version 3 keyslot when its member next unlocks.
 */
export const VAULT_FORMAT = 'skm-vault';
export const VAULT_FILE_VERSION = 3;

const Base64 = z.string().regex(/^[A-Za-z0-9+/=]+$/);

/** Version 1 and 2 keyslot: the data key wrapped by the key derived from the passphrase. */
export const LegacyKeyslot = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  kdf: KdfParams,
  wrappedKey: SealedBox,
});
export type LegacyKeyslot = z.infer<typeof LegacyKeyslot>;

/** Version 3 keyslot: a member's X25519 key pair, and the data key sealed to its public half. */
export const MemberKeyslot = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  kdf: KdfParams,
  /** Raw X25519 public key (32 bytes). */
  publicKey: Base64,
  /** The private key (PKCS#8 DER), AES-256-GCM under the key derived (kdf) from the member's passphrase. */
  privateKey: SealedBox,
  /** The data key, sealed to publicKey: ephemeral X25519 + HKDF-SHA256 -> AES-256-GCM. */
  dataKey: z.object({ ephemeralPublicKey: Base64, box: SealedBox }),
});
export type MemberKeyslot = z.infer<typeof MemberKeyslot>;

export const Keyslot = z.union([MemberKeyslot, LegacyKeyslot]);
export type Keyslot = z.infer<typeof Keyslot>;
export const isMemberKeyslot = (slot: Keyslot): slot is MemberKeyslot => 'publicKey' in slot;

const HeaderV1 = z.object({
  format: z.literal(VAULT_FORMAT),
  version: z.literal(1),
  lookupSalt: Base64,
  keyslots: z.array(LegacyKeyslot).min(1),
});

const HeaderV2 = HeaderV1.extend({
  version: z.literal(2),
  /** Random, fixed for the life of the vault: tells this vault's generations from another vault's. */
  vaultId: z.string().regex(/^[0-9a-f]{32}$/),
  /** Goes up by one at every write; a file with a lower number than the last one seen here is an older copy. */
  generation: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const VaultHeader = HeaderV2.extend({
  version: z.literal(VAULT_FILE_VERSION),
  keyslots: z.array(Keyslot).min(1),
});
export type VaultHeader = z.infer<typeof VaultHeader>;

const VaultFileV1 = HeaderV1.extend({ payload: SealedBox });
const VaultFileV2 = HeaderV2.extend({ payload: SealedBox });
export const VaultFile = VaultHeader.extend({ payload: SealedBox });
export type VaultFile = z.infer<typeof VaultFile>;
/** A file of an earlier version: read, and rewritten as the current version at its first write. */
export type LegacyVaultFile = z.infer<typeof VaultFileV1> | z.infer<typeof VaultFileV2>;
export type AnyVaultHeader = VaultHeader | z.infer<typeof HeaderV1> | z.infer<typeof HeaderV2>;

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
  const parsed = z.union([VaultFile, VaultFileV2, VaultFileV1]).safeParse(json);
  if (!parsed.success) throw new VaultFileError('not-a-vault');
  return parsed.data;
}

export const isLegacy = (file: VaultFile | LegacyVaultFile): file is LegacyVaultFile => file.version !== VAULT_FILE_VERSION;

export function keyslotId(lookupSalt: string, username: string): string {
  return createHmac('sha256', Buffer.from(lookupSalt, 'base64')).update(username.normalize('NFC').toLowerCase()).digest('hex').slice(0, 32);
}

/**
 * Associated data binds each box to its role, so a keyslot cannot be swapped in as the payload or vice versa.
 * The payload's also binds every header field, in a fixed order (not JSON key order, which a rewrite may change).
 */
export function payloadAad(header: AnyVaultHeader): Buffer {
  if (header.version === 1) return Buffer.from(`${VAULT_FORMAT}/1/payload`);
  const slotFields = (s: Keyslot) => {
    const kdf = [s.kdf.name, s.kdf.N, s.kdf.r, s.kdf.p, s.kdf.salt];
    if (!isMemberKeyslot(s)) return [s.id, ...kdf, s.wrappedKey.iv, s.wrappedKey.ciphertext, s.wrappedKey.tag];
    const { privateKey: k, dataKey: d } = s;
    return [s.id, 'x25519', ...kdf, s.publicKey, k.iv, k.ciphertext, k.tag, d.ephemeralPublicKey, d.box.iv, d.box.ciphertext, d.box.tag];
  };
  const fields = [header.format, header.version, header.vaultId, header.generation, header.lookupSalt, header.keyslots.map(slotFields)];
  const digest = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  return Buffer.from(`${VAULT_FORMAT}/${header.version}/payload/${digest}`);
}
// The legacy keyslot box is the same in versions 1 and 2; its label keeps version 1 so existing slots still open.
export const keyslotAad = (slotId: string): Buffer => Buffer.from(`${VAULT_FORMAT}/1/keyslot/${slotId}`);
/** A member's sealed private key belongs to one slot of one vault, and to its public key. */
export const privateKeyAad = (slotId: string, vaultId: string, publicKey: string): Buffer =>
  Buffer.from(`${VAULT_FORMAT}/3/private-key/${slotId}/${vaultId}/${publicKey}`);
/** The data key sealed to a member: bound to the slot and the vault (also the HKDF info). */
export const dataKeyAad = (slotId: string, vaultId: string): Buffer => Buffer.from(`${VAULT_FORMAT}/3/data-key/${slotId}/${vaultId}`);
