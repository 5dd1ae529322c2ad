import { z } from 'zod';
import { SkmError } from '../../../shared/errors';

/**
 * The backup file (issue 11): one JSON document, versioned. A file is a boundary, so every field is parsed before use.
 *
 *   { format: 'skm-backup', version: 1, backupId, createdAt,
 *     protection: { kind: 'passphrase', kdf: { name: 'scrypt', N, r, p, salt } } | { kind: 'shares', threshold, count },
 *     payload: { iv, ciphertext, tag } }
 *
 * The payload is AES-256-GCM; its associated data is every header field in a fixed order (headerAad), so a changed
 * header (createdAt, threshold, KDF cost...) fails the integrity check like a changed ciphertext does.
 */
export const BACKUP_FORMAT = 'skm-backup';
export const BACKUP_VERSION = 1;

/** Any M of N shares restore the key: 2 ≤ M ≤ N ≤ 10 (a ceremony, not a crowd). */
export const MIN_SHARES = 2;
export const MAX_SHARES = 10;

/**
 * Production cost for the backup passphrase: 128 MiB and about half a second, as for a vault keyslot. The file is
 * offline material an attacker may hold for years, so the cost is never lowered outside tests.
 */
export const BACKUP_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
/**
 * What a file may ask of us at restore: a hostile file must not make the app allocate gigabytes (scrypt needs
 * 128·N·r bytes). The floor is the tests' cost.
 */
const MAX_KDF_MEMORY = 1024 * 1024 * 1024;

const base64 = (bytes?: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/)
    .refine((s) => s.length % 4 === 0 && (bytes === undefined || Buffer.from(s, 'base64').length === bytes));

export const BackupKdf = z
  .strictObject({
    name: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 10)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, 'N is a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: base64(16),
  })
  .refine((k) => 128 * k.N * k.r <= MAX_KDF_MEMORY, 'the cost needs more memory than a backup may ask for');
export type BackupKdf = z.infer<typeof BackupKdf>;

const shareCount = z.number().int().min(MIN_SHARES).max(MAX_SHARES);

export const Protection = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('passphrase'), kdf: BackupKdf }),
  z.strictObject({ kind: z.literal('shares'), threshold: shareCount, count: shareCount }).refine((s) => s.threshold <= s.count, {
    message: 'threshold is more than count',
    path: ['threshold'],
  }),
]);
export type Protection = z.infer<typeof Protection>;

const header = {
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  backupId: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.iso.datetime(),
  protection: Protection,
};
export const BackupHeader = z.strictObject(header);
export type BackupHeader = z.infer<typeof BackupHeader>;

export const EncryptedPayload = z.strictObject({ iv: base64(12), ciphertext: base64(), tag: base64(16) });
export type EncryptedPayload = z.infer<typeof EncryptedPayload>;

export const BackupFile = z.strictObject({ ...header, payload: EncryptedPayload });
export type BackupFile = z.infer<typeof BackupFile>;

/** Associated data of the payload: every header field, in this order (never JSON key order, which an editor may change). */
export function headerAad(h: BackupHeader): Buffer {
  const p = h.protection;
  const protection = p.kind === 'passphrase' ? [p.kind, p.kdf.name, p.kdf.N, p.kdf.r, p.kdf.p, p.kdf.salt] : [p.kind, p.threshold, p.count];
  return Buffer.from(JSON.stringify([`${BACKUP_FORMAT}/${h.version}/payload`, h.format, h.version, h.backupId, h.createdAt, ...protection]), 'utf8');
}

// ---- the files a backup holds ----

/**
 * The files that make up a vault: vault.json, settings.json and the audit trail (`audit.*`, opaque bytes here).
 * Never vault.json.bak (a previous generation, possibly holding deleted keys), vault.state.json (what this computer
 * remembers: failed-unlock count, newest generation seen), lock files or temp files.
 */
export const VAULT_FILE = 'vault.json';
export const SETTINGS_FILE = 'settings.json';
const AUDIT_FILE = /^audit\.[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Leftovers of writes and locks that may sit beside the audit trail: never part of a backup. */
const TRANSIENT = /\.(?:tmp|lock|bak)$|\.(?:lock|claim)\./;

export const isBackedUpFile = (name: string): boolean =>
  name === VAULT_FILE || name === SETTINGS_FILE || (AUDIT_FILE.test(name) && !TRANSIENT.test(name) && !name.includes('..'));

/** At most this many files (the audit trail may be split over several), so a hostile file cannot make us write thousands. */
export const MAX_FILES = 1000;

/** The payload's plaintext: each file's bytes, base64, by name. */
export const BackupContents = z.strictObject({
  files: z
    .record(z.string().refine(isBackedUpFile), base64())
    .refine((files) => Object.hasOwn(files, VAULT_FILE), 'vault.json is missing')
    .refine((files) => Object.keys(files).length <= MAX_FILES, 'too many files'),
});
export type BackupContents = z.infer<typeof BackupContents>;

// ---- reading and writing the file ----

const NOT_A_BACKUP = 'This file is not a Secure Key Manager backup. Choose the file that Export backup wrote (it was not changed).';
const A_VAULT_FILE =
  'This is a vault file (vault.json), not a backup. Choose the file that Export backup wrote; to use a vault file, copy it into an empty data folder instead.';
const NEWER = 'This backup was written by a newer version of Secure Key Manager Desktop. Update the app to restore it; nothing was changed.';
const damaged = (what: string): string =>
  `The backup file is damaged or incomplete (${what}), so nothing was restored. Use another copy of the backup: the file has to be exactly as Export backup wrote it.`;

/**
 * Parses a backup file's bytes. Throws VAULT_UNREADABLE for a file that is not a backup (or one from a newer
 * version) and VAULT_DAMAGED for a backup whose structure is broken (truncated, a field missing or out of range).
 * A field whose value is well formed but was changed is found later, by the payload's integrity check.
 */
export function parseBackupFile(bytes: Buffer): BackupFile {
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A backup cut short (a copy that stopped, a full disk) still starts like one: say so rather than "not a backup".
    if (/^\s*\{\s*"format"\s*:\s*"skm-backup"/.test(text)) throw new SkmError('VAULT_DAMAGED', damaged('it ends too early or is not valid JSON'));
    throw new SkmError('VAULT_UNREADABLE', NOT_A_BACKUP);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new SkmError('VAULT_UNREADABLE', NOT_A_BACKUP);
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format === 'skm-vault') throw new SkmError('VAULT_UNREADABLE', A_VAULT_FILE);
  if (format !== BACKUP_FORMAT) throw new SkmError('VAULT_UNREADABLE', NOT_A_BACKUP);
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) throw new SkmError('VAULT_UNREADABLE', NEWER);
  const parsed = BackupFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `its field ${issue.path.map(String).join('.')} is not valid` : 'its fields are not valid';
    throw new SkmError('VAULT_DAMAGED', damaged(where));
  }
  return parsed.data;
}

/** The file as written: fields in the documented order, one per line at the top level so a person can read the header. */
export function serializeBackupFile(file: BackupFile): Buffer {
  const ordered: BackupFile = {
    format: file.format,
    version: file.version,
    backupId: file.backupId,
    createdAt: file.createdAt,
    protection: file.protection,
    payload: { iv: file.payload.iv, ciphertext: file.payload.ciphertext, tag: file.payload.tag },
  };
  return Buffer.from(`${JSON.stringify(ordered, null, 2)}\n`, 'utf8');
}
