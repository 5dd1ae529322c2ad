import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { combine } from 'shamir-secret-sharing';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyManager } from '../../main/core/key-manager';
import { createDispatcher } from '../../main/core/bridge';
import { createBackup, inspectBackup, restoreBackup, type RestoreSecret } from '../../main/core/backup/backup';
import { shareBytes } from '../../main/core/backup/shares';
import { nodeIo, type FileIo } from '../../main/core/vault/durable-file';
import { FAST_KDF, PASSPHRASE, caller, newManager, tempDir, unlockedManager } from './helpers';

/** Cheap scrypt for the backup passphrase: same format and code path, lower cost. */
const FAST = { N: 1024, r: 8, p: 1 };
const BACKUP_PASS = 'backup ceremony passphrase 2026';
const BOB = 'officer bob passphrase 2026';
const STORE_NAME = 'Payments Settlement Store';
const KEY_NAME = 'Settlement Tokens';
const AUDIT_MARKER = 'AUDIT-RECORD-PLAINTEXT-7f3a';
const CARD = 'card 4111 1111 1111 1111';

const text = (data: string) => ({ data, encoding: 'utf8' as const });

/** A vault with a key store, a key, a second member and an audit trail (opaque here), plus files a backup leaves out. */
async function populatedVault() {
  const ctx = await unlockedManager();
  const call = caller(ctx.dispatch);
  const store = await call('keystores.create', { name: STORE_NAME, authMethods: ['ipv4'] });
  const key = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: KEY_NAME });
  const sealed = await call('keys.encrypt', { keyId: key.id, payload: text(CARD) });
  await call('members.add', { username: 'officer-bob', passphrase: BOB, confirmPassphrase: BOB, role: 'MEMBER' });
  // Any audit.* file is carried as opaque bytes (beside the trail's own audit.log, which the app appends to).
  await fs.writeFile(path.join(ctx.dir, 'audit.archive.0001'), `${AUDIT_MARKER}\n`);
  // Never in a backup: leftovers of writes and locks beside the trail.
  await fs.writeFile(path.join(ctx.dir, 'audit.log.tmp'), 'half-written');
  await fs.writeFile(path.join(ctx.dir, 'audit.log.lock'), '123');
  await fs.writeFile(path.join(ctx.dir, 'notes.txt'), 'not part of a vault');
  return { ...ctx, call, keyId: key.id as string, ciphertext: sealed.ciphertext as string };
}

/** Every file of a folder and its bytes (or null for a missing folder), to prove a refusal changed nothing. */
async function snapshot(dir: string): Promise<Record<string, string> | null> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).sort();
  } catch {
    return null;
  }
  const out: Record<string, string> = {};
  for (const n of names) out[n] = (await fs.readFile(path.join(dir, n))).toString('base64');
  return out;
}

/** A target folder as the Create vault screen leaves it: settings.json already written by the app. */
async function targetWithSettings(): Promise<string> {
  const dir = path.join(await tempDir(), 'target');
  await fs.mkdir(dir);
  await fs.writeFile(path.join(dir, 'settings.json'), '{"autoLockMinutes":5}');
  return dir;
}

async function expectRefused(promise: Promise<unknown>, code: string, message?: RegExp, field?: string) {
  const err = (await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  )) as { code?: string; message: string; field?: string };
  expect(err.code, err.message).toBe(code);
  if (message) expect(err.message).toMatch(message);
  if (field !== undefined) expect(err.field).toBe(field);
  return err;
}

/** Rewrites a backup's JSON (a person or program editing the file). */
function alter(bytes: Buffer, edit: (doc: any) => void): Buffer {
  const doc = JSON.parse(bytes.toString('utf8'));
  edit(doc);
  return Buffer.from(JSON.stringify(doc, null, 2));
}
const flipBase64 = (b64: string, at = 0): string => {
  const raw = Buffer.from(b64, 'base64');
  raw[at] = raw[at]! ^ 0x01;
  return raw.toString('base64');
};

