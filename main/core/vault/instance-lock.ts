import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SkmError } from '../../../shared/errors';

/**
 * One process at a time may have a vault open: two writers (two windows, or Electron and the browser host) would
 * silently overwrite each other's changes. `<vault>.lock` holds the owner's pid. Synchronous on purpose: the files are
 * tiny, and release must finish inside lock() and at exit.
 *
 * Why exactly one process wins, even when several find the same stale lock at once:
 * - A lock is only ever created with link() of a complete temp file (fails with EEXIST when the name exists), so it is
 *   never seen half-written. Filesystems without hard links fall back to an exclusive create ('wx'); an empty or
 *   unreadable lock younger than FRESH_MS is then taken as being written and reported busy, never as stale.
 * - A stale lock (its pid is gone, or it is empty/garbage and old) is never unlinked. It is replaced with rename(),
 *   so the name never goes missing and nobody can sneak in with link(). Only the process holding the claim
 *   `<lock>.claim.<hash of the stale content>` (itself taken the same way, by link) may replace it, and only after
 *   re-reading, under the claim, that the lock still holds that very content and that it is still stale. So two
 *   processes can never both replace the same lock generation: the second one to get the claim sees new content.
 * - A claim left by a process that died while holding it is stale in its turn and is taken over by the same rule,
 *   one level down (claims of claims), so a crash at any instant never blocks the vault for good.
 * Content is the pid alone (as before), which is unique among running processes on one machine; the in-process
 * registry `held` tells "open here now" from "left here by a release that could not remove the file".
 * Not covered: several machines, or pid namespaces (containers) sharing one data folder; a pid is not meaningful there.
 */

/** The few synchronous filesystem calls the lock makes; tests pass failing ones (read-only folder, no hard links). */
export interface LockFs {
  writeFileSync: typeof fs.writeFileSync;
  linkSync: typeof fs.linkSync;
  renameSync: typeof fs.renameSync;
  readFileSync: typeof fs.readFileSync;
  unlinkSync: typeof fs.unlinkSync;
  statSync: typeof fs.statSync;
}
export const nodeLockFs: LockFs = {
  writeFileSync: fs.writeFileSync,
  linkSync: fs.linkSync,
  renameSync: fs.renameSync,
  readFileSync: fs.readFileSync,
  unlinkSync: fs.unlinkSync,
  statSync: fs.statSync,
};

export interface InstanceLock {
  /** Idempotent. Removes the file only while it still names this process; if it cannot (read-only folder), the next
   * acquire in this process recognises the file as its own instead of answering VAULT_IN_USE. */
  release(): void;
  /** The data folder refuses new files (EROFS, EACCES, EPERM creating the lock). The vault may be opened to read but
   * must refuse every change with VAULT_READ_ONLY; no other process can write there either, so nothing can be lost.
   * A lock file left by this process is adopted (and removed at release if the folder became writable). */
  readonly readOnly: boolean;
}

/** An empty or unreadable lock younger than this may be one being written: busy for now, not stale. */
export const FRESH_MS = 10_000;
/** Claims of claims: each level is needed only when a process died inside the previous one's few microseconds. */
const MAX_CLAIM_DEPTH = 4;
const ATTEMPTS = 8;

/** Lock files this process holds now (resolved paths). */
const held = new Set<string>();

type Outcome = { kind: 'won' } | { kind: 'live'; pid: number } | { kind: 'busy' };
type Verdict = Outcome | { kind: 'stale' } | { kind: 'ours' };

class ReadOnlyFolder extends Error {}

const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);
const errCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errCode(err) === 'EPERM'; // exists, owned by someone else
  }
};

export function acquireInstanceLock(vaultFile: string, io: LockFs = nodeLockFs): InstanceLock {
  const lockFile = path.resolve(`${vaultFile}.lock`);
  if (held.has(lockFile)) {
    throw new SkmError('VAULT_IN_USE', `This vault is already open in this Secure Key Manager process (pid ${process.pid}). Lock it first.`);
  }
  const taker = new Taker(lockFile, io);
  let outcome: Outcome;
  let readOnly = false;
  try {
    outcome = taker.take(lockFile, 0);
  } catch (err) {
    if (!(err instanceof ReadOnlyFolder)) throw err;
    readOnly = true;
    outcome = taker.readOnlyOutcome(lockFile);
  } finally {
    taker.dispose();
  }
  if (outcome.kind === 'live') {
    throw new SkmError(
      'VAULT_IN_USE',
      `This vault is open in another Secure Key Manager process (pid ${outcome.pid}). Lock or close it there first; if no other copy is running, delete ${lockFile}.`,
    );
  }
  if (outcome.kind === 'busy') {
    throw new SkmError('VAULT_IN_USE', 'This vault is being opened by another process. Try again in a moment.');
  }
  held.add(lockFile);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(lockFile);
    // Remove the file only while it names us; if removal fails (read-only folder), the next acquire recognises it as ours.
    try {
      if (taker.read(lockFile) === taker.mine) unlinkQuietly(io, lockFile);
    } catch {
      // unreadable now: leave it; a lock that names a gone process is stale for the next one
    }
  };
  return { release, readOnly };
}

