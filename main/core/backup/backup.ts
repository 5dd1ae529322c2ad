import { hkdfSync, randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Passphrase } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import { IntegrityError, deriveKey, open, seal } from '../vault/crypto';
import { nodeIo, readFileIfExists, writeFileDurably, type FileIo } from '../vault/durable-file';
import { acquireInstanceLock } from '../vault/instance-lock';
import { VaultFileError, parseVaultFile } from '../vault/vault-file';
import {
  BACKUP_FORMAT,
  BACKUP_KDF,
  BACKUP_VERSION,
  BackupContents,
  BackupKdf,
  SETTINGS_FILE,
  VAULT_FILE,
  headerAad,
  isBackedUpFile,
  parseBackupFile,
  serializeBackupFile,
  type BackupFile,
  type BackupHeader,
} from './format';
import { checkSplit, combineShares, splitKey } from './shares';

/**
 * Export backup / Restore (issue 11): the vault, its audit trail and settings in one encrypted file, under a backup
 * passphrase or a random backup key split into shares. Plain functions over a data folder: no KeyManager, no Electron.
 * Secrets (passphrase, keys, shares) never reach a message or a log.
 */

export type BackupProtection = { passphrase: string } | { split: { shares: number; threshold: number } };
export type RestoreSecret = { passphrase: string } | { shares: string[] };

export interface BackupOptions {
  now?: Date;
  /** Tests lower the scrypt cost; production keeps BACKUP_KDF. */
  kdf?: { N: number; r: number; p: number };
}

export interface CreatedBackup {
  bytes: Buffer;
  /** Shares mode: the N share texts, to show once (and print). The key they restore is not kept anywhere. */
  shares?: string[];
  backupId: string;
}

/** What the Restore screen needs before asking for a secret: a passphrase, or M of N shares. */
export interface BackupInfo {
  backupId: string;
  createdAt: string;
  protection: { kind: 'passphrase' } | { kind: 'shares'; threshold: number; count: number };
}

export interface RestoreOptions {
  /** Tests pass a failing one to check that a write failing midway leaves the folder as it was. */
  io?: FileIo;
}

const WRONG_PASSPHRASE = 'The backup passphrase is not correct, or the file was altered. Nothing was restored.';
const WRONG_SHARES = 'These shares do not open this backup: one of them is not from it, or the file was altered. Nothing was restored.';
const KEY_INFO = `${BACKUP_FORMAT}/${BACKUP_VERSION}/payload-key`;

/**
 * Files a data folder may already hold and still count as empty: what the app writes there before any vault exists
 * (the Create vault screen has already saved default settings). settings.json is replaced by the backup's;
 * vault.state.json is this computer's record and stays, so a restored copy older than a generation already opened
 * here is still caught as a rollback at unlock.
 */
const MAY_BE_PRESENT = new Set([SETTINGS_FILE, 'vault.state.json']);
/** The instance lock restore itself takes (and any stale one it replaces). */
const isLockFile = (name: string): boolean =>
  name === `${VAULT_FILE}.lock` || name.startsWith(`${VAULT_FILE}.lock.`) || name.startsWith(`.${VAULT_FILE}.lock.`);

// ---- export ----

/**
 * Reads the vault's files from `dataDir` and encrypts them into one backup file. Safe while the vault is open: every
 * vault write is an atomic rename, so vault.json is read whole. vault.json is read first, then the audit trail, so the
 * trail is never older than the head the vault records.
 */
export async function createBackup(dataDir: string, protection: BackupProtection, options: BackupOptions = {}): Promise<CreatedBackup> {
  const mode = checkProtection(protection);
  const backupId = randomBytes(16).toString('hex');
  const createdAt = (options.now ?? new Date()).toISOString();
  const files = await readVaultFiles(dataDir);
  try {
    return await encrypt(files, mode, { backupId, createdAt, kdf: options.kdf });
  } finally {
    for (const f of files) f.bytes.fill(0);
  }
}

