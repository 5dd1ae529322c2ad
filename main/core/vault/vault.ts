import { randomBytes } from 'node:crypto';
import { Low } from 'lowdb';
import { SkmError } from '../../../shared/errors';
import { DEFAULT_KDF, IntegrityError, deriveKey, newKdfParams, open, seal, type KdfParams } from './crypto';
import { CURRENT_SCHEMA_VERSION, SchemaError, upgradeDocument, type Account, type VaultDocument } from './document';
import { nodeIo, readFileIfExists, removeStaleTempFiles, type FileIo } from './durable-file';
import { EncryptedAdapter } from './encrypted-adapter';
import { acquireInstanceLock, type LockFs } from './instance-lock';
import { draftOf, editable, guardLive } from './draft';
import type { LocalState } from './local-state';
import {
  VAULT_FILE_VERSION,
  VAULT_FORMAT,
  VaultFileError,
  isLegacy,
  keyslotAad,
  keyslotId,
  parseVaultFile,
  type Keyslot,
  type VaultFile,
  type VaultHeader,
} from './vault-file';

export const newId = (): string => randomBytes(16).toString('hex');

export type VaultProbe = { state: 'missing' } | { state: 'present' } | { state: 'unreadable'; message: string };

const NOT_A_VAULT =
  'The vault file is truncated or is not a Secure Key Manager vault. It was left as it is; restore vault.json from vault.json.bak or a backup.';
const DAMAGED =
  'The vault file failed its integrity check: it is damaged or was altered. It was left as it is; restore vault.json from vault.json.bak or a backup.';
const NEWER = 'This vault was written by a newer version of Secure Key Manager Desktop. Update the app to open it.';
const ONLY_BACKUP =
  'vault.json is missing but vault.json.bak is here. Rename vault.json.bak to vault.json to restore the previous generation, or move it away to start a new vault.';
const WRITE_FAILED = 'The change could not be saved to disk (is the disk full or read-only?). Nothing was changed.';
const PURGE_FAILED =
  'The deletion is saved, but the previous copy of the vault (vault.json.bak) still holds what was deleted and could not be overwritten (is the disk full or read-only?). It is cleaned at the next change or unlock.';
const READ_ONLY =
  'The vault was opened read-only because its folder cannot be written (read-only disk or no permission). Viewing and using keys work; to make changes, make the folder writable, then lock and unlock.';

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
  /** Where this computer remembers the newest generation it saw (rollback check). Without it, no check. */
  state?: LocalState;
  /** An administrator opening a restored (older) copy on purpose. */
  acceptRollback?: boolean;
  /** Tests pass a folder that refuses new files (read-only mount). */
  lockFs?: LockFs;
}

