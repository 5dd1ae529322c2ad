import { randomBytes } from 'node:crypto';
import { Low } from 'lowdb';
import { SkmError } from '../../../shared/errors';
import { DEFAULT_KDF, IntegrityError, deriveKey, newKdfParams, open, seal, type KdfParams } from './crypto';
import { CURRENT_SCHEMA_VERSION, SchemaError, upgradeDocument, type VaultDocument } from './document';
import { nodeIo, readFileIfExists, type FileIo } from './durable-file';
import { EncryptedAdapter } from './encrypted-adapter';
import { acquireInstanceLock } from './instance-lock';
import { draftOf, editable, guardLive } from './draft';
import {
  VAULT_FILE_VERSION,
  VAULT_FORMAT,
  VaultFileError,
  keyslotAad,
  keyslotId,
  parseVaultFile,
  type VaultFile,
  type VaultHeader,
} from './vault-file';

export const newId = (): string => randomBytes(16).toString('hex');

export type VaultProbe =
  | { state: 'missing' }
  | { state: 'present' }
  | { state: 'unreadable'; message: string };

const NOT_A_VAULT = 'The vault file is truncated or is not a Secure Key Manager vault. It was left as it is; restore vault.json from vault.json.bak or a backup.';
const DAMAGED = 'The vault file failed its integrity check: it is damaged or was altered. It was left as it is; restore vault.json from vault.json.bak or a backup.';
const NEWER = 'This vault was written by a newer version of Secure Key Manager Desktop. Update the app to open it.';

const ONLY_BACKUP = 'vault.json is missing but vault.json.bak is here. Rename vault.json.bak to vault.json to restore the previous generation, or move it away to start a new vault.';

/** Looks at the file without any key: is there a vault, and is it at least shaped like one? */
export async function probeVault(file: string): Promise<VaultProbe> {
  const bytes = await readFileIfExists(file);
  if (!bytes) {
    // A lone backup means the vault was lost or moved: never start a new vault over it (its next write would replace the .bak).
    return (await readFileIfExists(`${file}.bak`)) ? { state: 'unreadable', message: ONLY_BACKUP } : { state: 'missing' };
  }
  try {
    parseVaultFile(bytes);
    return { state: 'present' };
  } catch {
    return { state: 'unreadable', message: NOT_A_VAULT };
  }
}

export interface VaultOptions {
  kdf?: Omit<KdfParams, 'salt'>;
  io?: FileIo;
}

/**
 * An open (unlocked) vault: the decrypted document in memory, the data key, and durable mutations.
 * `close()` wipes the key and drops the document.
 */