async function encrypt(
  files: ReadonlyArray<{ name: string; bytes: Buffer }>,
  mode: ReturnType<typeof checkProtection>,
  { backupId, createdAt, kdf: cost }: { backupId: string; createdAt: string; kdf: BackupOptions['kdf'] },
): Promise<CreatedBackup> {
  let header: BackupHeader;
  let key: Buffer;
  let shares: string[] | undefined;
  if ('passphrase' in mode) {
    const parsedKdf = BackupKdf.safeParse({ name: 'scrypt', ...(cost ?? BACKUP_KDF), salt: randomBytes(16).toString('base64') });
    if (!parsedKdf.success) throw new SkmError('VALIDATION_FAILED', 'The backup key derivation cost is out of range.');
    const kdf = parsedKdf.data;
    header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, backupId, createdAt, protection: { kind: 'passphrase', kdf } };
    key = await deriveKey(mode.passphrase, kdf);
  } else {
    const { count, threshold } = mode.split;
    header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, backupId, createdAt, protection: { kind: 'shares', threshold, count } };
    const backupKey = randomBytes(32);
    try {
      shares = await splitKey(backupKey, { backupId, threshold, count });
      key = payloadKey(backupKey, backupId);
    } finally {
      backupKey.fill(0);
    }
  }

  const plaintext = Buffer.from(JSON.stringify({ files: Object.fromEntries(files.map((f) => [f.name, f.bytes.toString('base64')])) }), 'utf8');
  let file: BackupFile;
  try {
    file = { ...header, payload: seal(key, plaintext, headerAad(header)) };
  } finally {
    key.fill(0);
    plaintext.fill(0);
  }
  return shares ? { bytes: serializeBackupFile(file), shares, backupId } : { bytes: serializeBackupFile(file), backupId };
}

function checkProtection(protection: BackupProtection): { passphrase: string } | { split: { count: number; threshold: number } } {
  if (protection && typeof protection === 'object' && 'passphrase' in protection && !('split' in protection)) {
    const parsed = Passphrase.safeParse(protection.passphrase);
    if (!parsed.success) throw new SkmError('VALIDATION_FAILED', parsed.error.issues[0]?.message ?? 'The backup passphrase is not accepted.', 'passphrase');
    return { passphrase: parsed.data };
  }
  if (protection && typeof protection === 'object' && 'split' in protection && !('passphrase' in protection) && protection.split) {
    return { split: checkSplit(protection.split.shares, protection.split.threshold) };
  }
  throw new SkmError('VALIDATION_FAILED', 'Choose a backup passphrase, or split the backup key into shares.');
}

/** The shares' key is never used as it is: HKDF binds it to this backup and to this one purpose. */
function payloadKey(backupKey: Buffer, backupId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', backupKey, Buffer.from(backupId, 'hex'), KEY_INFO, 32));
}

async function readVaultFiles(dataDir: string): Promise<Array<{ name: string; bytes: Buffer }>> {
  const noVault = () => new SkmError('VAULT_NOT_FOUND', 'There is no vault in this data folder to back up. Create or restore one first.');
  const vaultBytes = await readFileIfExists(path.join(dataDir, VAULT_FILE)).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  });
  if (!vaultBytes) throw noVault();
  try {
    parseVaultFile(vaultBytes);
  } catch (err) {
    if (!(err instanceof VaultFileError)) throw err;
    throw new SkmError(
      'VAULT_UNREADABLE',
      'vault.json in this data folder is not a readable vault, so no backup was made. Restore it from vault.json.bak first.',
    );
  }
  const files = [{ name: VAULT_FILE, bytes: vaultBytes }];
  const entries = await fs.readdir(dataDir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    // Regular files only: never follow a symlink someone put in the folder.
    if (entry.name === VAULT_FILE || !entry.isFile() || !isBackedUpFile(entry.name)) continue;
    const bytes = await readFileIfExists(path.join(dataDir, entry.name));
    if (bytes) files.push({ name: entry.name, bytes });
  }
  return files;
}

// ---- inspect ----

