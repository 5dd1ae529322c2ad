import { copyFile, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { channels, contract, type Channel } from '../../shared/contract';
import type { ApprovalRole, BaseRole } from '../../shared/domain';
import type { Permission } from '../../shared/permissions';
import { KeyManager } from '../../main/core/key-manager';
import { createDispatcher } from '../../main/core/bridge';
import { deriveKey, newKdfParams, seal } from '../../main/core/vault/crypto';
import { Vault } from '../../main/core/vault/vault';
import { keyslotAad, keyslotId, payloadAad } from '../../main/core/vault/vault-file';
import { FAST_KDF, PASSPHRASE, allFileText, caller, tempDir, unlockedManager } from './helpers';

const ALICE = 'alice passphrase 2026!';
const BOB = 'bob passphrase 2026!!';
const now = new Date('2026-11-28T10:00:00Z');

type Ctx = Awaited<ReturnType<typeof unlockedManager>>;
const fileJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
const vaultOf = (km: KeyManager) => (km as unknown as { vault: Vault }).vault;

async function addMember(ctx: Ctx, username: string, passphrase: string, role: BaseRole, approvalRoles: ApprovalRole[] = []) {
  return caller(ctx.dispatch)('members.add', { username, passphrase, confirmPassphrase: passphrase, role, approvalRoles });
}

async function signInAs(ctx: Ctx, username: string, passphrase: string) {
  await ctx.km.lock();
  return caller(ctx.dispatch)('vault.unlock', { username, passphrase });
}

/** Opens a copy of a vault file (vault.json or .bak) as `username`; the copy keeps the original untouched. */
async function opensCopy(dir: string, source: string, username: string, passphrase: string): Promise<boolean> {
  const copy = path.join(dir, `copy-${Math.random().toString(16).slice(2)}.json`);
  await copyFile(source, copy);
  try {
    await (await Vault.open(copy, username, passphrase)).close();
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'WRONG_CREDENTIALS') return false;
    throw err;
  }
}

/** The permission table, written out again here so the test does not check `allows` against itself. */
function expectedAllowed(permission: Permission, role: BaseRole, approvalRoles: ApprovalRole[]): boolean {
  switch (permission) {
    case 'open':
    case 'session':
    case 'read':
      return true;
    case 'use':
    case 'change':
      return role === 'ADMIN' || role === 'MEMBER';
    case 'admin':
      return role === 'ADMIN';
    case 'request':
      return approvalRoles.length > 0;
    case 'approve':
      return approvalRoles.includes('APPROVAL_ADMIN');
  }
}

const ROLE_SETS: Array<[BaseRole, ApprovalRole[]]> = (['ADMIN', 'MEMBER', 'VIEWER'] as const).flatMap((role) =>
  ([[], ['APPROVAL_MEMBER'], ['APPROVAL_ADMIN'], ['APPROVAL_ADMIN', 'APPROVAL_MEMBER']] as ApprovalRole[][]).map(
    (approval) => [role, approval] as [BaseRole, ApprovalRole[]],
  ),
);