export class Vault {
  private queue: Promise<unknown> = Promise.resolve();
  private writing = 0;
  private closed = false;
  private released: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: Low<VaultDocument>,
    private readonly adapter: EncryptedAdapter,
    private readonly dek: Buffer,
    readonly account: { id: string; username: string },
    private readonly releaseLock: () => void,
  ) {}

  /** Runs `open` while holding the vault's instance lock; keeps the lock only if `open` succeeds. */
  private static async withLock(file: string, open: (release: () => void) => Promise<Vault>): Promise<Vault> {
    const release = acquireInstanceLock(file);
    try {
      return await open(release);
    } catch (err) {
      release();
      throw err;
    }
  }

  static async create(file: string, username: string, passphrase: string, now: Date, options: VaultOptions = {}): Promise<Vault> {
    if ((await probeVault(file)).state !== 'missing') {
      throw new SkmError('VAULT_EXISTS', 'A vault already exists in this data folder; it was left as it is. Unlock it instead.');
    }
    return Vault.withLock(file, (release) => Vault.initialise(file, username, passphrase, now, options, release));
  }

  private static async initialise(file: string, username: string, passphrase: string, now: Date, options: VaultOptions, release: () => void): Promise<Vault> {
    const dek = randomBytes(32);
    const lookupSalt = randomBytes(16).toString('base64');
    const slotId = keyslotId(lookupSalt, username);
    const kdf = newKdfParams(options.kdf ?? DEFAULT_KDF);
    const kek = await deriveKey(passphrase, kdf);
    const header: VaultHeader = {
      format: VAULT_FORMAT,
      version: VAULT_FILE_VERSION,
      lookupSalt,
      keyslots: [{ id: slotId, kdf, wrappedKey: seal(kek, dek, keyslotAad(slotId)) }],
    };
    kek.fill(0);
    const account = { id: newId(), username, role: 'administrator' as const, createdAt: now.toISOString() };
    const doc: VaultDocument = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      appKey: newId(),
      createdAt: now.toISOString(),
      accounts: [account],
      keyStores: [],
      keys: [],
      authEntries: [],
    };
    const adapter = new EncryptedAdapter(file, header, dek, options.io ?? nodeIo);
    const db = new Low<VaultDocument>(adapter as never, guardLive(doc));
    await db.write();
    return new Vault(db, adapter, dek, account, release);
  }

  /** Throws WRONG_CREDENTIALS for an unknown username or a wrong passphrase, without saying which. */
  static open(file: string, username: string, passphrase: string, options: VaultOptions = {}): Promise<Vault> {
    return Vault.withLock(file, (release) => Vault.unlockFile(file, username, passphrase, options, release));
  }

  private static async unlockFile(file: string, username: string, passphrase: string, options: VaultOptions, release: () => void): Promise<Vault> {
    const bytes = await readFileIfExists(file);
    if (!bytes) throw new SkmError('VAULT_NOT_FOUND', 'There is no vault in this data folder yet. Create one first.');
    let parsed: VaultFile;
    try {
      parsed = parseVaultFile(bytes);
    } catch (err) {
      if (err instanceof VaultFileError) throw new SkmError('VAULT_UNREADABLE', NOT_A_VAULT);
      throw err;
    }
    const slotId = keyslotId(parsed.lookupSalt, username);
    const slot = parsed.keyslots.find((s) => s.id === slotId);
    // Derive even for an unknown username so the time taken does not tell which of the two was wrong.
    const kek = await deriveKey(passphrase, slot?.kdf ?? parsed.keyslots[0]!.kdf);
    let dek: Buffer;
    try {
      if (!slot) throw new IntegrityError();
      dek = open(kek, slot.wrappedKey, keyslotAad(slotId));
    } catch {
      throw new SkmError('WRONG_CREDENTIALS', 'Wrong username or passphrase.');
    } finally {
      kek.fill(0);
    }
    const { payload: _payload, ...header } = parsed;
    const adapter = new EncryptedAdapter(file, header, dek, options.io ?? nodeIo);
    let upgraded: { doc: VaultDocument; migrated: boolean };
    try {
      upgraded = upgradeDocument(adapter.decrypt(parsed.payload));
    } catch (err) {
      dek.fill(0);
      if (err instanceof SchemaError && err.reason === 'newer') throw new SkmError('VAULT_UNREADABLE', NEWER);
      throw new SkmError('VAULT_DAMAGED', DAMAGED);
    }
    const account = upgraded.doc.accounts.find((a) => a.username.normalize('NFC').toLowerCase() === username.normalize('NFC').toLowerCase());
    if (!account) {
      dek.fill(0);
      throw new SkmError('VAULT_DAMAGED', DAMAGED);
    }
    const db = new Low<VaultDocument>(adapter as never, guardLive(upgraded.doc));
    const vault = new Vault(db, adapter, dek, { id: account.id, username: account.username }, release);
    if (upgraded.migrated) await db.write(); // the pre-migration generation stays in vault.json.bak
    return vault;
  }

  get data(): Readonly<VaultDocument> {
    if (this.closed) throw new SkmError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    return this.db.data;
  }

  /**
   * The one way to change the vault. `mutate` works on a draft (see draft.ts: change records only through
   * `editable`); only when the draft is durably written does it become the live document. If `mutate` throws (bad
   * input) or the write fails, nothing has changed.
   * `purgeBackup` is for deletions: the removed data must not survive in vault.json.bak either.
   */
  update<T>(mutate: (draft: VaultDocument) => T, options: { purgeBackup?: boolean } = {}): Promise<T> {
    const run = async (): Promise<T> => {
      const current = this.data;
      this.writing += 1;
      const draft = draftOf(current);
      const result = mutate(draft);
      this.db.data = draft;
      try {
        await this.db.write();
        // After a deletion, write once more so vault.json.bak (the previous generation) no longer holds what was removed.
        if (options.purgeBackup && !this.closed) await this.db.write();
      } catch {
        this.db.data = current as VaultDocument;
        throw new SkmError('VAULT_WRITE_FAILED', 'The change could not be saved to disk (is the disk full or read-only?). Nothing was changed.');
      } finally {
        this.writing -= 1;
      }
      guardLive(draft);
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Change one record of a collection (found by `find`) and stamp its updatedAt, as one durable update. */
  updateRecord<C extends 'keyStores' | 'keys' | 'authEntries'>(
    collection: C,
    find: (doc: VaultDocument) => VaultDocument[C][number],
    change: (record: VaultDocument[C][number]) => void,
    now: Date,
  ): Promise<VaultDocument[C][number]> {
    return this.update((doc) => {
      const list = doc[collection] as Array<VaultDocument[C][number]>;
      const record = editable(list, find(doc));
      change(record);
      record.updatedAt = now.toISOString();
      return record;
    });
  }

  /**
   * Lock: drop the document and wipe the data key. A write already under way finishes first (with the real key),
   * so locking in the middle of a mutation never leaves a file encrypted under a wiped key. Resolves once the key is
   * wiped and the instance lock released.
   */
  close(): Promise<void> {
    if (this.closed) return this.released;
    this.closed = true;
    this.db.data = null as unknown as VaultDocument;
    const finish = () => {
      this.dek.fill(0);
      this.releaseLock(); // only now may another process open the vault: our last write is done
    };
    if (this.writing === 0) {
      finish();
      this.released = Promise.resolve();
    } else {
      this.released = this.queue.then(finish);
    }
    return this.released;
  }
}