/** Reads a backup's header so the Restore screen knows what to ask for. Refuses a file that is not a backup. */
export function inspectBackup(bytes: Buffer): BackupInfo {
  const file = parseBackupFile(bytes);
  const p = file.protection;
  return {
    backupId: file.backupId,
    createdAt: file.createdAt,
    protection: p.kind === 'passphrase' ? { kind: 'passphrase' } : { kind: 'shares', threshold: p.threshold, count: p.count },
  };
}

// ---- restore ----

/**
 * Restores a backup into `dataDir`, which must be empty (or missing). Everything is decrypted and checked before the
 * first byte is written; each file is written durably (mode 0600), vault.json last. If a write fails, what was
 * written is removed (and a replaced settings.json put back), so the folder is left as it was.
 */
export async function restoreBackup(dataDir: string, bytes: Buffer, secret: RestoreSecret, options: RestoreOptions = {}): Promise<void> {
  const dir = path.resolve(dataDir);
  const io = options.io ?? nodeIo;
  await checkTargetEmpty(dir); // early, before the slow key derivation; checked again under the lock
  const file = parseBackupFile(bytes);
  const files = await decryptContents(file, secret);
  try {
    const created = await fs.mkdir(dir, { recursive: true, mode: 0o700 }).catch((err: unknown) => {
      throw new SkmError(
        'FILE_WRITE_FAILED',
        `The data folder could not be created (${errCode(err)}). Choose a folder you may write to; nothing was restored.`,
      );
    });
    try {
      await writeUnderLock(dir, files, io);
    } catch (err) {
      if (created) await removeCreatedFolders(created, dir);
      throw err;
    }
  } finally {
    for (const f of files) f.bytes.fill(0);
  }
}

async function decryptContents(file: BackupFile, secret: RestoreSecret): Promise<Array<{ name: string; bytes: Buffer }>> {
  const p = file.protection;
  let key: Buffer;
  let wrong: string;
  if (p.kind === 'passphrase') {
    if (!secret || typeof secret !== 'object' || !('passphrase' in secret))
      throw new SkmError('VALIDATION_FAILED', 'This backup is restored with its backup passphrase.', 'passphrase');
    const passphrase = secret.passphrase;
    if (typeof passphrase !== 'string' || passphrase.length === 0) throw new SkmError('VALIDATION_FAILED', 'Enter the backup passphrase.', 'passphrase');
    if (passphrase.length > 1024) throw new SkmError('VALIDATION_FAILED', 'Passphrases are at most 1,024 characters.', 'passphrase');
    key = await deriveKey(passphrase, p.kdf);
    wrong = WRONG_PASSPHRASE;
  } else {
    if (!secret || typeof secret !== 'object' || !('shares' in secret))
      throw new SkmError('VALIDATION_FAILED', `This backup is restored with ${p.threshold} of its ${p.count} shares.`, 'shares');
    const backupKey = await combineShares(secret.shares, { backupId: file.backupId, threshold: p.threshold, count: p.count });
    try {
      key = payloadKey(backupKey, file.backupId);
    } finally {
      backupKey.fill(0);
    }
    wrong = WRONG_SHARES;
  }

  let plaintext: Buffer;
  try {
    plaintext = open(key, file.payload, headerAad(file));
  } catch (err) {
    if (err instanceof IntegrityError) throw new SkmError('WRONG_CREDENTIALS', wrong);
    throw err;
  } finally {
    key.fill(0);
  }

  // Authentic from here on: a payload that still does not parse was written wrong, not altered.
  let contents: BackupContents;
  try {
    const parsed = BackupContents.safeParse(JSON.parse(plaintext.toString('utf8')));
    if (!parsed.success) throw new Error('contents');
    contents = parsed.data;
  } catch {
    throw new SkmError('VAULT_DAMAGED', 'The backup opened but its contents are not a vault backup, so nothing was restored. Use another copy of the backup.');
  } finally {
    plaintext.fill(0);
  }
  const files = Object.entries(contents.files).map(([name, b64]) => ({ name, bytes: Buffer.from(b64, 'base64') }));
  try {
    parseVaultFile(files.find((f) => f.name === VAULT_FILE)!.bytes);
  } catch {
    for (const f of files) f.bytes.fill(0);
    throw new SkmError('VAULT_DAMAGED', 'The backup opened but the vault in it is not readable, so nothing was restored. Use another copy of the backup.');
  }
  // vault.json last: a restore stopped by a crash leaves no vault, rather than a vault without its audit trail.
  return files.sort((a, b) => Number(a.name === VAULT_FILE) - Number(b.name === VAULT_FILE) || a.name.localeCompare(b.name));
}