/** One acquisition attempt: a temp file with our pid, linked (or renamed) onto the lock or a claim. */
class Taker {
  readonly mine = String(process.pid);
  private readonly tmp: string;
  private tmpExists = false;
  private linkUnsupported = false;

  constructor(
    lockFile: string,
    private readonly io: LockFs,
  ) {
    this.tmp = path.join(path.dirname(lockFile), `.${path.basename(lockFile)}.${randomBytes(8).toString('hex')}.tmp`);
  }

  take(name: string, depth: number): Outcome {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (this.createExclusive(name)) return { kind: 'won' };
      const seen = this.read(name);
      if (seen === undefined) continue; // released in the meantime: try to create it again
      const verdict = this.judge(name, seen);
      if (verdict.kind === 'ours') return { kind: 'won' }; // left by this process (a release that could not remove it)
      if (verdict.kind !== 'stale') return verdict;
      if (depth >= MAX_CLAIM_DEPTH) return { kind: 'busy' };
      const claim = `${name}.claim.${createHash('sha256').update(seen).digest('hex').slice(0, 16)}`;
      const claimed = this.take(claim, depth + 1);
      if (claimed.kind !== 'won') return { kind: 'busy' }; // another process is taking this lock over right now
      try {
        // Under the claim, nobody else may replace `name` while it holds `seen`: check it still does, and is still stale.
        const now = this.read(name);
        if (now !== seen || this.judge(name, now).kind !== 'stale') continue;
        if (!this.replace(name)) return { kind: 'busy' };
        if (this.read(name) === this.mine) return { kind: 'won' };
      } finally {
        unlinkQuietly(this.io, claim);
      }
    }
    return { kind: 'busy' };
  }

  /** The folder refuses new files: we can still tell whether someone else has the vault open, and adopt our own lock. */
  readOnlyOutcome(lockFile: string): Outcome {
    const seen = this.read(lockFile);
    if (seen === undefined) return { kind: 'won' };
    const verdict = this.judge(lockFile, seen);
    return verdict.kind === 'live' ? verdict : { kind: 'won' }; // stale or busy: nothing can be written here anyway
  }

  dispose(): void {
    if (this.tmpExists) unlinkQuietly(this.io, this.tmp);
    this.tmpExists = false;
  }

  read(name: string): string | undefined {
    try {
      return this.io.readFileSync(name, 'utf8') as string;
    } catch (err) {
      if (errCode(err) === 'ENOENT') return undefined;
      throw err;
    }
  }

  private judge(name: string, content: string): Verdict {
    const match = /^\s*(\d{1,10})\s*$/.exec(content);
    const pid = match ? Number(match[1]) : 0;
    if (pid > 0) {
      if (pid === process.pid) return { kind: 'ours' };
      return isRunning(pid) ? { kind: 'live', pid } : { kind: 'stale' };
    }
    let ageMs: number;
    try {
      ageMs = Date.now() - this.io.statSync(name).mtimeMs;
    } catch (err) {
      if (errCode(err) === 'ENOENT') return { kind: 'busy' };
      throw err;
    }
    return Math.abs(ageMs) < FRESH_MS ? { kind: 'busy' } : { kind: 'stale' };
  }

  /** Creates `name` holding our pid if it does not exist; false if it does. */
  private createExclusive(name: string): boolean {
    if (this.linkUnsupported) return this.createDirectly(name);
    this.ensureTmp();
    try {
      this.io.linkSync(this.tmp, name);
      return true;
    } catch (err) {
      const code = errCode(err);
      if (code === 'EEXIST') return false;
      if (code === 'ENOENT') {
        this.tmpExists = false; // someone removed our temp file; make it again on the next attempt
        return false;
      }
      this.linkUnsupported = true; // FAT, exFAT, some network shares
      return this.createDirectly(name);
    }
  }

  private createDirectly(name: string): boolean {
    try {
      this.io.writeFileSync(name, this.mine, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (err) {
      const code = errCode(err);
      if (code === 'EEXIST') return false;
      if (code && READ_ONLY_CODES.has(code)) throw new ReadOnlyFolder();
      throw err;
    }
  }

  /** Atomically puts our pid in place of the current `name` (the caller holds its claim). */
  private replace(name: string): boolean {
    this.ensureTmp();
    try {
      this.io.renameSync(this.tmp, name);
      this.tmpExists = false;
      return true;
    } catch (err) {
      // Windows refuses to replace a file another process has open this instant.
      if (process.platform === 'win32' && ['EPERM', 'EBUSY', 'EACCES'].includes(errCode(err) ?? '')) return false;
      throw err;
    }
  }

  private ensureTmp(): void {
    if (this.tmpExists) return;
    try {
      this.io.writeFileSync(this.tmp, this.mine, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      const code = errCode(err);
      if (code && READ_ONLY_CODES.has(code)) throw new ReadOnlyFolder();
      throw err;
    }
    this.tmpExists = true;
  }
}

function unlinkQuietly(io: LockFs, file: string): void {
  try {
    io.unlinkSync(file);
  } catch {
    // already gone, or the folder became read-only: the next acquire recognises a lock that names us
  }
}