type UpdateOptions = { purgeBackup?: boolean };

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
    private readonly file: string,
    readonly account: { id: string; username: string },
    private readonly lock: { release: () => void; readOnly: boolean },
    private readonly state: LocalState | undefined,
  ) {}

  /** Runs `open` while holding the vault's instance lock; keeps the lock only if `open` succeeds. */
  private static async withLock(
    file: string,
    lockFs: LockFs | undefined,
    open: (lock: { release: () => void; readOnly: boolean }) => Promise<Vault>,
  ): Promise<Vault> {
    const lock = acquireInstanceLock(file, lockFs);
    try {
      const vault = await open(lock);
      // We hold the lock, so no writer of ours is running: temp files left here are from a crash and may hold
      // generations with deleted material. Only after a successful open, so a wrong passphrase or a damaged
      // vault.json changes nothing in the folder (and leaves those files for a manual recovery).
      if (!lock.readOnly) await removeStaleTempFiles(file).catch(() => 0);
      return vault;
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  static async create(file: string, username: string, passphrase: string, now: Date, options: VaultOptions = {}): Promise<Vault> {
    if ((await probeVault(file)).state !== 'missing') {
      throw new SkmError('VAULT_EXISTS', 'A vault already exists in this data folder; it was left as it is. Unlock it instead.');
    }
    return Vault.withLock(file, options.lockFs, (lock) => {
      if (lock.readOnly)
        throw new SkmError(
          'VAULT_READ_ONLY',
          'This data folder cannot be written (read-only disk or no permission), so no vault can be created in it. Choose a writable folder.',
        );
      return Vault.initialise(file, username, passphrase, now, options, lock);
    });
  }

  private static async initialise(
    file: string,
    username: string,
    passphrase: string,
    now: Date,
    options: VaultOptions,
    lock: { release: () => void; readOnly: boolean },
  ): Promise<Vault> {
    const dek = randomBytes(32);
    const lookupSalt = randomBytes(16).toString('base64');
    const slot = await sealKeyslot(keyslotId(lookupSalt, username), passphrase, dek, options.kdf);
    const header: VaultHeader = { format: VAULT_FORMAT, version: VAULT_FILE_VERSION, vaultId: newId(), generation: 0, lookupSalt, keyslots: [slot] };
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
    await adapter.write(doc);
    const vault = new Vault(new Low<VaultDocument>(adapter as never, guardLive(doc)), adapter, file, account, lock, options.state);
    await vault.rememberGeneration();
    return vault;
  }

  /** Throws WRONG_CREDENTIALS for an unknown username or a wrong passphrase, without saying which. */
  static open(file: string, username: string, passphrase: string, options: VaultOptions = {}): Promise<Vault> {
    return Vault.withLock(file, options.lockFs, (lock) => Vault.unlockFile(file, username, passphrase, options, lock));
  }

  private static async unlockFile(
    file: string,
    username: string,
    passphrase: string,
    options: VaultOptions,
    lock: { release: () => void; readOnly: boolean },
  ): Promise<Vault> {
    const bytes = await readFileIfExists(file);
    if (!bytes) throw new SkmError('VAULT_NOT_FOUND', 'There is no vault in this data folder yet. Create one first.');
    let parsed: ReturnType<typeof parseVaultFile>;
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
    const { payload, ...fileHeader } = parsed;
    // A version 1 file becomes version 2 at its first write (just below, as a migration).
    const header: VaultHeader = isLegacy(parsed)
      ? { format: VAULT_FORMAT, version: VAULT_FILE_VERSION, vaultId: newId(), generation: 0, lookupSalt: parsed.lookupSalt, keyslots: parsed.keyslots }
      : (fileHeader as VaultHeader);
    const adapter = new EncryptedAdapter(file, header, dek, options.io ?? nodeIo);
    let upgraded: { doc: VaultDocument; migrated: boolean };
    try {
      upgraded = upgradeDocument(adapter.decrypt(payload, parsed));
    } catch (err) {
      dek.fill(0);
      if (err instanceof SchemaError && err.reason === 'newer') throw new SkmError('VAULT_UNREADABLE', NEWER);
      throw new SkmError('VAULT_DAMAGED', DAMAGED);
    }
    const account = findAccount(upgraded.doc, username);
    if (!account) {
      dek.fill(0);
      throw new SkmError('VAULT_DAMAGED', DAMAGED);
    }
    try {
      checkGeneration(header, account, options);
    } catch (err) {
      dek.fill(0);
      throw err;
    }
    const vault = new Vault(
      new Low<VaultDocument>(adapter as never, guardLive(upgraded.doc)),
      adapter,
      file,
      { id: account.id, username: account.username },
      lock,
      options.state,
    );
    await vault.rememberGeneration();
    if (!lock.readOnly) {
      // Migrations write at once (the pre-migration generation stays in vault.json.bak); a deletion whose cleaning
      // write was owed when the app stopped is finished now.
      if (upgraded.migrated || isLegacy(parsed)) await vault.update(() => undefined);
      if (upgraded.doc.purgePending) await vault.update(() => undefined, { purgeBackup: true });
    }
    return vault;
  }

  get data(): Readonly<VaultDocument> {
    if (this.closed) throw new SkmError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    return this.db.data;
  }

  /** Opened read-only because its folder cannot be written: viewing and key use work, changes are refused. */
  get readOnly(): boolean {
    return this.lock.readOnly;
  }

  /**
   * The one way to change the vault. `mutate` works on a draft (see draft.ts: change records only through
   * `editable`); only when the draft is durably written does it become the live document, so the document in memory
   * always equals what is on disk: if `mutate` throws (bad input) or the write fails, nothing has changed.
   * `purgeBackup` is for deletions: the removed data must not survive in vault.json.bak either, so the deletion is
   * written twice. The first write marks the document `purgePending`, so a crash or failure before the second leaves
   * a record that the cleaning write is owed; it is done at the next unlock. A Lock that arrives in between waits for
   * both writes (close() waits for the queue), and the caller hears ok only when both are on disk.
   */
  update<T>(mutate: (draft: VaultDocument) => T, options: UpdateOptions = {}): Promise<T> {
    const run = async (): Promise<T> => {
      this.writing += 1;
      try {
        const current = this.data;
        if (this.readOnly) throw new SkmError('VAULT_READ_ONLY', READ_ONLY);
        const draft = draftOf(current);
        const result = mutate(draft);
        if (options.purgeBackup) draft.purgePending = true;
        await this.write(draft, WRITE_FAILED);
        if (options.purgeBackup) await this.purge(draft);
        return result;
      } finally {
        this.writing -= 1;
      }
    };
    return this.enqueue(run);
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
   * Change passphrase for the signed-in account. With a single keyslot the data key itself is replaced (and the
   * .bak rewritten), so the old passphrase opens nothing on disk here and a copy of the old key is useless against
   * new files. With several keyslots the data key is kept (the other accounts' slots wrap it).
   */
  changePassphrase(current: string, next: string, kdf?: Omit<KdfParams, 'salt'>): Promise<void> {
    return this.enqueue(async () => {
      this.writing += 1;
      try {
        const doc = this.data;
        if (this.readOnly) throw new SkmError('VAULT_READ_ONLY', READ_ONLY);
        const slots = this.adapter.keyslots;
        const slotId = keyslotId(this.adapter.lookupSalt, this.account.username);
        const own = slots.find((s) => s.id === slotId);
        if (!own) throw new SkmError('VAULT_DAMAGED', DAMAGED);
        const kek = await deriveKey(current, own.kdf);
        let oldDek: Buffer;
        try {
          oldDek = open(kek, own.wrappedKey, keyslotAad(slotId));
        } catch {
          throw new SkmError('WRONG_CREDENTIALS', 'The current passphrase is not correct.', 'currentPassphrase');
        } finally {
          kek.fill(0);
        }
        const dek = slots.length === 1 ? randomBytes(32) : oldDek;
        if (dek !== oldDek) oldDek.fill(0);
        const slot = await sealKeyslot(slotId, next, dek, kdf);
        try {
          await this.adapter.rekey(
            slots.map((s) => (s.id === slotId ? slot : s)),
            dek,
            doc,
          );
        } catch {
          if (dek !== oldDek) dek.fill(0);
          throw new SkmError(
            'VAULT_WRITE_FAILED',
            'The new passphrase could not be saved to disk (is the disk full or read-only?). The old passphrase still opens the vault.',
          );
        }
        await this.rememberGeneration();
        // The previous generation (old key, old passphrase) must not stay in vault.json.bak.
        await this.write(doc as VaultDocument, PURGE_FAILED.replace('The deletion is saved', 'The new passphrase is saved'));
      } finally {
        this.writing -= 1;
      }
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
      this.adapter.wipe();
      this.lock.release(); // only now may another process open the vault: our last write is done
    };
    if (this.writing === 0) {
      finish();
      this.released = Promise.resolve();
    } else {
      this.released = this.queue.then(finish);
    }
    return this.released;
  }

  // ---- helpers ----

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Write `doc`; only once it is on disk does it become the live document (unless Lock came meanwhile). */
  private async write(doc: VaultDocument, failure: string): Promise<void> {
    try {
      await this.adapter.write(doc);
    } catch {
      throw new SkmError('VAULT_WRITE_FAILED', failure);
    }
    if (!this.closed) this.db.data = guardLive(doc);
    await this.rememberGeneration();
  }

  /** The deletion's second write: vault.json.bak becomes the first write's generation, which no longer holds it. */
  private async purge(draft: VaultDocument): Promise<void> {
    const clean = { ...draft };
    delete clean.purgePending;
    await this.write(clean, PURGE_FAILED);
    await removeStaleTempFiles(this.file).catch(() => 0);
  }

  /**
   * Tell this computer's record the newest generation. Best effort: the vault file is already safe; a record that
   * lags behind only weakens the rollback check, it never raises a false alarm.
   */
  private async rememberGeneration(): Promise<void> {
    if (!this.state || this.readOnly) return;
    await this.state.update({ vaultId: this.adapter.vaultId, generation: this.adapter.generation }).catch(() => undefined);
  }
}

const findAccount = (doc: VaultDocument, username: string): Account | undefined =>
  doc.accounts.find((a) => a.username.normalize('NFC').toLowerCase() === username.normalize('NFC').toLowerCase());

async function sealKeyslot(id: string, passphrase: string, dek: Buffer, kdfBase?: Omit<KdfParams, 'salt'>): Promise<Keyslot> {
  const kdf = newKdfParams(kdfBase ?? DEFAULT_KDF);
  const kek = await deriveKey(passphrase, kdf);
  try {
    return { id, kdf, wrappedKey: seal(kek, dek, keyslotAad(id)) };
  } finally {
    kek.fill(0);
  }
}

/** Refuse a file older than the newest generation this computer has seen, unless an administrator accepts it. */
function checkGeneration(header: VaultHeader, account: Account, options: VaultOptions): void {
  const seen = options.state?.get();
  if (!seen || seen.vaultId !== header.vaultId || seen.generation === undefined || header.generation >= seen.generation) return;
  if (!options.acceptRollback) {
    throw new SkmError(
      'VAULT_ROLLED_BACK',
      `This vault file is older than the one last opened on this computer (it is generation ${header.generation}; generation ${seen.generation} was seen). ` +
        'Someone may have put back an old copy, which would bring deleted keys back. If you restored a backup on purpose, an administrator can unlock with "Accept restored vault" ticked.',
    );
  }
  if (account.role !== 'administrator') {
    throw new SkmError('FORBIDDEN', 'Only an administrator can accept a restored (older) vault.');
  }
}

export type { VaultFile };
