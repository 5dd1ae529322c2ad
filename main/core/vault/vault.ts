import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { Low } from 'lowdb';
import { SkmError } from '../../../shared/errors';
import { IntegrityError, deriveKey, type KdfParams } from './crypto';
import { newAuditState, CURRENT_SCHEMA_VERSION, SchemaError, upgradeDocument, type Account, type VaultDocument } from './document';
import { nodeIo, readFileIfExists, removeStaleTempFiles, type FileIo } from './durable-file';
import { EncryptedAdapter } from './encrypted-adapter';
import { acquireInstanceLock, type LockFs } from './instance-lock';
import { draftOf, editable, guardLive } from './draft';
import type { LocalState } from './local-state';
import { newMemberKeyslot, openKeyslot, sealDataKey, unlockKeyslot } from './member-keys';
import {
  VAULT_FILE_VERSION,
  VAULT_FORMAT,
  VaultFileError,
  isLegacy,
  isMemberKeyslot,
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
  /** When this unlock happens (recorded as the member's lastUnlockAt); the system clock if not given. */
  now?: Date;
}

type UpdateOptions = { purgeBackup?: boolean };

/** The batch an update runs in (see Vault.batch): its shared draft, and what its one write must do. */
interface Batch {
  vault: Vault;
  draft: VaultDocument;
  purge: boolean;
  /** Set once the batch has finished: a late continuation that still carries its context then queues normally. */
  done: boolean;
  /** The first update that failed inside the batch: the batch then fails too, even if the caller caught it. */
  failed?: { error: unknown };
}
const currentBatch = new AsyncLocalStorage<Batch>();

/** An update waiting in a group for the write that carries it (see Vault.commitGroup). */
interface GroupedUpdate {
  mutate: (draft: VaultDocument) => unknown;
  purge: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
/** Enough to make a burst cheap, few enough that one write stays short (and one slow caller does not wait long). */
const MAX_GROUP = 500;

const WRONG_CREDENTIALS = 'Wrong username or passphrase.';

/**
 * An open (unlocked) vault: the decrypted document in memory, the data key, and durable mutations.
 * `close()` wipes the key and drops the document.
 */
export class Vault {
  private queue: Promise<unknown> = Promise.resolve();
  /** The group of updates still taking members for the next write (see commitGroup); null once that write starts. */
  private gathering: GroupedUpdate[] | null = null;
  /** The draft a grouped update is changing right now (synchronously): what `data` reads meanwhile. */
  private applying: VaultDocument | null = null;
  private writing = 0;
  private closed = false;
  private released: Promise<void> = Promise.resolve();
  /** The document as last written (Lock's final write starts from it: writes queued before Lock land first). */
  private onDisk: VaultDocument | null = null;

  private constructor(
    private readonly db: Low<VaultDocument>,
    private readonly adapter: EncryptedAdapter,
    private readonly file: string,
    private signedIn: { id: string; username: string },
    private readonly lock: { release: () => void; readOnly: boolean },
    private readonly state: LocalState | undefined,
  ) {}

  /** The member signed in to the console (who opened the vault, or who signed in again while the Key API kept it open). */
  get account(): { id: string; username: string } {
    return this.signedIn;
  }

