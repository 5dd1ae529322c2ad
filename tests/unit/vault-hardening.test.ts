import { chmod, copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyManager } from '../../main/core/key-manager';
import { createDispatcher } from '../../main/core/bridge';
import { deriveKey, newKdfParams, seal } from '../../main/core/vault/crypto';
import { CURRENT_SCHEMA_VERSION } from '../../main/core/vault/document';
import { nodeIo, type FileIo } from '../../main/core/vault/durable-file';
import { Vault } from '../../main/core/vault/vault';
import { keyslotAad, keyslotId } from '../../main/core/vault/vault-file';
import { FAST_KDF, FakeClock, PASSPHRASE, caller, tempDir } from './helpers';

const NEW_PASSPHRASE = 'a brand new passphrase 2026';
const now = new Date('2026-11-28T10:00:00Z');

async function manager(dir: string, clock?: FakeClock, backoff: (n: number) => number = () => 0) {
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, backoff, ...(clock ? { clock } : {}) });
  return { km, call: caller(createDispatcher(km)) };
}

async function withSecret(dir: string, clock?: FakeClock) {
  const { km, call } = await manager(dir, clock);
  await km.createVault({ username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
  const secret = await call('keys.create', { type: 'confidential', keyStoreId: store.id, name: 'DB password', data: 'marker-7f3a-secret' });
  return { km, call, store, secret };
}

const fileJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

describe('rollback protection (issue 7.3)', () => {
  it('refuses an older copy of vault.json put back after Immediately Delete, unless an administrator accepts it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    const { km, call, secret } = await withSecret(dir);
    await copyFile(file, path.join(dir, 'old-copy.json'));
    await call('keys.requestDeletion', { keyId: secret.id });
    await call('keys.deleteNow', { keyId: secret.id, confirmName: 'DB password' });
    await km.lock();
    await copyFile(path.join(dir, 'old-copy.json'), file);

    const again = await manager(dir);
    await expect(again.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'VAULT_ROLLED_BACK',
      message: expect.stringContaining('Accept restored vault'),
    });
    expect((await again.call('vault.status')).state).toBe('locked');
    const info = await again.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE, acceptRollback: true });
    expect(info.username).toBe('admin');
    expect(await again.call('keys.reveal', { keyId: secret.id })).toEqual({ data: 'marker-7f3a-secret' });
    await again.km.lock();
  });

  it('refuses the old payload under the current header (the header is authenticated with the payload)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    const { km, call, secret } = await withSecret(dir);
    const old = await fileJson(file);
    await call('keys.requestDeletion', { keyId: secret.id });
    await call('keys.deleteNow', { keyId: secret.id, confirmName: 'DB password' });
    await km.lock();
    const current = await fileJson(file);
    await writeFile(file, JSON.stringify({ ...current, payload: old.payload }));
    const again = await manager(dir);
    await expect(again.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
    // and a header whose generation was raised by hand fails the same way
    await writeFile(file, JSON.stringify({ ...old, generation: current.generation + 5 }));
    await expect(again.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
  });

  it('counts generations and remembers the newest one outside the vault file', async () => {
    const dir = await tempDir();
    const { km, call } = await withSecret(dir);
    const g1 = (await fileJson(path.join(dir, 'vault.json'))).generation;
    await call('keystores.create', { name: 'Second', authMethods: ['mac'] });
    const g2 = (await fileJson(path.join(dir, 'vault.json'))).generation;
    expect(g2).toBe(g1 + 1);
    expect((await fileJson(path.join(dir, 'vault.state.json'))).generation).toBe(g2);
    await km.lock();
  });

  it('opens a version 1 vault file (no generation) and rewrites it as version 3', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    const dek = Buffer.alloc(32, 7);
    const lookupSalt = Buffer.alloc(16, 1).toString('base64');
    const id = keyslotId(lookupSalt, 'admin');
    const kdf = newKdfParams(FAST_KDF);
    const wrappedKey = seal(await deriveKey(PASSPHRASE, kdf), dek, keyslotAad(id));
    const doc = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      appKey: 'a'.repeat(32),
      createdAt: now.toISOString(),
      accounts: [{ id: 'b'.repeat(32), username: 'admin', role: 'ADMIN', approvalRoles: [], createdAt: now.toISOString(), lastUnlockAt: null }],
      keyStores: [],
      keys: [],
      authEntries: [],
    };
    const payload = seal(dek, Buffer.from(JSON.stringify(doc)), Buffer.from('skm-vault/1/payload'));
    await writeFile(file, JSON.stringify({ format: 'skm-vault', version: 1, lookupSalt, keyslots: [{ id, kdf, wrappedKey }], payload }));
    const vault = await Vault.open(file, 'admin', PASSPHRASE);
    expect(vault.data.appKey).toBe('a'.repeat(32));
    await vault.close();
    const rewritten = await fileJson(file);
    expect(rewritten).toMatchObject({ version: 3, generation: 1, vaultId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(rewritten.keyslots[0]).toHaveProperty('publicKey');
    expect(rewritten.keyslots[0]).not.toHaveProperty('wrappedKey');
    expect((await Vault.open(file, 'admin', PASSPHRASE)).data.appKey).toBe('a'.repeat(32));
  });
});