/** Opens a restored folder with a new app instance, as after a restart, and checks members and keys. */
async function opensAsBefore(dir: string, keyId: string, ciphertext: string) {
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, backoff: () => 0 });
  const call = caller(createDispatcher(km));
  try {
    await call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
    expect((await call('keystores.list')).map((s: { name: string }) => s.name)).toEqual([STORE_NAME]);
    expect(await call('keys.decrypt', { keyId, ciphertext })).toMatchObject({ text: CARD });
    expect((await call('members.list')).map((m: { username: string }) => m.username).sort()).toEqual(['admin', 'officer-bob']);
    await km.lock();
    await call('vault.unlock', { username: 'officer-bob', passphrase: BOB });
    expect(await call('keys.decrypt', { keyId, ciphertext })).toMatchObject({ text: CARD });
    await km.lock();
    await expectRefused(call('vault.unlock', { username: 'officer-bob', passphrase: PASSPHRASE }), 'WRONG_CREDENTIALS');
  } finally {
    await km.shutdown();
  }
}

const subsets = <T>(items: readonly T[], size: number): T[][] =>
  size === 0 ? [[]] : items.flatMap((item, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));

describe('backup and restore with a backup passphrase', () => {
  it('round trip: a restored vault opens with the same members, passphrases and keys', async () => {
    const v = await populatedVault();
    const vaultBefore = await fs.readFile(path.join(v.dir, 'vault.json'));
    const filesBefore: Record<string, Buffer> = {};
    for (const name of await fs.readdir(v.dir)) filesBefore[name] = await fs.readFile(path.join(v.dir, name));
    // Taken while the vault is open: vault.json is only ever replaced by rename, so it is read whole.
    const backup = await createBackup(v.dir, { passphrase: BACKUP_PASS }, { kdf: FAST, now: new Date('2026-12-01T08:00:00Z') });
    expect(backup.shares).toBeUndefined();
    expect(inspectBackup(backup.bytes)).toEqual({ backupId: backup.backupId, createdAt: '2026-12-01T08:00:00.000Z', protection: { kind: 'passphrase' } });

    const target = path.join(await tempDir(), 'restored', 'data'); // does not exist yet
    await restoreBackup(target, backup.bytes, { passphrase: BACKUP_PASS });
    // The vault, its trail and settings; never the previous generation, this computer's state, locks, temp or other files.
    const restored = (await fs.readdir(target)).sort();
    expect(restored).toEqual(expect.arrayContaining(['audit.archive.0001', 'settings.json', 'vault.json']));
    expect(restored.every((n) => ['vault.json', 'settings.json'].includes(n) || n.startsWith('audit.'))).toBe(true);
    expect(await fs.readdir(v.dir)).toEqual(expect.arrayContaining(['vault.json.bak', 'vault.state.json', 'vault.json.lock', 'notes.txt']));
    for (const left of ['vault.json.bak', 'vault.state.json', 'vault.json.lock', 'audit.log.tmp', 'audit.log.lock', 'notes.txt'])
      expect(restored).not.toContain(left);
    expect(await fs.readFile(path.join(target, 'vault.json'))).toEqual(vaultBefore);
    for (const name of restored) expect(await fs.readFile(path.join(target, name)), name).toEqual(filesBefore[name]);
    if (process.platform !== 'win32') {
      for (const name of await fs.readdir(target)) expect((await fs.stat(path.join(target, name))).mode & 0o777).toBe(0o600);
      expect((await fs.stat(target)).mode & 0o777).toBe(0o700);
    }
    await opensAsBefore(target, v.keyId, v.ciphertext);
  });

  it('restores into the folder of a running app at the Create vault screen (settings.json already there)', async () => {
    const v = await populatedVault();
    const backup = await createBackup(v.dir, { passphrase: BACKUP_PASS }, { kdf: FAST });
    const fresh = await newManager(); // writes settings.json with defaults, as the app does at start
    expect(await fresh.km.status()).toEqual({ state: 'new' });
    await restoreBackup(fresh.dir, backup.bytes, { passphrase: BACKUP_PASS });
    expect(await fresh.km.status()).toEqual({ state: 'locked' });
    const call = caller(fresh.dispatch);
    await call('vault.unlock', { username: 'officer-bob', passphrase: BOB });
    expect(await call('keys.decrypt', { keyId: v.keyId, ciphertext: v.ciphertext })).toMatchObject({ text: CARD });
    await fresh.km.shutdown();
  });

  it('refuses a wrong backup passphrase and leaves the folder untouched', async () => {
    const v = await populatedVault();
    const backup = await createBackup(v.dir, { passphrase: BACKUP_PASS }, { kdf: FAST });
    const target = await targetWithSettings();
    const before = await snapshot(target);
    await expectRefused(
      restoreBackup(target, backup.bytes, { passphrase: 'backup ceremony passphrase 2025' }),
      'WRONG_CREDENTIALS',
      /^The backup passphrase is not correct, or the file was altered\./,
    );
    expect(await snapshot(target)).toEqual(before);
    const missing = path.join(await tempDir(), 'never-made');
    await expectRefused(restoreBackup(missing, backup.bytes, { passphrase: 'wrong' }), 'WRONG_CREDENTIALS');
    expect(await snapshot(missing)).toBeNull();
    // A shares secret for a passphrase backup is a wrong form, said in words.
    await expectRefused(restoreBackup(target, backup.bytes, { shares: [] }), 'VALIDATION_FAILED', /backup passphrase/);
    await expectRefused(restoreBackup(target, backup.bytes, { passphrase: '' }), 'VALIDATION_FAILED', /Enter the backup passphrase/, 'passphrase');
    expect(await snapshot(target)).toEqual(before);
  });

  describe('refuses an altered or damaged file, and leaves the folder untouched', () => {
    const cases: Array<[string, (b: Buffer) => Buffer, string, RegExp?]> = [
      ['a flipped ciphertext byte', (b) => alter(b, (d) => (d.payload.ciphertext = flipBase64(d.payload.ciphertext, 17))), 'WRONG_CREDENTIALS', /altered/],
      ['a flipped tag byte', (b) => alter(b, (d) => (d.payload.tag = flipBase64(d.payload.tag))), 'WRONG_CREDENTIALS', /altered/],
      ['a flipped iv byte', (b) => alter(b, (d) => (d.payload.iv = flipBase64(d.payload.iv))), 'WRONG_CREDENTIALS', /altered/],
      ['a changed createdAt', (b) => alter(b, (d) => (d.createdAt = '2020-01-01T00:00:00.000Z')), 'WRONG_CREDENTIALS', /altered/],
      ['a changed backupId', (b) => alter(b, (d) => (d.backupId = '0'.repeat(32))), 'WRONG_CREDENTIALS', /altered/],
      ['a changed KDF salt', (b) => alter(b, (d) => (d.protection.kdf.salt = flipBase64(d.protection.kdf.salt))), 'WRONG_CREDENTIALS', /altered/],
      ['a changed KDF cost', (b) => alter(b, (d) => (d.protection.kdf.N = 2048)), 'WRONG_CREDENTIALS', /altered/],
      ['a KDF cost beyond what a backup may ask', (b) => alter(b, (d) => (d.protection.kdf.N = 2 ** 24)), 'VAULT_DAMAGED', /protection\.kdf\.N/],
      ['an added field', (b) => alter(b, (d) => (d.note = 'hi')), 'VAULT_DAMAGED', /damaged/],
      ['a missing payload', (b) => alter(b, (d) => delete d.payload), 'VAULT_DAMAGED', /payload/],
      ['protection switched to shares', (b) => alter(b, (d) => (d.protection = { kind: 'shares', threshold: 2, count: 3 })), 'VALIDATION_FAILED', /shares/],
      ['a truncated file', (b) => b.subarray(0, Math.floor(b.length / 2)), 'VAULT_DAMAGED', /ends too early/],
      ['an empty file', () => Buffer.alloc(0), 'VAULT_UNREADABLE', /not a Secure Key Manager backup/],
      ['not JSON', () => Buffer.from('PK\u0003\u0004 a zip file perhaps'), 'VAULT_UNREADABLE', /not a Secure Key Manager backup/],
      ['JSON of another format', () => Buffer.from('{"format":"other-app","version":1}'), 'VAULT_UNREADABLE', /not a Secure Key Manager backup/],
      ['a JSON array', () => Buffer.from('[1,2,3]'), 'VAULT_UNREADABLE', /not a Secure Key Manager backup/],
      ['a newer version', (b) => alter(b, (d) => (d.version = 2)), 'VAULT_UNREADABLE', /newer version/],
    ];
    // One backup for every case (its source folder is cleaned after the first test; the bytes are all we keep).
    let backup: Buffer;
    let vaultFile: Buffer;
    beforeAll(async () => {
      const v = await populatedVault();
      backup = (await createBackup(v.dir, { passphrase: BACKUP_PASS }, { kdf: FAST })).bytes;
      vaultFile = await fs.readFile(path.join(v.dir, 'vault.json'));
      await v.km.shutdown();
    });

    it.each(cases)('%s', async (_, change, code, message) => {
      const target = await targetWithSettings();
      const before = await snapshot(target);
      await expectRefused(restoreBackup(target, change(backup), { passphrase: BACKUP_PASS }), code, message);
      expect(await snapshot(target)).toEqual(before);
    });

    it('a vault file given as a backup is named for what it is', async () => {
      await expectRefused(
        Promise.resolve().then(() => inspectBackup(vaultFile)),
        'VAULT_UNREADABLE',
        /vault file \(vault\.json\), not a backup/,
      );
    });

    it('the unaltered file still restores (the cases above fail for their change alone)', async () => {
      await restoreBackup(await targetWithSettings(), backup, { passphrase: BACKUP_PASS });
    });
  });

  it('holds no plaintext of the vault: names, passphrases and the audit trail are encrypted', async () => {
    const v = await populatedVault();
    const backup = await createBackup(v.dir, { passphrase: BACKUP_PASS }, { kdf: FAST });
    const shared = await createBackup(v.dir, { split: { shares: 3, threshold: 2 } });
    for (const bytes of [backup.bytes, shared.bytes]) {
      for (const encoding of ['latin1', 'utf8', 'utf16le'] as const) {
        const t = bytes.toString(encoding);
        for (const secret of [STORE_NAME, KEY_NAME, 'officer-bob', PASSPHRASE, BOB, BACKUP_PASS, AUDIT_MARKER, CARD]) expect(t).not.toContain(secret);
      }
      // Nor the base64 of the files, which would be plaintext one decoding away.
      const auditB64 = Buffer.from(`${AUDIT_MARKER}\n`).toString('base64');
      expect(bytes.toString('latin1')).not.toContain(auditB64.slice(0, 20));
      expect(bytes.toString('latin1')).not.toContain((await fs.readFile(path.join(v.dir, 'vault.json'))).toString('base64').slice(0, 40));
    }
    // Shares are shown once, never written into the file.
    for (const share of shared.shares!) expect(shared.bytes.toString('latin1')).not.toContain(share.slice(20, 40));
  });

  it('derives the key without blocking the event loop (a timer keeps firing during export)', async () => {
    const v = await unlockedManager();
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const started = Date.now();
    let backup: Awaited<ReturnType<typeof createBackup>> | undefined;
    try {
      backup = await createBackup(v.dir, { passphrase: BACKUP_PASS }); // production cost: N=2^17, r=8
    } finally {
      clearInterval(timer);
    }
    const elapsed = Date.now() - started;
    expect(JSON.parse(backup!.bytes.toString('utf8')).protection.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    // With scryptSync the loop would stay blocked for the whole derivation and the timer would not fire at all.
    expect(ticks).toBeGreaterThanOrEqual(Math.min(3, Math.floor(elapsed / 20)));
    expect(ticks).toBeGreaterThan(0);
  });

  it('refuses a short backup passphrase, a missing protection, and a folder without a vault', async () => {
    const v = await unlockedManager();
    await expectRefused(createBackup(v.dir, { passphrase: 'too short' }), 'VALIDATION_FAILED', /at least 12 characters/, 'passphrase');
    await expectRefused(createBackup(v.dir, {} as never), 'VALIDATION_FAILED', /backup passphrase, or split/);
    const empty = await newManager();
    await expectRefused(createBackup(empty.dir, { passphrase: BACKUP_PASS }, { kdf: FAST }), 'VAULT_NOT_FOUND');
    await fs.writeFile(path.join(empty.dir, 'vault.json'), '{"not":"a vault"}');
    await expectRefused(createBackup(empty.dir, { passphrase: BACKUP_PASS }, { kdf: FAST }), 'VAULT_UNREADABLE');
  });
});

describe('the target folder', () => {
  it('refuses a folder that holds anything else, naming the file in the way, and leaves it untouched', async () => {
    const v = await populatedVault();
    const backup = await createBackup(v.dir, { passphrase: BACKUP_PASS }, { kdf: FAST });
    const target = await targetWithSettings();
    await fs.writeFile(path.join(target, 'notes.txt'), 'mine');
    const before = await snapshot(target);
    await expectRefused(restoreBackup(target, backup.bytes, { passphrase: BACKUP_PASS }), 'VAULT_EXISTS', /notes\.txt is in it/);
    expect(await snapshot(target)).toEqual(before);

    // A vault already there (the Unlock screen's folder): refused, before any key derivation.
    await expectRefused(restoreBackup(v.dir, backup.bytes, { passphrase: 'not even checked' }), 'VAULT_EXISTS', /A vault already exists/);
    // A lone vault.json.bak is a vault someone may want back.
    const lone = await targetWithSettings();
    await fs.writeFile(path.join(lone, 'vault.json.bak'), 'previous');
    await expectRefused(restoreBackup(lone, backup.bytes, { passphrase: BACKUP_PASS }), 'VAULT_EXISTS', /vault\.json\.bak is in it/);
    // A sub-folder counts too.
    const sub = await targetWithSettings();
    await fs.mkdir(path.join(sub, 'audit.d'));
    await expectRefused(restoreBackup(sub, backup.bytes, { passphrase: BACKUP_PASS }), 'VAULT_EXISTS', /audit\.d is in it/);
    // A file where the folder should be.
    const notDir = path.join(await tempDir(), 'file');
    await fs.writeFile(notDir, 'x');
    await expectRefused(restoreBackup(notDir, backup.bytes, { passphrase: BACKUP_PASS }), 'VALIDATION_FAILED', /is a file, not a folder/);
  });

  it('a write failing midway removes what was written and puts settings.json back', async () => {
    const v = await populatedVault();
    const backup = await createBackup(v.dir, { passphrase: BACKUP_PASS }, { kdf: FAST });
    // vault.json is written last: failing it means the trail and settings were already written.
    const full: FileIo = {
      ...nodeIo,
      open: ((file: string, ...rest: unknown[]) =>
        path.basename(file).startsWith('.vault.json.')
          ? Promise.reject(Object.assign(new Error('no space left'), { code: 'ENOSPC' }))
          : (nodeIo.open as (...a: unknown[]) => ReturnType<typeof nodeIo.open>)(file, ...rest)) as FileIo['open'],
    };
    const target = await targetWithSettings();
    const before = await snapshot(target);
    await expectRefused(restoreBackup(target, backup.bytes, { passphrase: BACKUP_PASS }, { io: full }), 'FILE_WRITE_FAILED', /ENOSPC.*nothing was restored/);
    expect(await snapshot(target)).toEqual(before);

    // A folder the restore created is removed again, up to the first level it made.
    const parent = await tempDir();
    const nested = path.join(parent, 'a', 'b');
    await expectRefused(restoreBackup(nested, backup.bytes, { passphrase: BACKUP_PASS }, { io: full }), 'FILE_WRITE_FAILED');
    expect(await fs.readdir(parent)).toEqual([]);

    // After the failure the same folder takes the restore.
    await restoreBackup(target, backup.bytes, { passphrase: BACKUP_PASS });
    await opensAsBefore(target, v.keyId, v.ciphertext);
  });
});

describe('backup key split into shares (Shamir, any M of N)', () => {
  it('N=5, M=3: every 3 of the 5 restore, in any order; every 2 are refused', async () => {
    const v = await populatedVault();
    const vaultBefore = await fs.readFile(path.join(v.dir, 'vault.json'));
    const backup = await createBackup(v.dir, { split: { shares: 5, threshold: 3 } });
    const shares = backup.shares!;
    expect(shares).toHaveLength(5);
    expect(inspectBackup(backup.bytes)).toMatchObject({ backupId: backup.backupId, protection: { kind: 'shares', threshold: 3, count: 5 } });
    shares.forEach((s, i) => expect(s).toMatch(new RegExp(`^skm1-${backup.backupId.slice(0, 8)}-3of5-${i + 1}(-[0-9a-f]{4}){18}$`)));

    for (const subset of subsets(shares, 3)) {
      const target = path.join(await tempDir(), 'r');
      await restoreBackup(target, backup.bytes, { shares: [...subset].reverse() });
      expect(await fs.readFile(path.join(target, 'vault.json'))).toEqual(vaultBefore);
    }
    for (const subset of subsets(shares, 2)) {
      const target = await targetWithSettings();
      const before = await snapshot(target);
      await expectRefused(
        restoreBackup(target, backup.bytes, { shares: subset }),
        'VALIDATION_FAILED',
        /needs 3 of its 5 shares to restore; 2 were entered/,
        'shares',
      );
      expect(await snapshot(target)).toEqual(before);
    }
    // More than M works too; and one full restore opens as before.
    const target = path.join(await tempDir(), 'r');
    await restoreBackup(target, backup.bytes, { shares });
    await opensAsBefore(target, v.keyId, v.ciphertext);
  });

  it('M-1 shares carry no key: combining 2 of a 3-of-5 split never gives what 3 give', async () => {
    const v = await unlockedManager();
    const { shares } = await createBackup(v.dir, { split: { shares: 5, threshold: 3 } });
    const raw = shares!.map(shareBytes);
    const key = Buffer.from(await combine(raw.slice(0, 3)));
    for (const three of subsets(raw, 3)) expect(Buffer.from(await combine(three))).toEqual(key);
    for (const two of subsets(raw, 2)) expect(Buffer.from(await combine(two))).not.toEqual(key);
  });

  it('takes shares typed with spaces, line breaks and capitals, and skips blank inputs', async () => {
    const v = await unlockedManager();
    const backup = await createBackup(v.dir, { split: { shares: 3, threshold: 2 } });
    const [a, , c] = backup.shares!;
    const typed = `${a!.slice(0, 22).toUpperCase()}${a!.slice(22).replace(/-/g, ' ').toUpperCase()}`;
    const printed = c!.replace(/((?:-[0-9a-f]{4}){6})/g, '$1\n ');
    await restoreBackup(path.join(await tempDir(), 'r'), backup.bytes, { shares: ['', typed, '  ', printed] });
  });

  it('names a mistyped share by its checksum, before any decryption', async () => {
    const v = await unlockedManager();
    const backup = await createBackup(v.dir, { split: { shares: 5, threshold: 3 } });
    const [a, b, c] = backup.shares!;
    const target = await targetWithSettings();
    const before = await snapshot(target);
    const lastGroupAt = b!.length - 3;
    const typo = `${b!.slice(0, lastGroupAt)}${b![lastGroupAt] === '0' ? '1' : '0'}${b!.slice(lastGroupAt + 1)}`;
    await expectRefused(restoreBackup(target, backup.bytes, { shares: [a!, typo, c!] }), 'VALIDATION_FAILED', /^Share 2 has a typo: its checksum/, 'shares.1');
    // A typo in the first part is caught by the same checksum.
    const badNumber = c!.replace(/-3of5-3-/, '-3of5-4-');
    await expectRefused(restoreBackup(target, backup.bytes, { shares: [a!, b!, badNumber] }), 'VALIDATION_FAILED', /^Share 3 has a typo/, 'shares.2');
    const missingGroup = a!.replace(/-[0-9a-f]{4}$/, '');
    await expectRefused(
      restoreBackup(target, backup.bytes, { shares: [missingGroup, b!, c!] }),
      'VALIDATION_FAILED',
      /^Share 1 has 68 characters .* 72/,
      'shares.0',
    );
    await expectRefused(
      restoreBackup(target, backup.bytes, { shares: [a!, b!, c!.replace(/-([0-9a-f]{3})[0-9a-f]-/, '-$1g-')] }),
      'VALIDATION_FAILED',
      /^Share 3 has a character/,
    );
    await expectRefused(restoreBackup(target, backup.bytes, { shares: [a!, 'hello', c!] }), 'VALIDATION_FAILED', /^Share 2 is not a backup share/);
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses a share from another backup, duplicates, and more shares than were made', async () => {
    const v = await unlockedManager();
    const backup = await createBackup(v.dir, { split: { shares: 5, threshold: 3 } });
    const other = await createBackup(v.dir, { split: { shares: 5, threshold: 3 } });
    const otherPair = await createBackup(v.dir, { split: { shares: 2, threshold: 2 } });
    const [a, b, c] = backup.shares!;
    const target = await targetWithSettings();
    const before = await snapshot(target);
    await expectRefused(
      restoreBackup(target, backup.bytes, { shares: [a!, other.shares![1]!, c!] }),
      'VALIDATION_FAILED',
      new RegExp(`^Share 2 belongs to another backup \\(${other.backupId.slice(0, 8)}\\)`),
      'shares.1',
    );
    // A share whose id prefix matches but whose M-of-N does not: from another split, or the file was altered.
    const forged = otherPair.shares![0]!.replace(otherPair.backupId.slice(0, 8), backup.backupId.slice(0, 8));
    await expectRefused(restoreBackup(target, backup.bytes, { shares: [a!, b!, forged] }), 'VALIDATION_FAILED', /Share 3 has a typo/); // the checksum covers the id
    await expectRefused(
      restoreBackup(target, backup.bytes, { shares: [a!, b!, a!] }),
      'VALIDATION_FAILED',
      /^Share 3 is the same share as share 1 \(share number 1\)/,
      'shares.2',
    );
    await expectRefused(restoreBackup(target, backup.bytes, { shares: [...backup.shares!, a!] }), 'VALIDATION_FAILED', /split into 5 shares; 6 were entered/);
    await expectRefused(restoreBackup(target, backup.bytes, { passphrase: BACKUP_PASS }), 'VALIDATION_FAILED', /restored with 3 of its 5 shares/);
    await expectRefused(restoreBackup(target, backup.bytes, { shares: 'abc' } as unknown as RestoreSecret), 'VALIDATION_FAILED', /list of share texts/);
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses an altered header: a changed threshold, count or date', async () => {
    const v = await unlockedManager();
    const backup = await createBackup(v.dir, { split: { shares: 5, threshold: 3 } });
    const three = backup.shares!.slice(0, 3);
    const target = await targetWithSettings();
    const before = await snapshot(target);
    const cases: Array<[(d: any) => void, string, RegExp]> = [
      [(d) => (d.protection.threshold = 2), 'WRONG_CREDENTIALS', /3-of-5 split, but this backup file says 2 of 5/],
      [(d) => (d.protection.count = 6), 'WRONG_CREDENTIALS', /file was altered/],
      [(d) => (d.protection.threshold = 6), 'VAULT_DAMAGED', /protection\.threshold/],
      [(d) => (d.protection.count = 11), 'VAULT_DAMAGED', /protection\.count/],
      [(d) => (d.createdAt = '2031-01-01T00:00:00Z'), 'WRONG_CREDENTIALS', /do not open this backup.*altered/],
      [(d) => (d.payload.ciphertext = flipBase64(d.payload.ciphertext, 3)), 'WRONG_CREDENTIALS', /altered/],
    ];
    for (const [edit, code, message] of cases) {
      await expectRefused(restoreBackup(target, alter(backup.bytes, edit), { shares: three }), code, message);
    }
    expect(await snapshot(target)).toEqual(before);
  });

  it.each([
    [{ shares: 5, threshold: 1 }, /Shares needed to restore is a whole number from 2 to 10/, 'split.threshold'],
    [{ shares: 11, threshold: 3 }, /Number of shares is a whole number from 2 to 10/, 'split.shares'],
    [{ shares: 1, threshold: 1 }, /Number of shares/, 'split.shares'],
    [{ shares: 3, threshold: 4 }, /Shares needed to restore \(4\) cannot be more than the number of shares \(3\)/, 'split.threshold'],
    [{ shares: 4.5, threshold: 2 }, /Number of shares/, 'split.shares'],
  ])('refuses the split %j', async (split, message, field) => {
    const v = await unlockedManager();
    await expectRefused(createBackup(v.dir, { split }), 'VALIDATION_FAILED', message, field);
  });

  it('accepts the bounds: 2 of 2 and 10 of 10', async () => {
    const v = await unlockedManager();
    for (const n of [2, 10]) {
      const backup = await createBackup(v.dir, { split: { shares: n, threshold: n } });
      expect(backup.shares).toHaveLength(n);
      await restoreBackup(path.join(await tempDir(), 'r'), backup.bytes, { shares: backup.shares! });
    }
  });
});
