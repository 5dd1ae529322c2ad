import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FRESH_MS, acquireInstanceLock, nodeLockFs, type LockFs } from '../../main/core/vault/instance-lock';
import { tempDir } from './helpers';

const FIXTURE = path.resolve(__dirname, 'fixtures/lock-contender.ts');

/** A pid that was just used and no longer runs. */
function deadPid(): number {
  const pid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  expect(pid).toBeGreaterThan(0);
  return pid;
}
/** A process that runs for the whole test: the one that started this test worker. */
const livePid = process.ppid;

async function lockPaths() {
  const dir = await tempDir();
  const file = path.join(dir, 'vault.json');
  return { dir, file, lockFile: `${file}.lock` };
}

const claimOf = (name: string, content: string) => `${name}.claim.${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
const makeOld = (file: string) => {
  const old = new Date(Date.now() - 60_000);
  utimesSync(file, old, old);
};
const errno = (code: string) => () => {
  throw Object.assign(new Error(`${code}: simulated`), { code });
};
/** A data folder that refuses every change (what EROFS, or EACCES/EPERM for a non-root user, looks like). */
const readOnlyFs = (code: string): LockFs => ({
  ...nodeLockFs,
  writeFileSync: errno(code),
  linkSync: errno(code),
  renameSync: errno(code),
  unlinkSync: errno(code),
});

describe('instance lock', () => {
  it('takes a free lock, writes our pid, refuses a second open in the same process, and release removes it', async () => {
    const { dir, file, lockFile } = await lockPaths();
    const lock = acquireInstanceLock(file);
    expect(lock.readOnly).toBe(false);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    expect(() => acquireInstanceLock(file)).toThrow(
      expect.objectContaining({ code: 'VAULT_IN_USE', message: expect.stringContaining('already open in this') }),
    );
    lock.release();
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a lock held by a running process and leaves it as it is', async () => {
    const { lockFile, file } = await lockPaths();
    writeFileSync(lockFile, String(livePid));
    expect(() => acquireInstanceLock(file)).toThrow(expect.objectContaining({ code: 'VAULT_IN_USE', message: expect.stringContaining(`pid ${livePid}`) }));
    expect(readFileSync(lockFile, 'utf8')).toBe(String(livePid));
  });

  it('takes over a lock whose process is gone, or an old empty or garbage one, and leaves no temp or claim file', async () => {
    for (const [content, old] of [
      [String(deadPid()), false],
      [`${deadPid()}\n`, false],
      ['', true],
      ['garbage', true],
    ] as const) {
      const { dir, file, lockFile } = await lockPaths();
      writeFileSync(lockFile, content);
      if (old) makeOld(lockFile);
      const lock = acquireInstanceLock(file);
      expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
      expect(readdirSync(dir)).toEqual(['vault.json.lock']);
      lock.release();
    }
  });

  it(`treats an empty or garbage lock younger than ${FRESH_MS / 1000} s as one being written: busy, untouched`, async () => {
    for (const content of ['', '12ab']) {
      const { lockFile, file } = await lockPaths();
      writeFileSync(lockFile, content);
      expect(() => acquireInstanceLock(file)).toThrow(
        expect.objectContaining({ code: 'VAULT_IN_USE', message: expect.stringContaining('Try again in a moment') }),
      );
      expect(readFileSync(lockFile, 'utf8')).toBe(content);
    }
  });

  it('does not replace a stale lock that another process took over right after we read it (the lost-update race)', async () => {
    const { lockFile, file } = await lockPaths();
    writeFileSync(lockFile, String(deadPid()));
    // Between our first read and anything else, another host replaces the stale lock with its own (as the old code's
    // "unlink stale, create fresh" did). The old code then unlinked that fresh lock and both hosts had the vault open.
    let reads = 0;
    const racing: LockFs = {
      ...nodeLockFs,
      readFileSync: ((...args: Parameters<typeof readFileSync>) => {
        const text = readFileSync(...args);
        if (args[0] === path.resolve(lockFile) && ++reads === 1) {
          writeFileSync(`${lockFile}.other`, String(livePid));
          renameSync(`${lockFile}.other`, lockFile);
        }
        return text;
      }) as LockFs['readFileSync'],
    };
    expect(() => acquireInstanceLock(file, racing)).toThrow(
      expect.objectContaining({ code: 'VAULT_IN_USE', message: expect.stringContaining(`pid ${livePid}`) }),
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(String(livePid));
    expect(readdirSync(path.dirname(file))).toEqual(['vault.json.lock']);
  });

  it('waits out a takeover in progress (claim held by a running process), and breaks a claim whose process died', async () => {
    const { dir, lockFile, file } = await lockPaths();
    const stale = String(deadPid());
    writeFileSync(lockFile, stale);
    const claim = claimOf(path.resolve(lockFile), stale);
    writeFileSync(claim, String(livePid));
    expect(() => acquireInstanceLock(file)).toThrow(
      expect.objectContaining({ code: 'VAULT_IN_USE', message: expect.stringContaining('Try again in a moment') }),
    );
    expect(readFileSync(lockFile, 'utf8')).toBe(stale);

    writeFileSync(claim, String(deadPid())); // the claimer crashed inside its few microseconds
    const lock = acquireInstanceLock(file);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    expect(readdirSync(dir)).toEqual(['vault.json.lock']);
    lock.release();
  });

  it('works where hard links are not supported (FAT, exFAT): exclusive create instead', async () => {
    const { dir, lockFile, file } = await lockPaths();
    const noLinks: LockFs = { ...nodeLockFs, linkSync: errno('EPERM') };
    const first = acquireInstanceLock(file, noLinks);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    first.release();
    writeFileSync(lockFile, String(deadPid()));
    const second = acquireInstanceLock(file, noLinks);
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    second.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('release leaves a lock that no longer names this process', async () => {
    const { lockFile, file } = await lockPaths();
    const lock = acquireInstanceLock(file);
    writeFileSync(lockFile, String(livePid));
    lock.release();
    expect(readFileSync(lockFile, 'utf8')).toBe(String(livePid));
  });
});

describe('instance lock: our own leftover lock, and read-only folders', () => {
  it('after a release that could not remove the file, the next open in this process reuses it instead of VAULT_IN_USE naming our own pid', async () => {
    const { dir, lockFile, file } = await lockPaths();
    const cannotRemoveLock = ((name: string) => (name === lockFile ? errno('EROFS')() : nodeLockFs.unlinkSync(name))) as LockFs['unlinkSync'];
    const first = acquireInstanceLock(file, { ...nodeLockFs, unlinkSync: cannotRemoveLock });
    first.release(); // lock() on a folder that became read-only: the file stays
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));

    const again = acquireInstanceLock(file);
    expect(again.readOnly).toBe(false);
    again.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a lock file naming our pid that this process does not hold (pid reused after a restart) is ours to reuse', async () => {
    const { lockFile, file } = await lockPaths();
    writeFileSync(lockFile, String(process.pid));
    const lock = acquireInstanceLock(file);
    expect(() => acquireInstanceLock(file)).toThrow(expect.objectContaining({ code: 'VAULT_IN_USE' }));
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it.each(['EROFS', 'EACCES', 'EPERM'])('a folder that refuses new files (%s) gives readOnly, not a raw errno', async (code) => {
    const { dir, file } = await lockPaths();
    const lock = acquireInstanceLock(file, readOnlyFs(code));
    expect(lock.readOnly).toBe(true);
    expect(() => acquireInstanceLock(file, readOnlyFs(code))).toThrow(expect.objectContaining({ code: 'VAULT_IN_USE' }));
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
    acquireInstanceLock(file, readOnlyFs(code)).release();
  });

  it('read-only with our own lock left behind: readOnly, adopting it (the unlock after a failed lock)', async () => {
    const { lockFile, file } = await lockPaths();
    writeFileSync(lockFile, String(process.pid));
    const lock = acquireInstanceLock(file, readOnlyFs('EROFS'));
    expect(lock.readOnly).toBe(true);
    lock.release(); // cannot remove it: still read-only
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
  });

  it('read-only, but another running process has it open: VAULT_IN_USE; a stale lock there: readOnly', async () => {
    const { lockFile, file } = await lockPaths();
    writeFileSync(lockFile, String(livePid));
    expect(() => acquireInstanceLock(file, readOnlyFs('EACCES'))).toThrow(
      expect.objectContaining({ code: 'VAULT_IN_USE', message: expect.stringContaining(`pid ${livePid}`) }),
    );
    writeFileSync(lockFile, String(deadPid()));
    const lock = acquireInstanceLock(file, readOnlyFs('EACCES'));
    expect(lock.readOnly).toBe(true);
    lock.release();
  });
});

/** Real processes (the lock is keyed by pid) racing for one stale lock, as two hosts unlocking at once did. */
describe('instance lock: processes racing for a stale lock', () => {
  type Reply = { ready?: number; won?: boolean; code?: string; message?: string; released?: boolean };
  class Contender {
    readonly replies: Reply[] = [];
    private waiting: ((r: Reply) => void) | undefined;
    pid = 0;
    constructor(readonly child: ChildProcess) {
      child.on('message', (r: Reply) => {
        if (this.waiting) {
          const w = this.waiting;
          this.waiting = undefined;
          w(r);
        } else this.replies.push(r);
      });
    }
    next(): Promise<Reply> {
      const queued = this.replies.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => (this.waiting = resolve));
    }
  }
  // SKM_LOCK_MODULE=<absolute path of another instance-lock.ts> races that one instead (to see the old code fail).
  const implementation = process.env.SKM_LOCK_MODULE ? [process.env.SKM_LOCK_MODULE] : [];
  let pool: Promise<Contender[]> | undefined;
  afterAll(async () => {
    for (const c of (await pool) ?? []) c.child.kill();
  });

  /** Four processes started once (a tsx start takes a second or two), shared by the races. */
  function contenders(n: number): Promise<Contender[]> {
    pool ??= (async () => {
      const list = Array.from({ length: 4 }, () => {
        const child = fork(FIXTURE, implementation, {
          execArgv: ['--import', 'tsx'],
          cwd: path.resolve(__dirname, '../..'),
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        return new Contender(child);
      });
      for (const c of list) c.pid = (await c.next()).ready!;
      return list;
    })();
    return pool.then((list) => list.slice(0, n));
  }

  const STALE = ['dead pid', 'empty file', 'garbage'] as const;

  async function race(n: number, rounds: number) {
    const started = Date.now();
    const racers = await contenders(n);
    const spawnedMs = Date.now() - started;
    const { dir, file, lockFile } = await lockPaths();
    const gone = deadPid();
    const bad: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const kind = STALE[round % STALE.length]!;
      writeFileSync(lockFile, kind === 'dead pid' ? String(gone) : kind === 'empty file' ? '' : 'garbage');
      if (kind !== 'dead pid') makeOld(lockFile);
      const at = Date.now() + 5;
      for (const r of racers) r.child.send({ file, at });
      const replies = await Promise.all(racers.map((r) => r.next()));
      const winners = racers.filter((_, i) => replies[i]!.won);
      const holder = readFileSync(lockFile, 'utf8');
      if (winners.length !== 1 || holder !== String(winners[0]!.pid) || replies.some((r) => !r.won && r.code !== 'VAULT_IN_USE')) {
        bad.push(`round ${round} (${kind}): ${winners.length} winners, lock names ${holder}, ${JSON.stringify(replies)}`);
      }
      for (const r of racers) r.child.send({ release: true });
      await Promise.all(racers.map((r) => r.next()));
      const left = readdirSync(dir);
      if (left.length > 0) bad.push(`round ${round} (${kind}): left behind ${left.join(', ')}`);
      rmSync(lockFile, { force: true });
    }
    console.log(`${n} processes x ${rounds} rounds: ${Date.now() - started} ms (${spawnedMs} ms to start them), ${bad.length} bad rounds`);
    expect(bad, `${bad.length} of ${rounds} rounds went wrong`).toEqual([]);
  }

  it('2 processes, 200 rounds: exactly one wins every round', async () => {
    await race(2, 200);
  }, 60_000);

  it('4 processes, 200 rounds: exactly one wins every round', async () => {
    await race(4, 200);
  }, 60_000);
});