  /**
   * Sign a member in to the vault that stayed open (the console was locked while the Key API served): their
   * passphrase is checked against their own keyslot first (see checkMemberPassphrase), and the unlock is recorded.
   */
  async signIn(username: string, passphrase: string, now: Date): Promise<void> {
    const account = await this.checkMemberPassphrase(username, passphrase);
    this.signedIn = { id: account.id, username: account.username };
    if (this.readOnly) return;
    await this.update((doc) => {
      editable(
        doc.accounts,
        doc.accounts.find((a) => a.id === account.id)!,
      ).lastUnlockAt = now.toISOString();
    }).catch((err: unknown) => {
      if (!(err instanceof SkmError && err.code === 'VAULT_WRITE_FAILED')) throw err;
    });
  }

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
    const vaultId = newId();
    const slot = await newMemberKeyslot(keyslotId(lookupSalt, username), vaultId, passphrase, dek, options.kdf);
    const header: VaultHeader = { format: VAULT_FORMAT, version: VAULT_FILE_VERSION, vaultId, generation: 0, lookupSalt, keyslots: [slot] };
    // The creator of the vault is its first ADMIN.
    const account: Account = { id: newId(), username, role: 'ADMIN', approvalRoles: [], createdAt: now.toISOString(), lastUnlockAt: now.toISOString() };
    const doc: VaultDocument = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      audit: newAuditState(),
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
    const slot: Keyslot | undefined = parsed.keyslots.find((s) => s.id === slotId);
    const fileVaultId = isLegacy(parsed) && parsed.version === 1 ? '' : parsed.vaultId;
    // Derive even for an unknown username so the time taken does not tell which of the two was wrong.
    const kek = await deriveKey(passphrase, slot?.kdf ?? parsed.keyslots[0]!.kdf);
    let dek: Buffer;
    try {
      if (!slot) throw new IntegrityError();
      dek = openKeyslot(slot, fileVaultId, kek);
    } catch {
      throw new SkmError('WRONG_CREDENTIALS', WRONG_CREDENTIALS);
    } finally {
      kek.fill(0);
    }
    const { payload, ...fileHeader } = parsed;
    let upgraded: { doc: VaultDocument; migrated: boolean };
    try {
      // Checked against the file's own header; the adapter below writes the current version.
      upgraded = upgradeDocument(new EncryptedAdapter(file, fileHeader as VaultHeader, dek).decrypt(payload, parsed));
    } catch (err) {
      dek.fill(0);
      if (err instanceof SchemaError && err.reason === 'newer') throw new SkmError('VAULT_UNREADABLE', NEWER);
      throw new SkmError('VAULT_DAMAGED', DAMAGED);
    }
    // A version 1 or 2 file, or a keyslot its member has not opened since, becomes version 3 at the write just below:
    // this member gets a key pair (the data key stays); other members' old slots wait for their own unlock.
    let header: VaultHeader;
    try {
      header = await currentHeader(parsed, slot, passphrase, dek, options);
    } catch (err) {
      dek.fill(0);
      throw err;
    }
    const adapter = new EncryptedAdapter(file, header, dek, options.io ?? nodeIo);
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
      // One write records the unlock; it also carries any migration or file upgrade (the earlier generation stays in
      // vault.json.bak), and finishes a deletion whose cleaning write was owed when the app stopped.
      // Best effort: a full disk must not keep anyone out. What it did not write is written by the next change
      // (header upgrade) or the next unlock (migration, owed cleaning).
      const at = (options.now ?? new Date()).toISOString();
      const recordUnlock = (doc: VaultDocument) => {
        editable(
          doc.accounts,
          doc.accounts.find((a) => a.id === account.id)!,
        ).lastUnlockAt = at;
      };
      await vault.update(recordUnlock, { purgeBackup: upgraded.doc.purgePending === true }).catch((err: unknown) => {
        if (!(err instanceof SkmError && err.code === 'VAULT_WRITE_FAILED')) throw err;
      });
    }
    return vault;
  }

  /** The live document; inside a batch (see `batch`), the batch's draft, so each step sees the steps before it. */
  get data(): Readonly<VaultDocument> {
    if (this.closed) throw new SkmError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    if (this.applying) return this.applying;
    const batch = currentBatch.getStore();
    return batch?.vault === this && !batch.done ? batch.draft : this.db.data;
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
    const batch = currentBatch.getStore();
    if (batch?.vault === this && !batch.done) return this.applyInBatch(batch, mutate, options);
    return new Promise<T>((resolve, reject) => {
      const update: GroupedUpdate = { mutate, purge: options.purgeBackup === true, resolve: resolve as (value: unknown) => void, reject };
      if (this.gathering && this.gathering.length < MAX_GROUP) {
        this.gathering.push(update);
        return;
      }
      const group = [update];
      void this.enqueue(() => this.commitGroup(group));
      this.gathering = group; // after enqueue, which closes any earlier group
    });
  }

  /**
   * Group commit: updates that arrive while a write is under way wait for the next one together, and that one write
   * carries them all (10,000 concurrent Add Key calls cost a few dozen writes, not 10,000). Each caller still hears ok
   * only once its change is on disk. Each update runs on its own draft layered on the ones before it, so one that
   * throws (bad input) drops only its own changes; a failed write fails every update of the group, and then nothing
   * of the group has changed.
   */
  private async commitGroup(group: GroupedUpdate[]): Promise<void> {
    if (this.gathering === group) this.gathering = null;
    this.writing += 1;
    try {
      let draft: VaultDocument;
      try {
        draft = draftOf(this.data);
        if (this.readOnly) throw new SkmError('VAULT_READ_ONLY', READ_ONLY);
      } catch (error) {
        group.forEach((u) => u.reject(error));
        return;
      }
      let purge = false;
      const applied: Array<{ update: GroupedUpdate; result: unknown }> = [];
      for (const update of group) {
        const trial = group.length === 1 ? draft : draftOf(draft);
        this.applying = trial; // reads of `data` inside the mutation see the group's earlier changes, as a queue would
        try {
          applied.push({ update, result: update.mutate(trial) });
          draft = trial;
          purge ||= update.purge;
        } catch (error) {
          update.reject(error);
        } finally {
          this.applying = null;
        }
      }
      if (applied.length === 0) return;
      try {
        await this.commit(draft, purge);
      } catch (error) {
        applied.forEach(({ update }) => update.reject(error));
        return;
      }
      applied.forEach(({ update, result }) => update.resolve(result));
    } finally {
      this.writing -= 1;
    }
  }

  /**
   * Run `fn` so that every `update` it makes (from any service method, directly or not) changes one shared draft, and
   * the whole batch is written once at the end: all or nothing. If `fn` throws, or any update inside it fails (even
   * one whose error `fn` caught), nothing is written and the live document is unchanged. Updates from outside wait
   * until the batch is done; a `purgeBackup` update inside makes the batch's write a purging (double) write. Reads of
   * `data` inside the batch see the draft. Keyslot changes (members, passphrases) cannot run inside a batch.
   */
  batch<T>(fn: () => Promise<T>): Promise<T> {
    const outer = currentBatch.getStore();
    if (outer?.vault === this && !outer.done) return fn(); // nested: part of the batch already running
    const run = async (): Promise<T> => {
      this.writing += 1;
      try {
        const current = this.data;
        if (this.readOnly) throw new SkmError('VAULT_READ_ONLY', READ_ONLY);
        const batch: Batch = { vault: this, draft: draftOf(current), purge: false, done: false };
        let result: T;
        try {
          result = await currentBatch.run(batch, fn);
        } finally {
          batch.done = true;
        }
        if (batch.failed) throw batch.failed.error;
        if (this.closed) throw new SkmError('VAULT_LOCKED', 'The vault was locked before the changes were saved; nothing was changed.');
        await this.commit(batch.draft, batch.purge);
        return result;
      } finally {
        this.writing -= 1;
      }
    };
    return this.enqueue(run);
  }

  private applyInBatch<T>(batch: Batch, mutate: (draft: VaultDocument) => T, options: UpdateOptions): Promise<T> {
    try {
      if (batch.failed) throw batch.failed.error;
      if (this.closed) throw new SkmError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
      const result = mutate(batch.draft);
      if (options.purgeBackup) batch.purge = true;
      return Promise.resolve(result);
    } catch (error) {
      // The draft may hold half of this update: the batch as a whole can no longer be written.
      batch.failed ??= { error };
      return Promise.reject(error);
    }
  }

  /** Write a finished draft (twice for a purge, see `update`); it becomes the live document once on disk. */
  /**
   * Called with each draft about to be written and the generation it will be written as: the audit trail puts its
   * head (and the records it still owes) into the same write (see main/core/audit/audit-service.ts).
   */
  beforeCommit: ((draft: VaultDocument, generation: number) => void) | null = null;

  get generation(): number {
    return this.adapter.generation;
  }

  private async commit(draft: VaultDocument, purge: boolean): Promise<void> {
    if (purge) draft.purgePending = true;
    this.beforeCommit?.(draft, this.adapter.generation + 1);
    await this.write(draft, WRITE_FAILED);
    if (purge) await this.purge(draft);
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

  // ---- members' keyslots (vault file version 3) ----

  /**
   * Add a member: `mutate` adds the account to the draft (and refuses a taken username); the member's key pair gets a
   * keyslot holding the current data key, sealed to its public key. No other member's passphrase is needed.
   */
  addMember<T>(username: string, passphrase: string, mutate: (draft: VaultDocument) => T, kdf?: Omit<KdfParams, 'salt'>): Promise<T> {
    return this.rewrite(async (draft, slots) => {
      const result = mutate(draft);
      const id = keyslotId(this.adapter.lookupSalt, username);
      const slot = await newMemberKeyslot(id, this.adapter.vaultId, passphrase, (publicKey) => this.adapter.sealDataKeyFor(id, publicKey), kdf);
      return { result, keyslots: [...slots.filter((s) => s.id !== id), slot] };
    }, false);
  }

  /**
   * Remove a member and re-key: `mutate` removes the account from the draft; a fresh data key is sealed to every
   * remaining member's public key and the document re-encrypted under it, written twice so that vault.json.bak is
   * re-keyed too. The removed member's passphrase then opens neither file, nor any written later.
   */
  removeMember<T>(mutate: (draft: VaultDocument) => T): Promise<T> {
    return this.rewrite(async (draft, slots) => {
      const result = mutate(draft);
      const dek = randomBytes(32);
      try {
        return { result, keyslots: await this.resealAll(draft, slots, dek), dek };
      } catch (err) {
        dek.fill(0);
        throw err;
      }
    }, true);
  }

  /**
   * Change passphrase for the signed-in member: a new key pair for them and a new data key for everyone (sealed to
   * every member's public key), written twice so vault.json.bak holds nothing under the old key either. A leaked old
   * passphrase with an old copy of the file then reads nothing written from now on.
   */
  changePassphrase(current: string, next: string, kdf?: Omit<KdfParams, 'salt'>): Promise<void> {
    return this.rewrite(
      async (draft, slots) => {
        const slotId = keyslotId(this.adapter.lookupSalt, this.account.username);
        const own = slots.find((s) => s.id === slotId);
        if (!own) throw new SkmError('VAULT_DAMAGED', DAMAGED);
        try {
          (await unlockKeyslot(own, this.adapter.vaultId, current)).fill(0);
        } catch {
          throw new SkmError('WRONG_CREDENTIALS', 'The current passphrase is not correct.', 'currentPassphrase');
        }
        const dek = randomBytes(32);
        try {
          const mine = await newMemberKeyslot(slotId, this.adapter.vaultId, next, dek, kdf);
          const others = await this.resealAll(
            draft,
            slots.filter((s) => s.id !== slotId),
            dek,
          );
          return { result: undefined, keyslots: [...others, mine], dek };
        } catch (err) {
          dek.fill(0);
          throw err;
        }
      },
      true,
      {
        write: 'The new passphrase could not be saved to disk (is the disk full or read-only?). The old passphrase still opens the vault.',
        purge: PURGE_FAILED.replace('The deletion is saved', 'The new passphrase is saved'),
      },
    );
  }

  /**
   * Check a member's passphrase against their keyslot in the current file (a co-signing officer at the same desk).
   * Returns their account; throws WRONG_CREDENTIALS, with the words of unlock, for an unknown username or a wrong
   * passphrase, taking the same time for both.
   */
  async checkMemberPassphrase(username: string, passphrase: string): Promise<Account> {
    const doc = this.data;
    const slots = this.adapter.keyslots;
    const slot = slots.find((s) => s.id === keyslotId(this.adapter.lookupSalt, username));
    const account = findAccount(doc, username);
    const kek = await deriveKey(passphrase, slot?.kdf ?? slots[0]!.kdf);
    try {
      if (!slot || !account) throw new IntegrityError();
      openKeyslot(slot, this.adapter.vaultId, kek).fill(0);
    } catch {
      throw new SkmError('WRONG_CREDENTIALS', WRONG_CREDENTIALS);
    } finally {
      kek.fill(0);
    }
    return account;
  }

  /** Seal `dek` to each member of `draft` that has a slot in `slots` (a slot without a member is dropped). */
  private async resealAll(draft: VaultDocument, slots: Keyslot[], dek: Buffer): Promise<Keyslot[]> {
    const members = new Map(draft.accounts.map((a) => [keyslotId(this.adapter.lookupSalt, a.username), a]));
    const kept = slots.filter((s) => members.has(s.id));
    const waiting = kept.filter((s) => !isMemberKeyslot(s)).map((s) => members.get(s.id)!.username);
    if (waiting.length > 0) {
      throw new SkmError(
        'INVALID_STATE',
        `${waiting.join(', ')} must unlock the vault once (their keyslot is from an older version of the app) before the vault can be re-keyed.`,
      );
    }
    return Promise.all(kept.map(async (s) => (isMemberKeyslot(s) ? { ...s, dataKey: await sealDataKey(s.id, this.adapter.vaultId, s.publicKey, dek) } : s)));
  }

  /**
   * A write that changes keyslots (and maybe the data key) with the document, in the queue like any update.
   * With `purge`, written twice (the first marks purgePending, as for deletions): vault.json.bak must not keep the
   * previous generation (old key, old keyslots) either.
   */
  private rewrite<T>(
    change: (draft: VaultDocument, slots: Keyslot[]) => Promise<{ result: T; keyslots: Keyslot[]; dek?: Buffer }>,
    purge: boolean,
    failure: { write: string; purge: string } = { write: WRITE_FAILED, purge: PURGE_FAILED.replace('The deletion is saved', 'The change is saved') },
  ): Promise<T> {
    const batch = currentBatch.getStore();
    if (batch?.vault === this && !batch.done) return Promise.reject(new Error('keyslot changes cannot run inside a batch'));
    return this.enqueue(async () => {
      this.writing += 1;
      try {
        const current = this.data;
        if (this.readOnly) throw new SkmError('VAULT_READ_ONLY', READ_ONLY);
        const draft = draftOf(current);
        const { result, keyslots, dek } = await change(draft, [...this.adapter.keyslots]);
        if (purge) draft.purgePending = true;
        this.beforeCommit?.(draft, this.adapter.generation + 1);
        try {
          await this.adapter.rekey(keyslots, dek, draft);
        } catch {
          dek?.fill(0);
          throw new SkmError('VAULT_WRITE_FAILED', failure.write);
        }
        this.onDisk = draft;
        if (!this.closed) this.db.data = guardLive(draft);
        await this.rememberGeneration();
        if (purge) {
          const clean = { ...draft };
          delete clean.purgePending;
          await this.write(clean, failure.purge);
          await removeStaleTempFiles(this.file).catch(() => 0);
        }
        return result;
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
  close(final?: { beforeWrite: () => Promise<boolean> }): Promise<void> {
    if (this.closed) return this.released;
    this.closed = true;
    this.onDisk = this.db.data;
    this.db.data = null as unknown as VaultDocument;
    const finish = () => {
      this.adapter.wipe();
      this.lock.release(); // only now may another process open the vault: our last write is done
    };
    if (final && !this.readOnly) {
      // One last write after every queued one (Lock: the audit trail's head, once its last record is on disk). Nothing
      // else can be queued any more: `closed` is already set.
      this.released = this.enqueue(async () => {
        if (!(await final.beforeWrite())) return;
        const draft = draftOf(this.onDisk!);
        this.beforeCommit?.(draft, this.adapter.generation + 1);
        await this.adapter.write(draft);
        await this.rememberGeneration();
      })
        .catch(() => undefined)
        .then(finish);
    } else if (this.writing === 0) {
      finish();
      this.released = Promise.resolve();
    } else {
      this.released = this.queue.then(finish);
    }
    return this.released;
  }

  // ---- helpers ----

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    this.gathering = null; // anything queued after a group (a batch, a keyslot change, Lock) runs after it, in call order
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
    this.onDisk = doc;
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

/**
 * The header this vault is written with from now on: the file's own when it is current, else version 3 with the
 * unlocking member's keyslot replaced by a version 3 one (a key pair sealing the same data key).
 */
async function currentHeader(
  parsed: VaultFile | ReturnType<typeof parseVaultFile>,
  slot: Keyslot,
  passphrase: string,
  dek: Buffer,
  options: VaultOptions,
): Promise<VaultHeader> {
  const { payload: _payload, ...fileHeader } = parsed;
  if (!isLegacy(parsed) && isMemberKeyslot(slot)) return fileHeader as VaultHeader;
  const vaultId = parsed.version === 1 ? newId() : parsed.vaultId;
  const generation = parsed.version === 1 ? 0 : parsed.generation;
  const upgraded = await newMemberKeyslot(
    slot.id,
    vaultId,
    passphrase,
    dek,
    options.kdf ?? { name: slot.kdf.name, N: slot.kdf.N, r: slot.kdf.r, p: slot.kdf.p },
  );
  const keyslots = parsed.keyslots.map((s: Keyslot) => (s.id === slot.id ? upgraded : s));
  return { format: VAULT_FORMAT, version: VAULT_FILE_VERSION, vaultId, generation, lookupSalt: parsed.lookupSalt, keyslots };
}

/** Refuse a file older than the newest generation this computer has seen, unless an administrator accepts it. */
function checkGeneration(header: VaultHeader, account: Account, options: VaultOptions): void {
  const seen = options.state?.get();
  if (!seen || seen.vaultId !== header.vaultId || seen.generation === undefined || header.generation >= seen.generation) return;
  if (!options.acceptRollback) {
    throw new SkmError(
      'VAULT_ROLLED_BACK',
      `This vault file is older than the one last opened on this computer (it is generation ${header.generation}; generation ${seen.generation} was seen). ` +
        'Someone may have put back an old copy, which would bring deleted keys back. If you restored a backup on purpose, an ADMIN can unlock with "Accept restored vault" ticked.',
    );
  }
  if (account.role !== 'ADMIN') {
    throw new SkmError('FORBIDDEN', 'Only an ADMIN can accept a restored (older) vault. Ask an ADMIN to unlock it with "Accept restored vault" ticked.');
  }
}

export type { VaultFile };