describe('Change passphrase (issue 7.3)', () => {
  it('needs the current passphrase; afterwards only the new one opens the vault and its .bak', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    const { km, call, secret } = await withSecret(dir);
    const before = await fileJson(file);
    await expect(
      call('vault.changePassphrase', { currentPassphrase: 'not the passphrase', newPassphrase: NEW_PASSPHRASE, confirmPassphrase: NEW_PASSPHRASE }),
    ).rejects.toMatchObject({
      code: 'WRONG_CREDENTIALS',
      field: 'currentPassphrase',
    });
    await expect(
      call('vault.changePassphrase', { currentPassphrase: PASSPHRASE, newPassphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'newPassphrase' });
    await call('vault.changePassphrase', { currentPassphrase: PASSPHRASE, newPassphrase: NEW_PASSPHRASE, confirmPassphrase: NEW_PASSPHRASE });
    expect(await call('keys.reveal', { keyId: secret.id })).toEqual({ data: 'marker-7f3a-secret' }); // still unlocked and usable
    await km.lock();
    const after = await fileJson(file);
    // A new key pair for the member, and a new data key sealed to it.
    expect(after.keyslots[0].publicKey).not.toEqual(before.keyslots[0].publicKey);
    expect(after.keyslots[0].dataKey).not.toEqual(before.keyslots[0].dataKey);

    await copyFile(`${file}.bak`, path.join(dir, 'bak.json'));
    for (const f of [file, path.join(dir, 'bak.json')]) {
      await expect(Vault.open(f, 'admin', PASSPHRASE)).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
      const v = await Vault.open(f, 'admin', NEW_PASSPHRASE);
      expect(v.data.keys.map((k) => k.id)).toContain(secret.id);
      await v.close();
    }
    // The data key was replaced: the old copy's key cannot read the new payload (its keyslot opens, its payload box does not match).
    await writeFile(path.join(dir, 'mixed.json'), JSON.stringify({ ...before, payload: after.payload }));
    await expect(Vault.open(path.join(dir, 'mixed.json'), 'admin', PASSPHRASE)).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
  });
});