describe('role matrix: every channel × every role, through the real dispatcher', () => {
  it.each(ROLE_SETS)('%s with %j gets FORBIDDEN exactly where the table says', async (role, approvalRoles) => {
    const ctx = await unlockedManager();
    await addMember(ctx, 'subject', ALICE, role, approvalRoles);
    const info = await signInAs(ctx, 'subject', ALICE);
    expect(info).toMatchObject({ role, approvalRoles });
    for (const channel of channels) {
      const permission = contract[channel].permission as Permission;
      const allowed = expectedAllowed(permission, role, approvalRoles);
      if (!allowed) {
        // Any input: the permission is checked before the input is even parsed.
        const result = await ctx.dispatch(channel, 42);
        expect(result, `${channel} (${permission}) as ${role} ${approvalRoles.join(',')}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        if (!result.ok) {
          expect(result.error.message).toMatch(new RegExp(`^Your roles? \\(${role}`));
          expect(result.error.message).toMatch(/ask an ADMIN/i);
        }
      } else if (permission !== 'request' && permission !== 'approve') {
        // Allowed: the call gets past the permission check to the parse (42 is no channel's input, so nothing runs).
        const result = await ctx.dispatch(channel, 42);
        expect(result, `${channel} (${permission}) as ${role} ${approvalRoles.join(',')}`).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION_FAILED' },
        });
      }
    }
    await ctx.km.lock();
  });

  it('every channel names a permission the table knows', () => {
    const known: Permission[] = ['open', 'session', 'read', 'use', 'change', 'admin', 'request', 'approve'];
    for (const channel of channels) expect(known, channel).toContain(contract[channel].permission);
    const table: Partial<Record<Channel, Permission>> = {
      'vault.unlock': 'open',
      'vault.changePassphrase': 'session',
      'members.me': 'session',
      'keys.publicKey': 'read',
      'keys.reveal': 'use',
      'auth.downloadCrl': 'use',
      'keys.rotate': 'change',
      'settings.update': 'admin',
      'vault.releaseHeldDeletions': 'admin',
      'members.remove': 'admin',
    };
    for (const [channel, permission] of Object.entries(table)) expect(contract[channel as Channel].permission, channel).toBe(permission);
  });

  it('a VIEWER sees metadata but cannot reveal, with words; a MEMBER can; a real call as each', async () => {
    const ctx = await unlockedManager();
    const call = caller(ctx.dispatch);
    const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
    const secret = await call('keys.create', { type: 'confidential', keyStoreId: store.id, name: 'DB password', data: 'marker-viewer' });
    await addMember(ctx, 'viewer', ALICE, 'VIEWER');
    await addMember(ctx, 'member', BOB, 'MEMBER');
    await signInAs(ctx, 'viewer', ALICE);
    expect(await call('keys.list', { keyStoreId: store.id })).toHaveLength(1);
    expect(await ctx.dispatch('keys.reveal', { keyId: secret.id })).toEqual({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message:
          'Your role (VIEWER) cannot use keys (encrypt, decrypt, sign, create data keys), reveal data or download certificates. Ask an ADMIN to change your role.',
      },
    });
    expect(await ctx.dispatch('keystores.create', { name: 'Nope', authMethods: ['ipv4'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ctx.dispatch('members.list', undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('members.me')).toMatchObject({ username: 'viewer', role: 'VIEWER' });
    await signInAs(ctx, 'member', BOB);
    expect(await call('keys.reveal', { keyId: secret.id })).toEqual({ data: 'marker-viewer' });
    expect(await ctx.dispatch('settings.update', { autoLockMinutes: 9 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ctx.km.lock();
  });

  it('without a signed-in member only open channels answer (after the parse, as before)', async () => {
    const ctx = await unlockedManager();
    const store = await caller(ctx.dispatch)('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
    await ctx.km.lock();
    const valid: Partial<Record<Channel, unknown>> = {
      'keys.reveal': { keyId: 'a'.repeat(32) },
      'keystores.get': { id: store.id },
      'members.add': { username: 'x', passphrase: ALICE, confirmPassphrase: ALICE, role: 'ADMIN', approvalRoles: [] },
      'members.remove': { memberId: 'a'.repeat(32), confirmUsername: 'x' },
    };
    for (const channel of channels) {
      if (contract[channel].permission === 'open') continue;
      const takesNothing = contract[channel].input.safeParse(undefined).success;
      if (!takesNothing && !(channel in valid)) continue;
      expect(await ctx.dispatch(channel, valid[channel]), channel).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
    }
  });

  it('with the Approval Feature on, change channels answer APPROVAL_REQUIRED; reads and key use work as before', async () => {
    const ctx = await unlockedManager();
    const call = caller(ctx.dispatch);
    const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
    const key = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'k' });
    expect(ctx.km.approvalFeatureOn()).toBe(false);
    await vaultOf(ctx.km).update((doc) => void (doc.governance = { approvalFeature: true, requiredApprovals: 1, requestExpiryDays: 7 }));
    expect(ctx.km.approvalFeatureOn()).toBe(true);
    for (const channel of channels.filter((c) => contract[c].permission === 'change')) {
      expect(await ctx.dispatch(channel, 42), channel).toEqual({
        ok: false,
        error: {
          code: 'APPROVAL_REQUIRED',
          message: 'With the Approval Feature on, changes go through Key Store Management: stage the change and Request Approval.',
        },
      });
    }
    expect(await call('keys.encrypt', { keyId: key.id, payload: { data: 'hello', encoding: 'utf8' } })).toHaveProperty('ciphertext');
    expect(await call('keystores.list')).toHaveLength(1);
    // A VIEWER is still told about the role first: FORBIDDEN, not APPROVAL_REQUIRED.
    await addMember(ctx, 'viewer', ALICE, 'VIEWER');
    await signInAs(ctx, 'viewer', ALICE);
    expect(await ctx.dispatch('keys.create', 42)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ctx.km.lock();
  });
});

describe('Member Management', () => {
  it('adds members who unlock with their own username and passphrase; lists them with roles and last unlock', async () => {
    const ctx = await unlockedManager();
    const call = caller(ctx.dispatch);
    const me = await call('members.me');
    expect(me).toMatchObject({ username: 'admin', role: 'ADMIN', approvalRoles: [], lastUnlockAt: expect.any(String) });
    expect(await call('vault.info')).toMatchObject({ memberId: me.id, role: 'ADMIN', approvalRoles: [] });
    const alice = await addMember(ctx, 'alice', ALICE, 'MEMBER', ['APPROVAL_MEMBER', 'APPROVAL_ADMIN', 'APPROVAL_MEMBER']);
    expect(alice).toMatchObject({ username: 'alice', role: 'MEMBER', approvalRoles: ['APPROVAL_ADMIN', 'APPROVAL_MEMBER'], lastUnlockAt: null });
    expect((await call('members.list')).map((m: { username: string }) => m.username)).toEqual(['admin', 'alice']);
    const info = await signInAs(ctx, 'Alice', ALICE);
    expect(info).toMatchObject({ username: 'alice', memberId: alice.id, role: 'MEMBER' });
    expect((await call('members.me')).lastUnlockAt).not.toBeNull();
    // Usernames and passphrases are nowhere on disk in plain text.
    const text = await allFileText(ctx.dir);
    for (const typed of ['alice', 'admin', ALICE, PASSPHRASE]) expect(text).not.toContain(typed);
    await ctx.km.lock();
  });

  it('refuses a taken username in any letter case, a mismatched confirmation, and an unknown role, changing nothing', async () => {
    const ctx = await unlockedManager();
    await addMember(ctx, 'alice', ALICE, 'MEMBER');
    const before = await readFile(path.join(ctx.dir, 'vault.json'));
    expect(await ctx.dispatch('members.add', { username: 'ALICE', passphrase: BOB, confirmPassphrase: BOB, role: 'VIEWER', approvalRoles: [] })).toMatchObject({
      ok: false,
      error: { code: 'USERNAME_TAKEN', field: 'username', message: expect.stringContaining('already exists') },
    });
    expect(await ctx.dispatch('members.add', { username: 'bob', passphrase: BOB, confirmPassphrase: ALICE, role: 'VIEWER' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'confirmPassphrase' },
    });
    expect(await ctx.dispatch('members.add', { username: 'bob', passphrase: BOB, confirmPassphrase: BOB, role: 'administrator' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'role', message: 'Role must be one of "ADMIN", "MEMBER", "VIEWER".' },
    });
    expect(await readFile(path.join(ctx.dir, 'vault.json'))).toEqual(before);
    expect(ctx.km.members().list()).toHaveLength(2);
  });

  it('changes roles; the last ADMIN can be neither demoted nor removed; nobody removes themselves', async () => {
    const ctx = await unlockedManager();
    const call = caller(ctx.dispatch);
    const me = await call('members.me');
    await expect(call('members.updateRoles', { memberId: me.id, role: 'MEMBER', approvalRoles: [] })).rejects.toMatchObject({
      code: 'LAST_ADMIN',
      message: expect.stringContaining('Give another member the ADMIN role first'),
    });
    await expect(call('members.remove', { memberId: me.id, confirmUsername: 'admin' })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('cannot remove yourself'),
    });
    const alice = await addMember(ctx, 'alice', ALICE, 'VIEWER');
    expect(await call('members.updateRoles', { memberId: alice.id, role: 'ADMIN', approvalRoles: ['APPROVAL_ADMIN'] })).toMatchObject({
      role: 'ADMIN',
      approvalRoles: ['APPROVAL_ADMIN'],
    });
    // Now there are two ADMINs: one may step down.
    expect(await call('members.updateRoles', { memberId: me.id, role: 'MEMBER', approvalRoles: [] })).toMatchObject({ role: 'MEMBER' });
    // Roles apply at once: the former ADMIN is refused admin channels.
    expect(await ctx.dispatch('members.list', undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await signInAs(ctx, 'alice', ALICE);
    await expect(call('members.updateRoles', { memberId: alice.id, role: 'VIEWER', approvalRoles: [] })).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    await expect(call('members.remove', { memberId: me.id, confirmUsername: 'someone' })).rejects.toMatchObject({
      code: 'CONFIRMATION_MISMATCH',
      field: 'confirmUsername',
    });
    await expect(call('members.remove', { memberId: 'f'.repeat(32), confirmUsername: 'x' })).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    await call('members.remove', { memberId: me.id, confirmUsername: 'ADMIN' });
    expect((await call('members.list')).map((m: { username: string }) => m.username)).toEqual(['alice']);
    await ctx.km.lock();
    await expect(call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'WRONG_CREDENTIALS',
      message: 'Wrong username or passphrase.',
    });
  });

  it('removing a member re-keys: their passphrase opens neither vault.json nor vault.json.bak nor later files; everyone else still opens', async () => {
    const ctx = await unlockedManager();
    const call = caller(ctx.dispatch);
    const file = path.join(ctx.dir, 'vault.json');
    const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
    await addMember(ctx, 'alice', ALICE, 'MEMBER');
    const bob = await addMember(ctx, 'bob', BOB, 'VIEWER');
    const before = await fileJson(file);
    expect(await opensCopy(ctx.dir, file, 'bob', BOB)).toBe(true);

    await call('members.remove', { memberId: bob.id, confirmUsername: 'bob' });
    const after = await fileJson(file);
    expect(after.keyslots).toHaveLength(2);
    for (const f of [file, `${file}.bak`]) {
      expect(await opensCopy(ctx.dir, f, 'bob', BOB), f).toBe(false);
      expect(await opensCopy(ctx.dir, f, 'alice', ALICE), f).toBe(true);
      expect(await opensCopy(ctx.dir, f, 'admin', PASSPHRASE), f).toBe(true);
    }
    // Bob's old keyslot (kept from an old copy) opens the old data key, which does not read the new payload.
    const bobSlot = before.keyslots.find((s: { id: string }) => s.id === keyslotId(before.lookupSalt, 'bob'));
    await writeFile(path.join(ctx.dir, 'mixed.json'), JSON.stringify({ ...after, keyslots: [...after.keyslots, bobSlot] }));
    await expect(Vault.open(path.join(ctx.dir, 'mixed.json'), 'bob', BOB)).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });

    // Files written later are no better.
    await call('keystores.update', { id: store.id, description: 'after removal' });
    expect(await opensCopy(ctx.dir, file, 'bob', BOB)).toBe(false);
    await ctx.km.lock();
    const alice = await signInAs(ctx, 'alice', ALICE);
    expect(alice.username).toBe('alice');
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ description: 'after removal' });
    await ctx.km.lock();
  });

  it('Change passphrase with two members: a new key pair and data key; the other member still opens; the old passphrase opens nothing', async () => {
    const ctx = await unlockedManager();
    const call = caller(ctx.dispatch);
    const file = path.join(ctx.dir, 'vault.json');
    const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
    await addMember(ctx, 'alice', ALICE, 'MEMBER');
    const before = await fileJson(file);
    const next = 'the admin has a new passphrase';
    await call('vault.changePassphrase', { currentPassphrase: PASSPHRASE, newPassphrase: next, confirmPassphrase: next });
    const after = await fileJson(file);
    const adminSlot = keyslotId(after.lookupSalt, 'admin');
    const aliceSlot = keyslotId(after.lookupSalt, 'alice');
    const slot = (json: { keyslots: Array<{ id: string }> }, id: string) => json.keyslots.find((s) => s.id === id) as Record<string, unknown>;
    expect(slot(after, adminSlot).publicKey).not.toEqual(slot(before, adminSlot).publicKey);
    // Alice keeps her key pair; the data key sealed to it is new.
    expect(slot(after, aliceSlot).publicKey).toEqual(slot(before, aliceSlot).publicKey);
    expect(slot(after, aliceSlot).dataKey).not.toEqual(slot(before, aliceSlot).dataKey);
    for (const f of [file, `${file}.bak`]) {
      expect(await opensCopy(ctx.dir, f, 'admin', PASSPHRASE), f).toBe(false);
      expect(await opensCopy(ctx.dir, f, 'admin', next), f).toBe(true);
      expect(await opensCopy(ctx.dir, f, 'alice', ALICE), f).toBe(true);
    }
    // A leaked old passphrase with an old copy: its keyslot opens the old data key, which cannot read the new payload.
    await writeFile(
      path.join(ctx.dir, 'mixed.json'),
      JSON.stringify({ ...after, keyslots: [...after.keyslots.filter((s: { id: string }) => s.id !== adminSlot), slot(before, adminSlot)] }),
    );
    await expect(Vault.open(path.join(ctx.dir, 'mixed.json'), 'admin', PASSPHRASE)).rejects.toMatchObject({ code: 'VAULT_DAMAGED' });
    await signInAs(ctx, 'alice', ALICE);
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ name: 'Payments' });
    await ctx.km.lock();
  });

  it('verifyMemberPassphrase checks a co-signer at the same desk, with unlock words and unlock back-off', async () => {
    const delays: number[] = [];
    const dir = await tempDir();
    const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, backoff: (n) => (delays.push(n), 0) });
    const dispatch = createDispatcher(km);
    await km.createVault({ username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
    await caller(dispatch)('members.add', {
      username: 'officer',
      passphrase: ALICE,
      confirmPassphrase: ALICE,
      role: 'MEMBER',
      approvalRoles: ['APPROVAL_ADMIN'],
    });
    await expect(km.verifyMemberPassphrase('officer', 'not her passphrase')).rejects.toMatchObject({
      code: 'WRONG_CREDENTIALS',
      message: 'Wrong username or passphrase.',
    });
    await expect(km.verifyMemberPassphrase('nobody', ALICE)).rejects.toMatchObject({ code: 'WRONG_CREDENTIALS', message: 'Wrong username or passphrase.' });
    expect(delays).toEqual([1, 2]);
    expect(await km.verifyMemberPassphrase('OFFICER', ALICE)).toMatchObject({ username: 'officer', approvalRoles: ['APPROVAL_ADMIN'] });
    // Nobody was signed in or out by it.
    expect(km.currentMember().username).toBe('admin');
    await km.lock();
    await expect(km.verifyMemberPassphrase('officer', ALICE)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });
});

describe('vault.batch', () => {
  it('writes every update made inside it in one write, or nothing when it throws', async () => {
    const ctx = await unlockedManager();
    const file = path.join(ctx.dir, 'vault.json');
    const generation = async () => (await fileJson(file)).generation as number;
    const g0 = await generation();
    const stores = await vaultOf(ctx.km).batch(async () => {
      const a = await ctx.km.createKeyStore({ name: 'A', description: '', authMethods: ['ipv4'] });
      // Reads inside the batch see the batch's own changes.
      expect(ctx.km.listKeyStores().map((s) => s.name)).toEqual(['A']);
      const b = await ctx.km.createKeyStore({ name: 'B', description: '', authMethods: ['mac'] });
      const key = await ctx.km.keys().create({ type: 'symmetric', keyStoreId: b.id, name: 'k', description: '', rotationCycleDays: 0 } as never);
      return [a, b, key];
    });
    expect(stores).toHaveLength(3);
    expect(await generation()).toBe(g0 + 1);
    expect(ctx.km.listKeyStores().map((s) => s.name)).toEqual(['A', 'B']);

    const before = await readFile(file);
    await expect(
      vaultOf(ctx.km).batch(async () => {
        await ctx.km.createKeyStore({ name: 'C', description: '', authMethods: ['ipv4'] });
        throw new Error('second change failed');
      }),
    ).rejects.toThrow('second change failed');
    expect(await readFile(file)).toEqual(before);
    expect(ctx.km.listKeyStores().map((s) => s.name)).toEqual(['A', 'B']);

    // A failed update inside the batch fails the batch, even if the caller caught it.
    await expect(
      vaultOf(ctx.km).batch(async () => {
        await ctx.km.createKeyStore({ name: 'D', description: '', authMethods: ['ipv4'] });
        await ctx.km.createKeyStore({ name: 'a', description: '', authMethods: ['ipv4'] }).catch(() => undefined); // KEY_STORE_NAME_TAKEN
      }),
    ).rejects.toMatchObject({ code: 'KEY_STORE_NAME_TAKEN' });
    expect(await readFile(file)).toEqual(before);
    expect(ctx.km.listKeyStores().map((s) => s.name)).toEqual(['A', 'B']);
    await ctx.km.lock();
  });

  it('updates from outside wait until the batch is written; a purge inside makes it a double write', async () => {
    const ctx = await unlockedManager();
    const vault = vaultOf(ctx.km);
    const file = path.join(ctx.dir, 'vault.json');
    const call = caller(ctx.dispatch);
    const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
    const secret = await call('keys.create', { type: 'confidential', keyStoreId: store.id, name: 'Gone', data: 'marker-batch-purge' });
    await call('keys.requestDeletion', { keyId: secret.id });
    const g0 = (await fileJson(file)).generation as number;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const batch = vault.batch(async () => {
      await ctx.km.keys().deleteNow(secret.id, 'Gone');
      await gate;
      order.push('batch done');
    });
    await new Promise((r) => setTimeout(r, 10));
    const outside = ctx.km.createKeyStore({ name: 'Outside', description: '', authMethods: ['mac'] }).then(() => order.push('outside written'));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    release();
    await Promise.all([batch, outside]);
    expect(order).toEqual(['batch done', 'outside written']);
    // The batch: two writes (purge); the update from outside: one more.
    expect((await fileJson(file)).generation).toBe(g0 + 3);
    await ctx.km.lock();
    for (const f of [file, `${file}.bak`]) {
      const copy = path.join(ctx.dir, 'check.json');
      await copyFile(f, copy);
      const v = await Vault.open(copy, 'admin', PASSPHRASE);
      expect(v.data.keys.map((k) => k.id)).not.toContain(secret.id);
      await v.close();
    }
  });

  it('keyslot changes are refused inside a batch (they are their own write)', async () => {
    const ctx = await unlockedManager();
    await expect(
      vaultOf(ctx.km).batch(() => ctx.km.members().add({ username: 'x', passphrase: ALICE, confirmPassphrase: ALICE, role: 'VIEWER', approvalRoles: [] })),
    ).rejects.toThrow(/batch/);
    expect(ctx.km.members().list()).toHaveLength(1);
    await ctx.km.lock();
  });
});

describe('vault file version 3', () => {
  /** A version 2 file as the previous release wrote it: legacy keyslots (passphrase-wrapped data key), schema 4. */
  async function writeV2(file: string, members: Array<[string, string, string]>) {
    const dek = Buffer.alloc(32, 9);
    const lookupSalt = Buffer.alloc(16, 3).toString('base64');
    const keyslots = [];
    for (const [username, passphrase] of members) {
      const id = keyslotId(lookupSalt, username);
      const kdf = newKdfParams(FAST_KDF);
      keyslots.push({ id, kdf, wrappedKey: seal(await deriveKey(passphrase, kdf), dek, keyslotAad(id)) });
    }
    const doc = {
      schemaVersion: 4,
      appKey: 'a'.repeat(32),
      createdAt: now.toISOString(),
      accounts: members.map(([username, , role], i) => ({ id: String(i + 1).repeat(32), username, role, createdAt: now.toISOString() })),
      keyStores: [],
      keys: [],
      authEntries: [],
    };
    const header = { format: 'skm-vault' as const, version: 2 as const, vaultId: 'e'.repeat(32), generation: 4, lookupSalt, keyslots };
    const payload = seal(dek, Buffer.from(JSON.stringify(doc)), payloadAad(header));
    await writeFile(file, JSON.stringify({ ...header, payload }));
  }

  it('reads a version 2 file and rewrites it as version 3 at unlock: roles migrated, the member gets a key pair', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    await writeV2(file, [['admin', PASSPHRASE, 'administrator']]);
    const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, backoff: () => 0 });
    const info = await km.unlock({ username: 'admin', passphrase: PASSPHRASE });
    expect(info).toMatchObject({ role: 'ADMIN', approvalRoles: [], appKey: 'a'.repeat(32) });
    const rewritten = await fileJson(file);
    expect(rewritten).toMatchObject({ version: 3, vaultId: 'e'.repeat(32), generation: 5 });
    expect(rewritten.keyslots[0]).toMatchObject({ publicKey: expect.any(String), dataKey: expect.any(Object) });
    expect(rewritten.keyslots[0]).not.toHaveProperty('wrappedKey');
    // Now a member can be added and removed (re-keying) without anyone else's passphrase.
    const alice = await km.members().add({ username: 'alice', passphrase: ALICE, confirmPassphrase: ALICE, role: 'MEMBER', approvalRoles: [] });
    await km.members().remove({ memberId: alice.id, confirmUsername: 'alice' });
    await km.lock();
    expect((await km.unlock({ username: 'admin', passphrase: PASSPHRASE })).username).toBe('admin');
    await km.lock();
  });

  it("keeps another member's version 2 keyslot until they unlock; re-keying waits for it, with words", async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    await writeV2(file, [
      ['admin', PASSPHRASE, 'administrator'],
      ['bob', BOB, 'member'],
    ]);
    const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, backoff: () => 0 });
    await km.unlock({ username: 'admin', passphrase: PASSPHRASE });
    const next = 'a new admin passphrase here';
    await expect(km.changePassphrase({ currentPassphrase: PASSPHRASE, newPassphrase: next, confirmPassphrase: next })).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('bob must unlock the vault once'),
    });
    await km.lock();
    expect(await km.unlock({ username: 'bob', passphrase: BOB })).toMatchObject({ username: 'bob', role: 'MEMBER' });
    expect((await fileJson(file)).keyslots.every((s: object) => 'publicKey' in s)).toBe(true);
    await km.lock();
    await km.unlock({ username: 'admin', passphrase: PASSPHRASE });
    await km.changePassphrase({ currentPassphrase: PASSPHRASE, newPassphrase: next, confirmPassphrase: next });
    await km.lock();
    expect((await km.unlock({ username: 'bob', passphrase: BOB })).username).toBe('bob');
    await km.lock();
  });

  it('records lastUnlockAt at each unlock (best effort: a full disk does not keep anyone out)', async () => {
    const ctx = await unlockedManager();
    await addMember(ctx, 'alice', ALICE, 'VIEWER');
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2027-01-02T03:04:05Z') });
    try {
      await signInAs(ctx, 'alice', ALICE);
    } finally {
      vi.useRealTimers();
    }
    expect(ctx.km.currentMember().lastUnlockAt).toBe('2027-01-02T03:04:05.000Z');
    await ctx.km.lock();
  });
});