/** Refuses a folder holding anything but MAY_BE_PRESENT (and lock files), naming the first file in the way. */
async function checkTargetEmpty(dir: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = errCode(err);
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new SkmError('VALIDATION_FAILED', 'The data folder is a file, not a folder. Choose an empty folder; nothing was restored.');
    throw new SkmError('FILE_WRITE_FAILED', `The data folder could not be read (${code}). Choose an empty folder you may write to; nothing was restored.`);
  }
  const inTheWay = entries
    .filter((e) => !(MAY_BE_PRESENT.has(e.name) && e.isFile()) && !isLockFile(e.name))
    .map((e) => e.name)
    .sort();
  if (inTheWay.length === 0) return;
  if (inTheWay.includes(VAULT_FILE))
    throw new SkmError(
      'VAULT_EXISTS',
      'A vault already exists in this data folder; it was left as it is and nothing was restored. Restore into an empty folder.',
    );
  const first = inTheWay[0]!;
  const more = inTheWay.length > 1 ? ` and ${inTheWay.length - 1} more` : '';
  throw new SkmError(
    'VAULT_EXISTS',
    `The data folder is not empty: ${first}${more} is in it. Nothing was restored; restore into an empty folder, or move ${first} away.`,
  );
}

/** Holds the vault's instance lock while writing, so no other window or process creates a vault here meanwhile. */
async function writeUnderLock(dir: string, files: Array<{ name: string; bytes: Buffer }>, io: FileIo): Promise<void> {
  const lock = acquireInstanceLock(path.join(dir, VAULT_FILE));
  try {
    if (lock.readOnly)
      throw new SkmError(
        'VAULT_READ_ONLY',
        'This data folder cannot be written (read-only disk or no permission). Choose a writable folder; nothing was restored.',
      );
    await checkTargetEmpty(dir);
    const written: Array<{ file: string; previous: Buffer | undefined }> = [];
    try {
      for (const f of files) {
        const file = path.join(dir, f.name);
        const previous = f.name === SETTINGS_FILE ? await readFileIfExists(file) : undefined;
        written.push({ file, previous });
        await writeFileDurably(file, f.bytes, io, { keepBackup: false });
      }
    } catch (err) {
      await undo(written, io);
      if (err instanceof SkmError) throw err;
      throw new SkmError(
        'FILE_WRITE_FAILED',
        `The backup could not be written into the data folder (${errCode(err)}: is the disk full or read-only?). What was written was removed; nothing was restored.`,
      );
    }
  } finally {
    lock.release();
  }
}

/** Best effort, newest first: remove each file written, or put back the settings.json it replaced. */
async function undo(written: Array<{ file: string; previous: Buffer | undefined }>, io: FileIo): Promise<void> {
  for (const w of written.reverse()) {
    try {
      if (w.previous) await writeFileDurably(w.file, w.previous, io, { keepBackup: false });
      else await io.rm(w.file, { force: true });
    } catch {
      // left for the person to see: the next restore names it as the file in the way
    }
  }
}

/** Removes the folders mkdir created for this restore (deepest first), only while they are empty. */
async function removeCreatedFolders(firstCreated: string, dir: string): Promise<void> {
  for (let d = dir; d.length >= firstCreated.length; d = path.dirname(d)) {
    try {
      await fs.rmdir(d);
    } catch {
      return;
    }
    if (d === firstCreated) return;
  }
}

const errCode = (err: unknown): string => (err as NodeJS.ErrnoException | undefined)?.code ?? 'error';
