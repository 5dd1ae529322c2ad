import { readFile, stat, writeFile, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault, probeVault } from '../../main/core/vault/vault';
import { nodeIo, writeFileDurably } from '../../main/core/vault/durable-file';
import { upgradeDocument, CURRENT_SCHEMA_VERSION } from '../../main/core/vault/document';
import { FAST_KDF, PASSPHRASE, allFileText, tempDir } from './helpers';

const now = new Date('2026-11-28T10:00:00Z');

async function newVault() {
  const dir = await tempDir();
  const file = path.join(dir, 'vault.json');
  const vault = await Vault.create(file, 'admin', PASSPHRASE, now, { kdf: FAST_KDF });
  return { dir, file, vault };
}

const expectSkmError = async (p: Promise<unknown>, code: string) => {
  await expect(p).rejects.toMatchObject({ code });
};

describe('vault', () => {
  it('round-trips a mutation through an encrypted, 0600 file', async () => {
    const { dir, file, vault } = await newVault();
    await vault.update((doc) => {
      doc.keyStores.push({
        id: 'a'.repeat(32),
        name: 'Payments HSM',
        description: 'card data',
        authMethods: ['ipv4'],
        authMode: 'all',
        createdAt: '',
        updatedAt: '',
      });
    });
    vault.close();
    const reopened = await Vault.open(file, 'admin', PASSPHRASE);
    expect(reopened.data.keyStores.map((k) => k.name)).toEqual(['Payments HSM']);
    expect(reopened.data.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await allFileText(dir);
    for (const typed of ['Payments HSM', 'card data', 'admin', PASSPHRASE]) expect(text).not.toContain(typed);
  });

  it('keeps the previous generation as vault.json.bak', async () => {
    const { file, vault } = await newVault();
    const first = await readFile(file);
    await vault.update((doc) => void (doc.createdAt = 'x'));
    expect(await readFile(`${file}.bak`)).toEqual(first);
  });

  it('refuses a wrong passphrase and an unknown username with the same message', async () => {
    const { file, vault } = await newVault();
    vault.close();
    await expect(Vault.open(file, 'admin', 'wrong passphrase!!')).rejects.toMatchObject({
      code: 'WRONG_CREDENTIALS',
      message: 'Wrong username or passphrase.',
    });
    await expect(Vault.open(file, 'someone', PASSPHRASE)).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS', message: 'Wrong username or passphrase.' });
  });

  it('opens with the username in any letter case', async () => {
    const { file, vault } = await newVault();
    vault.close();
    expect((await Vault.open(file, 'ADMIN', PASSPHRASE)).account.username).toBe('admin');
  });

  it('refuses a flipped byte in the payload and leaves the file unchanged', async () => {
    const { file, vault } = await newVault();
    vault.close();
    const json = JSON.parse(await readFile(file, 'utf8'));
    const ct = Buffer.from(json.payload.ciphertext, 'base64');
    ct[5] = ct[5]! ^ 0x01;
    json.payload.ciphertext = ct.toString('base64');
    await writeFile(file, JSON.stringify(json));
    const before = await readFile(file);
    await expectSkmError(Vault.open(file, 'admin', PASSPHRASE), 'VAULT_DAMAGED');
    expect(await readFile(file)).toEqual(before);
  });

  it('refuses a truncated file and a file that is not a vault, and leaves them unchanged', async () => {
    const { file, vault } = await newVault();
    vault.close();
    const full = await readFile(file);
    for (const bytes of [full.subarray(0, full.length - 20), Buffer.from('{"hello":"world"}'), Buffer.from([0, 1, 2])]) {
      await writeFile(file, bytes);
      await expectSkmError(Vault.open(file, 'admin', PASSPHRASE), 'VAULT_UNREADABLE');
      expect((await probeVault(file)).state).toBe('unreadable');
      expect(await readFile(file)).toEqual(bytes);
    }
  });

  it('never creates a vault over an existing file, even an unreadable one', async () => {
    const { file, vault } = await newVault();
    vault.close();
    await writeFile(file, 'garbage');
    await expectSkmError(Vault.create(file, 'admin', PASSPHRASE, now, { kdf: FAST_KDF }), 'VAULT_EXISTS');
    expect(await readFile(file, 'utf8')).toBe('garbage');
  });

  it('will not start a new vault where only vault.json.bak is left', async () => {
    const { file, vault } = await newVault();
    await vault.update((doc) => void (doc.createdAt = 'second generation'));
    vault.close();
    const { rm } = await import('node:fs/promises');
    await rm(file);
    const backup = await readFile(`${file}.bak`);
    expect(await probeVault(file)).toMatchObject({ state: 'unreadable', message: expect.stringContaining('Rename vault.json.bak to vault.json') });
    await expectSkmError(Vault.create(file, 'admin', PASSPHRASE, now, { kdf: FAST_KDF }), 'VAULT_EXISTS');
    expect(await readFile(`${file}.bak`)).toEqual(backup);
  });

  it('lets one process at a time open the vault, and takes over a lock left by a process that is gone', async () => {
    const { file, vault } = await newVault();
    await expectSkmError(Vault.open(file, 'admin', PASSPHRASE), 'VAULT_IN_USE');
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    await vault.close();
    await expect(readFile(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });

    const { spawnSync } = await import('node:child_process');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    await writeFile(`${file}.lock`, gone);
    const reopened = await Vault.open(file, 'admin', PASSPHRASE);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    await reopened.close();
  });

  it('releases the lock when opening fails', async () => {
    const { file, vault } = await newVault();
    await vault.close();
    await expectSkmError(Vault.open(file, 'admin', 'wrong passphrase!!'), 'WRONG_CREDENTIALS');
    await expect(readFile(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a write interrupted before the rename leaves the previous vault intact and no temp file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    const crashingIo = {
      ...nodeIo,
      rename: async () => {
        throw Object.assign(new Error('power cut'), { code: 'EIO' });
      },
    };
    const vault = await Vault.create(file, 'admin', PASSPHRASE, now, { kdf: FAST_KDF });
    await vault.update(
      (doc) =>
        void doc.keyStores.push({ id: 'b'.repeat(32), name: 'kept', description: '', authMethods: ['mac'], authMode: 'all', createdAt: '', updatedAt: '' }),
    );
    vault.close();
    const before = await readFile(file);

    const crashing = await Vault.open(file, 'admin', PASSPHRASE, { io: crashingIo });
    await expectSkmError(
      crashing.update((doc) => void (doc.keyStores = [])),
      'VAULT_WRITE_FAILED',
    );
    // The failed mutation is not visible in memory either.
    expect(crashing.data.keyStores).toHaveLength(1);
    expect(await readFile(file)).toEqual(before);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    crashing.close();
    expect((await Vault.open(file, 'admin', PASSPHRASE)).data.keyStores[0]!.name).toBe('kept');
  });

  it('a mutation that throws changes nothing', async () => {
    const { file, vault } = await newVault();
    const before = await readFile(file);
    await expect(
      vault.update((doc) => {
        doc.keyStores = [];
        throw new Error('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(await readFile(file)).toEqual(before);
  });

  it('a lock during a write lets the write finish with the real key', async () => {
    const { file, vault } = await newVault();
    const pending = vault.update((doc) => void (doc.createdAt = 'during lock'), { purgeBackup: true });
    await new Promise((r) => setImmediate(r)); // the write has started
    const closed = vault.close();
    await pending;
    await closed;
    expect(() => vault.data).toThrow(/locked/);
    const reopened = await Vault.open(file, 'admin', PASSPHRASE);
    expect(reopened.data.createdAt).toBe('during lock');
  });

  it('updates copy on write: unchanged records are shared, changed ones copied, a failed update changes nothing', async () => {
    const { vault } = await newVault();
    const { addKeyStore, editKeyStore } = await import('../../main/core/keystores/keystores');
    await vault.update((doc) => {
      addKeyStore(doc, { name: 'A', description: '', authMethods: ['ipv4'] }, 'a'.repeat(32), now);
      addKeyStore(doc, { name: 'B', description: '', authMethods: ['mac'] }, 'b'.repeat(32), now);
    });
    const [a, b] = vault.data.keyStores;
    await vault.update((doc) => editKeyStore(doc, 'b'.repeat(32), { description: 'edited' }, now));
    expect(vault.data.keyStores[0]).toBe(a); // shared, not cloned
    expect(vault.data.keyStores[1]).not.toBe(b);
    expect(b!.description).toBe(''); // the previous generation was not edited in place
    await expect(
      vault.update((doc) => {
        editKeyStore(doc, 'a'.repeat(32), { description: 'half-made' }, now);
        throw new Error('bad input');
      }),
    ).rejects.toThrow('bad input');
    expect(vault.data.keyStores[0]!.description).toBe('');
  });

  it('in tests, the live document is frozen so in-place changes fail loudly', async () => {
    expect(process.env.SKM_FREEZE_VAULT).toBe('1');
    const { vault } = await newVault();
    await vault.update(
      (doc) =>
        void doc.keyStores.push({ id: 'c'.repeat(32), name: 'C', description: '', authMethods: ['ipv4'], authMode: 'all', createdAt: '', updatedAt: '' }),
    );
    expect(() => {
      (vault.data.keyStores[0] as { name: string }).name = 'changed in place';
    }).toThrow(TypeError);
  });

  it('wipes the data key and refuses reads after close', async () => {
    const { vault } = await newVault();
    vault.close();
    expect(() => vault.data).toThrow(/locked/);
  });

  it('durable write leaves no temp file behind on success', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'x.json');
    await writeFileDurably(file, 'one');
    await writeFileDurably(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('one');
    expect((await readdir(dir)).sort()).toEqual(['x.json', 'x.json.bak']);
  });
});

describe('schema migrations', () => {
  const current = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    appKey: 'c'.repeat(32),
    createdAt: 'now',
    accounts: [{ id: '1', username: 'a', role: 'ADMIN', approvalRoles: [], createdAt: 'now', lastUnlockAt: null }],
    keyStores: [],
    keys: [],
    authEntries: [],
  };

  it('runs each step from an older version up to the current one', () => {
    const old = { ...current, schemaVersion: CURRENT_SCHEMA_VERSION - 1, legacy: true };
    const steps = {
      [CURRENT_SCHEMA_VERSION - 1]: (d: Record<string, unknown>) => {
        const { legacy: _l, ...rest } = d;
        return rest;
      },
    };
    const { doc, migrated } = upgradeDocument(old, steps);
    expect(migrated).toBe(true);
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(doc).not.toHaveProperty('legacy');
  });

  it('migrates a foundation (v1) document, which had no keys, to the current version', () => {
    const { keys: _keys, authEntries: _auth, ...v1 } = { ...current, schemaVersion: 1 };
    const { doc, migrated } = upgradeDocument(v1);
    expect(migrated).toBe(true);
    expect(doc.keys).toEqual([]);
    expect(doc.authEntries).toEqual([]);
  });

  it('refuses a document from a newer version', () => {
    expect(() => upgradeDocument({ ...current, schemaVersion: CURRENT_SCHEMA_VERSION + 1 })).toThrow('newer');
  });

  it('leaves a current document as it is', () => {
    expect(upgradeDocument(current).migrated).toBe(false);
  });
});