describe('deletions and Lock (issue 7.4, 8.4, 8.10)', () => {
  it('Immediately Delete racing Lock: 50 rounds, never ok with the deleted material still on disk', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    const { km, store } = await withSecret(dir);
    await km.lock();
    let oks = 0;
    for (let round = 0; round < 50; round++) {
      const { km: k, call: c } = await manager(dir);
      await c('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
      const marker = `round-${round}-material`;
      const key = await c('keys.create', { type: 'confidential', keyStoreId: store.id, name: `K${round}`, data: marker });
      await c('keys.requestDeletion', { keyId: key.id });
      const deleting = c('keys.deleteNow', { keyId: key.id, confirmName: `K${round}` }).then(
        () => true,
        () => false,
      );
      for (let i = 0; i < round % 6; i++) await new Promise((r) => setImmediate(r));
      const locking = k.lock(round % 2 ? 'idle' : 'user');
      const ok = await deleting;
      // wait for the lock to release the vault (its last write done), then look at every generation on disk
      await locking;
      const check = await Vault.open(file, 'admin', PASSPHRASE);
      const present = check.data.keys.some((x) => x.id === key.id);
      await check.close();
      await copyFile(`${file}.bak`, path.join(dir, 'bak.json'));
      const bak = await Vault.open(path.join(dir, 'bak.json'), 'admin', PASSPHRASE);
      const inBak = bak.data.keys.some((x) => x.id === key.id);
      await bak.close();
      if (ok) {
        oks += 1;
        expect(present, `round ${round}: deleted key still in vault.json`).toBe(false);
        expect(inBak, `round ${round}: deleted key still in vault.json.bak`).toBe(false);
      }
    }
    expect(oks).toBeGreaterThan(0);
  }, 60_000);

  it('when the cleaning write fails, memory equals disk and the next change or unlock finishes the cleaning', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    const { km, call, secret } = await withSecret(dir);
    await call('keys.requestDeletion', { keyId: secret.id });
    await km.lock();
    let renames = 0;
    let failing = true;
    const io: FileIo = {
      ...nodeIo,
      rename: async (a, b) => {
        renames += 1;
        if (failing && renames > 2) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        return nodeIo.rename(a, b);
      },
    };
    const vault = await Vault.open(file, 'admin', PASSPHRASE, { io });
    renames = 0;
    await expect(vault.update((doc) => void (doc.keys = doc.keys.filter((k) => k.id !== secret.id)), { purgeBackup: true })).rejects.toMatchObject({
      code: 'VAULT_WRITE_FAILED',
      message: expect.stringContaining('The deletion is saved'),
    });
    // In memory as on disk: the key is gone from both.
    expect(vault.data.keys.map((k) => k.id)).not.toContain(secret.id);
    expect(vault.data.purgePending).toBe(true);
    await vault.close();
    const bakBefore = await Vault.open(`${file}.bak`, 'admin', PASSPHRASE).catch(() => null);
    void bakBefore;
    // The next unlock owes the cleaning write and does it.
    failing = false;
    const reopened = await Vault.open(file, 'admin', PASSPHRASE);
    expect(reopened.data.keys.map((k) => k.id)).not.toContain(secret.id);
    expect(reopened.data.purgePending).toBeUndefined();
    await reopened.close();
    await copyFile(`${file}.bak`, path.join(dir, 'bak.json'));
    const bak = await Vault.open(path.join(dir, 'bak.json'), 'admin', PASSPHRASE);
    expect(bak.data.keys.map((k) => k.id)).not.toContain(secret.id);
    await bak.close();
  });

  it('a mutation that throws does not leave a write pending: Lock completes at once after refusals', async () => {
    const dir = await tempDir();
    const vault = await Vault.create(path.join(dir, 'vault.json'), 'admin', PASSPHRASE, now, { kdf: FAST_KDF });
    for (let i = 0; i < 3; i++)
      await expect(
        vault.update(() => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
    const closed = await Promise.race([vault.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('waiting'), 500))]);
    expect(closed).toBe('closed');
  });
});

describe('unlock back-off (issue 7.9)', () => {
  it('refuses attempts beyond the queue cap at once, with words', async () => {
    const dir = await tempDir();
    const { km } = await withSecret(dir);
    await km.lock();
    const slow = await manager(dir, undefined, () => 150);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => slow.call('vault.unlock', { username: 'admin', passphrase: 'wrong passphrase!!' })),
    );
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'UNLOCK_BUSY').length).toBe(6);
    expect(codes.filter((c) => c === 'WRONG_CREDENTIALS').length).toBe(4);
    const busy = results.find((r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'UNLOCK_BUSY') as PromiseRejectedResult;
    expect(busy.reason.message).toMatch(/Too many unlock attempts are waiting/);
  });

  it('keeps the failure count across restarts, and a success resets it', async () => {
    const dir = await tempDir();
    const { km } = await withSecret(dir);
    await km.lock();
    const seen: number[] = [];
    const first = await manager(dir, undefined, (n) => (seen.push(n), 0));
    for (let i = 0; i < 2; i++)
      await expect(first.call('vault.unlock', { username: 'admin', passphrase: 'wrong passphrase!!' })).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    const restarted = await manager(dir, undefined, (n) => (seen.push(n), 0));
    await expect(restarted.call('vault.unlock', { username: 'admin', passphrase: 'wrong passphrase!!' })).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS' });
    expect(seen.filter((n) => n > 0).slice(-1)[0]).toBe(3);
    await restarted.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
    expect((await fileJson(path.join(dir, 'vault.state.json'))).failedUnlocks).toBe(0);
    await restarted.km.lock();
  });
});

describe('data folder and settings (issue 7.10, 8.7)', () => {
  it('tightens an existing data folder to owner-only', async () => {
    if (process.platform === 'win32') return;
    const dir = path.join(await tempDir(), 'loose');
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await manager(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('a settings write that fails answers SETTINGS_WRITE_FAILED with the disk message, not INTERNAL', async () => {
    const dir = await tempDir();
    const { call } = await withSecret(dir);
    await call('settings.update', { autoLockMinutes: 7 });
    await rm(path.join(dir, 'settings.json'));
    await mkdir(path.join(dir, 'settings.json')); // any write to it now fails, even as root
    await expect(call('settings.update', { autoLockMinutes: 9 })).rejects.toMatchObject({
      code: 'SETTINGS_WRITE_FAILED',
      message: expect.stringContaining('disk full or read-only'),
    });
  });
});

describe('scheduler: overdue deletions and clock jumps (issue 8.9, 8.11)', () => {
  it('applies a deletion that fell due while the app was closed before unlock answers, even with a slow rotation due', async () => {
    const clock = new FakeClock();
    const dir = await tempDir();
    const { km, call, store, secret } = await withSecret(dir, clock);
    await call('keys.create', { type: 'asymmetric', keyStoreId: store.id, name: 'Slow', algorithm: 'RSA-4096', rotationCycleDays: 30 });
    await call('keys.requestDeletion', { keyId: secret.id });
    clock.advanceDays(6.5);
    await km.applyDue(); // the scheduler's last look at the clock before the app closed
    await km.lock();
    clock.advanceDays(0.7); // closed for less than a day; the deletion fell due meanwhile
    const again = await manager(dir, clock);
    await again.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
    await expect(again.call('keys.cancelDeletion', { keyId: secret.id })).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    await again.km.lock();
  }, 30_000);

  it('a clock that jumps ten years forward holds deletions for an administrator to confirm', async () => {
    const clock = new FakeClock();
    const dir = await tempDir();
    const { km, call, store, secret } = await withSecret(dir, clock);
    const early = await call('keys.create', { type: 'confidential', keyStoreId: store.id, name: 'Early', data: 'x' });
    await call('keys.requestDeletion', { keyId: early.id });
    clock.advanceDays(6.5);
    await km.applyDue();
    await call('keys.requestDeletion', { keyId: secret.id });
    clock.advanceDays(0.6); // Early is now due, Secret is not
    await km.applyDue();
    await expect(call('keys.get', { keyId: early.id })).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });

    clock.advanceDays(3650);
    await km.applyDue();
    expect(await call('keys.get', { keyId: secret.id })).toMatchObject({ status: 'scheduled-for-deletion' });
    expect((await call('vault.info')).heldDeletions).toMatchObject({ count: 1 });
    await km.applyDue(); // later passes keep holding
    expect(await call('keys.get', { keyId: secret.id })).toMatchObject({ status: 'scheduled-for-deletion' });

    const info = await call('vault.releaseHeldDeletions');
    expect(info.heldDeletions).toBeNull();
    await expect(call('keys.get', { keyId: secret.id })).rejects.toMatchObject({ code: 'KEY_NOT_FOUND' });
    await km.lock();
  });

  it('a held deletion can still be cancelled', async () => {
    const clock = new FakeClock();
    const dir = await tempDir();
    const { km, call, secret } = await withSecret(dir, clock);
    await call('keys.requestDeletion', { keyId: secret.id });
    await km.applyDue();
    clock.advanceDays(30);
    await km.applyDue();
    expect((await call('vault.info')).heldDeletions).toMatchObject({ count: 1 });
    expect(await call('keys.cancelDeletion', { keyId: secret.id })).toMatchObject({ status: 'in-service' });
    expect((await call('vault.info')).heldDeletions).toBeNull();
    await km.lock();
  });
});

describe('read-only data folder (issue 8.3)', () => {
  it('opens read-only with words: viewing works, changes are refused with VAULT_READ_ONLY, never INTERNAL', async () => {
    const { nodeLockFs } = await import('../../main/core/vault/instance-lock');
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    const { km, store } = await withSecret(dir);
    await km.lock();
    const erofs = () => {
      throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
    };
    const vault = await Vault.open(file, 'admin', PASSPHRASE, { lockFs: { ...nodeLockFs, writeFileSync: erofs, linkSync: erofs } });
    expect(vault.readOnly).toBe(true);
    expect(vault.data.keyStores.map((s) => s.id)).toContain(store.id);
    const before = await readFile(file);
    await expect(vault.update((doc) => void (doc.keyStores = []))).rejects.toMatchObject({
      code: 'VAULT_READ_ONLY',
      message: expect.stringContaining('make the folder writable'),
    });
    expect(await readFile(file)).toEqual(before);
    await vault.close();
  });
});
