import { copyFile, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultDocument } from '../../main/core/vault/document';
import { Vault } from '../../main/core/vault/vault';
import { expectFailure, expectSuccess, openFixture } from './key-api-fixture';
import { FakeClock, PASSPHRASE, allFileText, caller, unlockedManager } from './helpers';

/**
 * Key store deletion (issue 12, item 2) through the real dispatcher and KeyManager: the lifecycle keys have
 * (Request for Deletion -> Scheduled to be Deleted for 7 days -> deleted; Cancel Deletion; Immediately Delete with
 * the name typed), refused while the key store holds keys In Service, and everything of the key store gone after.
 */

type Call = ReturnType<typeof caller>;
const DAY_MS = 24 * 60 * 60 * 1000;
const KEY_BYTES = Array.from({ length: 32 }, (_, i) => `0x${((i * 53 + 7) % 256).toString(16).padStart(2, '0')}`).join(' ');

// Let each test's scheduler pass finish and lock, before helpers.ts removes the data folder.
const open: { caughtUp(): Promise<void>; lock(reason: 'shutdown'): Promise<void> }[] = [];
afterEach(async () => {
  for (const km of open.splice(0)) {
    await km.caughtUp();
    await km.lock('shutdown');
  }
});

async function setup(clock = new FakeClock()) {
  const ctx = await unlockedManager(clock);
  open.push(ctx.km);
  const call = caller(ctx.dispatch);
  const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
  /** Lock, and unlock as `username`: the next calls are theirs. */
  const as = async (username: string) => {
    await ctx.km.lock();
    await call('vault.unlock', { username, passphrase: PASSPHRASE });
  };
  const addMember = (username: string, role: string, approvalRoles: string[] = []) =>
    call('members.add', { username, passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE, role, approvalRoles });
  return { ...ctx, call, clock, store, as, addMember };
}

async function refusal(call: Call, channel: string, input?: unknown): Promise<{ code: string; message: string; field?: string }> {
  try {
    await call(channel, input);
  } catch (err) {
    const { code, message, field } = err as { code: string; message: string; field?: string };
    return { code, message, ...(field ? { field } : {}) };
  }
  throw new Error(`${channel} was expected to be refused`);
}

/** A key of the key store, made cheaply (Confidential Data), Scheduled to be Deleted if asked. */
async function key(call: Call, keyStoreId: string, name: string, scheduled = false): Promise<{ id: string; name: string }> {
  const made = await call('keys.create', { type: 'confidential', keyStoreId, name, data: `data of ${name}` });
  if (scheduled) await call('keys.requestDeletion', { keyId: made.id });
  return made;
}

/** The vault document in a copy of `file` (vault.json or vault.json.bak), decrypted with the admin's passphrase. */
async function documentIn(dir: string, file: string): Promise<VaultDocument> {
  const copy = path.join(dir, `copy-of-${file}`);
  await copyFile(path.join(dir, file), copy);
  const vault = await Vault.open(copy, 'admin', PASSPHRASE);
  try {
    return structuredClone(vault.data) as VaultDocument;
  } finally {
    await vault.close();
  }
}

describe('the key store deletion lifecycle', () => {
  it('Request for Deletion schedules the key store 7 days on; Cancel Deletion puts it back In Service', async () => {
    const { call, clock, store } = await setup();
    expect(store).toMatchObject({ status: 'in-service', deletionDate: null });
    const scheduled = await call('keystores.requestDeletion', { id: store.id });
    expect(scheduled).toMatchObject({
      id: store.id,
      name: 'Payments',
      status: 'scheduled-for-deletion',
      deletionDate: new Date(clock.now().getTime() + 7 * DAY_MS).toISOString(),
      updatedAt: clock.now().toISOString(),
    });
    expect(await call('keystores.list')).toEqual([scheduled]);
    expect(await call('keystores.get', { id: store.id })).toEqual(scheduled);
    expect(await refusal(call, 'keystores.requestDeletion', { id: store.id })).toEqual({
      code: 'INVALID_STATE',
      message: 'The key store "Payments" is already Scheduled to be Deleted.',
    });

    const restored = await call('keystores.cancelDeletion', { id: store.id });
    expect(restored).toMatchObject({ status: 'in-service', deletionDate: null });
    expect(await refusal(call, 'keystores.cancelDeletion', { id: store.id })).toEqual({
      code: 'INVALID_STATE',
      message: 'The key store "Payments" is not Scheduled to be Deleted.',
    });
  });

  it('Immediately Delete needs the key store Scheduled to be Deleted and its name typed exactly', async () => {
    const { call, store } = await setup();
    expect(await refusal(call, 'keystores.deleteNow', { id: store.id, confirmName: 'Payments' })).toMatchObject({
      code: 'INVALID_STATE',
      message: expect.stringContaining('Request for Deletion first'),
    });
    await call('keystores.requestDeletion', { id: store.id });
    for (const typed of ['payments', 'Payment', '']) {
      expect(await refusal(call, 'keystores.deleteNow', { id: store.id, confirmName: typed })).toEqual({
        code: 'CONFIRMATION_MISMATCH',
        message: "Type the key store's name exactly to confirm Immediately Delete.",
        field: 'confirmName',
      });
    }
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ status: 'scheduled-for-deletion' });
    expect(await call('keystores.deleteNow', { id: store.id, confirmName: 'Payments' })).toBeUndefined();
    expect(await call('keystores.list')).toEqual([]);
    expect(await refusal(call, 'keystores.get', { id: store.id })).toMatchObject({ code: 'KEY_STORE_NOT_FOUND' });
    expect(await refusal(call, 'keystores.cancelDeletion', { id: store.id })).toMatchObject({ code: 'KEY_STORE_NOT_FOUND' });
    // The name is free again.
    expect(await call('keystores.create', { name: 'Payments', authMethods: ['mac'] })).toMatchObject({ status: 'in-service' });
  });

  it('the scheduler deletes the key store when its 7 days have passed, with its keys and authentication information', async () => {
    const { km, call, clock, store } = await setup();
    const gone = await key(call, store.id, 'card-numbers', true);
    const ip = await call('auth.addIpv4', { keyStoreId: store.id, address: '10.1.2.0/24' });
    const other = await call('keystores.create', { name: 'Ledger', authMethods: ['mac'] });
    const kept = await key(call, other.id, 'ledger-key');
    await call('keystores.requestDeletion', { id: store.id });

    clock.advanceDays(6.9);
    await km.applyDue();
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ status: 'scheduled-for-deletion', keyCount: 1 });
    clock.advanceDays(0.2);
    await km.applyDue();
    expect((await call('keystores.list')).map((s: any) => s.name)).toEqual(['Ledger']);
    expect(await refusal(call, 'keys.get', { keyId: gone.id })).toMatchObject({ code: 'KEY_NOT_FOUND' });
    expect(await refusal(call, 'auth.get', { id: ip.id })).toMatchObject({ code: 'AUTH_ENTRY_NOT_FOUND' });
    expect(await call('keys.get', { keyId: kept.id })).toMatchObject({ status: 'in-service' });
    expect(await call('vault.info')).toMatchObject({ heldDeletions: null });
  });

  it('a clock jump holds a due key store deletion (counted in the banner) until an ADMIN confirms it', async () => {
    const { km, call, clock, store } = await setup();
    await key(call, store.id, 'card-numbers', true);
    await call('keystores.requestDeletion', { id: store.id });
    await km.applyDue();
    clock.advanceDays(30);
    await km.applyDue();
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ status: 'scheduled-for-deletion', keyCount: 1 });
    // The key and the key store: both fell due within the gap.
    expect((await call('vault.info')).heldDeletions).toMatchObject({ count: 2 });
    const info = await call('vault.releaseHeldDeletions');
    expect(info.heldDeletions).toBeNull();
    expect(await call('keystores.list')).toEqual([]);
  });
});

describe('what holds a key store back', () => {
  it('Request for Deletion is refused while it holds keys In Service, naming them; scheduled keys do not count', async () => {
    const { call, store } = await setup();
    const card = await key(call, store.id, 'card-numbers');
    expect(await refusal(call, 'keystores.requestDeletion', { id: store.id })).toEqual({
      code: 'INVALID_STATE',
      message: 'Payments still holds 1 key In Service: card-numbers. Request its deletion first.',
    });
    const pin = await key(call, store.id, 'pin-key');
    await key(call, store.id, 'old-key', true);
    expect(await refusal(call, 'keystores.requestDeletion', { id: store.id })).toEqual({
      code: 'INVALID_STATE',
      message: 'Payments still holds 2 keys In Service: card-numbers, pin-key. Request their deletion first.',
    });
    for (const name of ['k3', 'k4', 'k5', 'k6', 'k7']) await key(call, store.id, name);
    expect((await refusal(call, 'keystores.requestDeletion', { id: store.id })).message).toBe(
      'Payments still holds 7 keys In Service: card-numbers, pin-key, k3, k4, k5 and 2 more. Request their deletion first.',
    );
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ status: 'in-service' });

    for (const k of await call('keys.list', { keyStoreId: store.id })) {
      if (k.status === 'in-service') await call('keys.requestDeletion', { keyId: k.id });
    }
    expect(await call('keystores.requestDeletion', { id: store.id })).toMatchObject({ status: 'scheduled-for-deletion', keyCount: 8 });
    expect((await call('keys.get', { keyId: card.id })).status).toBe('scheduled-for-deletion');
    expect((await call('keys.get', { keyId: pin.id })).status).toBe('scheduled-for-deletion');
  });

  it('while Scheduled to be Deleted nothing can be added to it; Cancel Deletion allows it again', async () => {
    const { call, store } = await setup();
    await call('keystores.requestDeletion', { id: store.id });
    const refused = {
      code: 'KEY_STORE_SCHEDULED_FOR_DELETION',
      message: 'The key store "Payments" is Scheduled to be Deleted, so nothing can be added to it. Cancel Deletion of the key store first.',
    };
    const additions: [string, unknown][] = [
      ['keys.create', { type: 'confidential', keyStoreId: store.id, name: 'note', data: 'x' }],
      ['keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'aes' }],
      ['keys.create', { type: 'asymmetric', keyStoreId: store.id, name: 'signer', algorithm: 'Ed25519' }],
      ['keys.import', { keyStoreId: store.id, name: 'imported', keyData: KEY_BYTES }],
      ['auth.addIpv4', { keyStoreId: store.id, address: '10.0.0.1' }],
      ['auth.addMac', { keyStoreId: store.id, address: 'AA-BB-CC-DD-EE-01' }],
      [
        'auth.addCertificate',
        {
          keyStoreId: store.id,
          name: 'client',
          password: 'certificate-password-0815',
          confirmPassword: 'certificate-password-0815',
          validFrom: '2026-11-28',
          validTo: '2027-11-27',
        },
      ],
    ];
    for (const [channel, input] of additions) expect(await refusal(call, channel, input), channel).toEqual(refused);
    expect(await call('keys.list', { keyStoreId: store.id })).toEqual([]);
    expect(await call('auth.list', { keyStoreId: store.id, kind: 'ipv4' })).toEqual([]);

    await call('keystores.cancelDeletion', { id: store.id });
    expect(await call('keys.create', { type: 'confidential', keyStoreId: store.id, name: 'note', data: 'x' })).toMatchObject({ status: 'in-service' });
    expect(await call('auth.addIpv4', { keyStoreId: store.id, address: '10.0.0.1' })).toMatchObject({ status: 'in-service' });
  });

  it('its keys cannot be used while it is Scheduled to be Deleted, and can again after Cancel Deletion', async () => {
    const { call, store } = await setup();
    const aes = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'tokens' });
    const note = await key(call, store.id, 'db-password');
    const sealed = await call('keys.encrypt', { keyId: aes.id, payload: { data: 'card 4111' } });
    for (const k of [aes, note]) await call('keys.requestDeletion', { keyId: k.id });
    await call('keystores.requestDeletion', { id: store.id });
    // A key's own Cancel Deletion does not make it usable while its key store is being deleted.
    for (const k of [aes, note]) expect(await call('keys.cancelDeletion', { keyId: k.id })).toMatchObject({ status: 'in-service' });
    const refused = (name: string) => ({
      code: 'KEY_SCHEDULED_FOR_DELETION',
      message: `The key "${name}" is in the key store "Payments", which is Scheduled to be Deleted, so it cannot be used. Cancel Deletion of the key store to use it again.`,
    });
    expect(await refusal(call, 'keys.encrypt', { keyId: aes.id, payload: { data: 'x' } })).toEqual(refused('tokens'));
    expect(await refusal(call, 'keys.decrypt', { keyId: aes.id, ciphertext: sealed.ciphertext })).toEqual(refused('tokens'));
    expect(await refusal(call, 'keys.dataKey', { keyId: aes.id })).toEqual(refused('tokens'));
    expect(await refusal(call, 'keys.reveal', { keyId: note.id })).toEqual(refused('db-password'));
    // Keys In Service hold back Immediately Delete, too: the key store goes only with keys that are going.
    expect(await refusal(call, 'keystores.deleteNow', { id: store.id, confirmName: 'Payments' })).toEqual({
      code: 'INVALID_STATE',
      message: 'Payments still holds 2 keys In Service: tokens, db-password. Request their deletion first.',
    });

    await call('keystores.cancelDeletion', { id: store.id });
    expect(await call('keys.decrypt', { keyId: aes.id, ciphertext: sealed.ciphertext })).toMatchObject({ text: 'card 4111' });
    expect(await call('keys.reveal', { keyId: note.id })).toEqual({ data: 'data of db-password' });
  });

  it('a due key store that got a key In Service back waits, and is not counted as due', async () => {
    const { km, call, clock, store } = await setup();
    const k = await key(call, store.id, 'card-numbers', true);
    await call('keystores.requestDeletion', { id: store.id });
    await call('keys.cancelDeletion', { keyId: k.id });
    // Nine passes, less than a day apart (no clock jump): 8.1 days on, past its deletion date.
    for (let pass = 0; pass < 9; pass++) {
      clock.advanceDays(0.9);
      await km.applyDue();
    }
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ status: 'scheduled-for-deletion', keyCount: 1 });
    expect((await call('vault.info')).heldDeletions).toBeNull();
    // Once that key is scheduled again, the overdue key store goes (with it) at the next pass.
    await call('keys.requestDeletion', { keyId: k.id });
    await km.applyDue();
    expect(await call('keystores.list')).toEqual([]);
  });
});

describe('after deletion', () => {
  it('nothing of the key store is left in vault.json or vault.json.bak: keys, entries, CA, Key API counts', async () => {
    const { km, call, dir, store } = await setup();
    const marker = 'keystore-deletion-marker-5d1e';
    const secret = await call('keys.create', { type: 'confidential', keyStoreId: store.id, name: 'db-password', data: marker });
    const aes = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'tokens' });
    const ip = await call('auth.addIpv4', { keyStoreId: store.id, address: '10.9.8.7' });
    // Makes the key store's CA (this test host saves no files, so the download itself is refused; the CA is kept).
    await refusal(call, 'auth.downloadCaCertificate', { keyStoreId: store.id });
    const other = await call('keystores.create', { name: 'Ledger', authMethods: ['mac'] });
    const kept = await call('keys.create', { type: 'symmetric', keyStoreId: other.id, name: 'ledger-key' });
    // Key API calls, counted and written as the Key API does.
    km.keys().usage.count(aes.id, new Date());
    km.keys().usage.count(kept.id, new Date());
    await km.keys().usage.flush();
    await call('keys.encrypt', { keyId: aes.id, payload: { data: 'warm the material cache' } });

    const before = await documentIn(dir, 'vault.json');
    expect(before.keyStores.find((s) => s.id === store.id)?.ca).toBeDefined();
    expect(Object.keys(before.apiUsage ?? {}).sort()).toEqual([aes.id, kept.id].sort());

    for (const k of [secret, aes]) await call('keys.requestDeletion', { keyId: k.id });
    await call('keystores.requestDeletion', { id: store.id });
    await call('keystores.deleteNow', { id: store.id, confirmName: 'Payments' });
    expect(await refusal(call, 'keys.encrypt', { keyId: aes.id, payload: { data: 'x' } })).toMatchObject({ code: 'KEY_NOT_FOUND' });
    expect(await call('keys.encrypt', { keyId: kept.id, payload: { data: 'x' } })).toMatchObject({ version: 1 });
    await km.lock();

    for (const file of ['vault.json', 'vault.json.bak']) {
      const doc = await documentIn(dir, file);
      const text = JSON.stringify(doc);
      for (const gone of [store.id, secret.id, aes.id, ip.id, marker, 'db-password', '10.9.8.7']) expect(text, `${gone} in ${file}`).not.toContain(gone);
      const names = { keyStores: doc.keyStores.map((s) => s.name), keys: doc.keys.map((k) => k.name) };
      expect(names, file).toEqual({ keyStores: ['Ledger'], keys: ['ledger-key'] });
      expect(doc.authEntries, file).toEqual([]);
      expect(Object.keys(doc.apiUsage ?? {}), file).toEqual([kept.id]);
      expect(doc.purgePending, file).toBeFalsy();
    }
    // The files themselves hold no plain text of it either.
    expect(await allFileText(dir)).not.toContain(marker);
    const header = JSON.parse(await readFile(path.join(dir, 'vault.json'), 'utf8')) as { generation: number };
    expect(header.generation).toBeGreaterThan(0);
  });
});

describe('roles and the Approval Feature', () => {
  it('a VIEWER is refused (FORBIDDEN) all three; a MEMBER may do them', async () => {
    const { call, store, as, addMember } = await setup();
    await addMember('viewer', 'VIEWER');
    await addMember('member', 'MEMBER');
    await as('viewer');
    for (const [channel, input] of [
      ['keystores.requestDeletion', { id: store.id }],
      ['keystores.cancelDeletion', { id: store.id }],
      ['keystores.deleteNow', { id: store.id, confirmName: 'Payments' }],
    ] as const) {
      expect(await refusal(call, channel, input), channel).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^Your role \(VIEWER\)/) });
    }
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ status: 'in-service' });
    await as('member');
    await call('keystores.requestDeletion', { id: store.id });
    await call('keystores.cancelDeletion', { id: store.id });
    await call('keystores.requestDeletion', { id: store.id });
    await call('keystores.deleteNow', { id: store.id, confirmName: 'Payments' });
    expect(await call('keystores.list')).toEqual([]);
  });

  it('with the Approval Feature on, the three are staged, requested and applied at approval', async () => {
    const { km, call, store, as, addMember } = await setup();
    await addMember('requester', 'MEMBER', ['APPROVAL_MEMBER']);
    await addMember('approver', 'MEMBER', ['APPROVAL_ADMIN']);
    const card = await key(call, store.id, 'card-numbers');
    await call('governance.update', { approvalFeature: true });

    await as('requester');
    expect(await refusal(call, 'keystores.requestDeletion', { id: store.id })).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    // Staging checks the rules against what is already staged: alone, the key In Service holds the key store back.
    expect(await refusal(call, 'staging.stage', { channel: 'keystores.requestDeletion', input: { id: store.id } })).toEqual({
      code: 'INVALID_STATE',
      message: 'Payments still holds 1 key In Service: card-numbers. Request its deletion first.',
    });
    expect(await refusal(call, 'staging.stage', { channel: 'keystores.deleteNow', input: { id: store.id } })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'input.confirmName',
    });
    await call('staging.stage', { channel: 'keys.requestDeletion', input: { keyId: card.id } });
    const staged = await call('staging.stage', { channel: 'keystores.requestDeletion', input: { id: store.id } });
    expect(staged).toMatchObject({
      keyStoreId: store.id,
      keyStoreName: 'Payments',
      channel: 'keystores.requestDeletion',
      status: 'Request for Deletion',
      itemKind: 'Key Store',
      itemId: store.id,
      itemName: 'Payments',
      fields: [{ field: 'Status', before: 'In Service', after: 'Scheduled to be Deleted' }],
    });
    // Nothing new may be staged into a key store staged for deletion.
    expect(await refusal(call, 'staging.stage', { channel: 'keys.create', input: { type: 'symmetric', keyStoreId: store.id, name: 'late' } })).toMatchObject({
      code: 'KEY_STORE_SCHEDULED_FOR_DELETION',
    });
    const request = await call('approvals.request', { keyStoreId: store.id });
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ status: 'in-service' });

    await as('approver');
    expect(await call('approvals.approve', { requestId: request.id })).toMatchObject({ status: 'Approved' });
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ status: 'scheduled-for-deletion' });
    expect(await call('keys.get', { keyId: card.id })).toMatchObject({ status: 'scheduled-for-deletion' });
    // The approver's own staged change for this key store: it goes with the key store.
    await call('staging.stage', { channel: 'keys.update', input: { keyId: card.id, description: 'never applied' } });
    expect(await call('staging.list', { keyStoreId: store.id })).toHaveLength(1);

    await as('requester');
    const deleting = await call('staging.stage', { channel: 'keystores.deleteNow', input: { id: store.id, confirmName: 'Payments' } });
    expect(deleting).toMatchObject({ status: 'Immediately Delete', fields: [{ field: 'Status', before: 'Scheduled to be Deleted', after: 'Deleted' }] });
    const second = await call('approvals.request', { keyStoreId: store.id, comment: 'Payments moved to the new HSM' });
    await as('approver');
    expect(await call('approvals.approve', { requestId: second.id })).toMatchObject({ status: 'Approved' });
    expect(await call('keystores.list')).toEqual([]);
    expect(await call('staging.list', { keyStoreId: store.id })).toEqual([]);
    expect((km.document()?.approvals?.staged ?? []).filter((c) => c.keyStoreId === store.id)).toEqual([]);
  });
});

describe('audit records', () => {
  it('one record per call, naming the key store; a scheduler deletion is recorded as the system', async () => {
    const { km, call, clock, store } = await setup();
    const records = () => km.auditLog().records();
    const count = async () => (await records()).length;
    const k = await key(call, store.id, 'card-numbers', true);
    const start = await count();
    const since = async () => (await records()).slice(start);
    await call('keystores.requestDeletion', { id: store.id });
    await call('keystores.cancelDeletion', { id: store.id });
    await call('keystores.requestDeletion', { id: store.id });
    await refusal(call, 'keystores.deleteNow', { id: store.id, confirmName: 'wrong' });
    const target = { keyStoreId: store.id, keyStoreName: 'Payments' };
    expect((await since()).map((r) => [r.action, r.outcome, r.code, r.actor.kind, r.target])).toEqual([
      ['keystores.requestDeletion', 'ok', undefined, 'member', target],
      ['keystores.cancelDeletion', 'ok', undefined, 'member', target],
      ['keystores.requestDeletion', 'ok', undefined, 'member', target],
      ['keystores.deleteNow', 'failed', 'CONFIRMATION_MISMATCH', 'member', target],
    ]);

    clock.advanceDays(6.9);
    await km.applyDue();
    const before = await count();
    clock.advanceDays(0.2);
    await km.applyDue();
    const scheduler = { kind: 'system', name: 'Scheduler' };
    const deletions = (await records()).slice(before);
    expect(deletions.map((r) => [r.action, r.outcome, r.actor])).toEqual(
      expect.arrayContaining([
        ['scheduler.deleteKey', 'ok', scheduler],
        ['scheduler.deleteKeyStore', 'ok', scheduler],
      ]),
    );
    expect(deletions).toHaveLength(2);
    expect(deletions.find((r) => r.action === 'scheduler.deleteKeyStore')!.target).toEqual(target);
    expect(deletions.find((r) => r.action === 'scheduler.deleteKey')!.target).toEqual({ ...target, keyId: k.id, keyName: 'card-numbers' });

    // Immediately Delete by a member: one record, naming the key store as it was.
    const other = await call('keystores.create', { name: 'Ledger', authMethods: ['mac'] });
    await call('keystores.requestDeletion', { id: other.id });
    await call('keystores.deleteNow', { id: other.id, confirmName: 'Ledger' });
    expect((await records()).at(-1)).toMatchObject({
      action: 'keystores.deleteNow',
      outcome: 'ok',
      actor: { kind: 'member', name: 'admin' },
      target: { keyStoreId: other.id, keyStoreName: 'Ledger' },
    });
  });
});

describe('the Key API', () => {
  it('answers Invalid Key Status for a key of a key store Scheduled to be Deleted, and serves it again after Cancel Deletion', async () => {
    const fx = await openFixture();
    try {
      const store = await fx.call('keystores.create', { name: 'Loopback', authMethods: ['ipv4'] });
      await fx.call('auth.addIpv4', { keyStoreId: store.id, address: '127.0.0.1' });
      const aes = await fx.call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'tokens' });
      const api = await fx.startApi();
      const encrypt = () => api.call(`symmetric-keys/${aes.id}/encrypt`, { body: { plaintext: 'card 4111' } });
      expectSuccess(await encrypt());

      await fx.call('keys.requestDeletion', { keyId: aes.id });
      await fx.call('keystores.requestDeletion', { id: store.id });
      await fx.call('keys.cancelDeletion', { keyId: aes.id });
      expectFailure(await encrypt(), 'INVALID_KEY_STATUS', expect.stringContaining('the key store "Loopback", which is Scheduled to be Deleted'));

      await fx.call('keystores.cancelDeletion', { id: store.id });
      expect(expectSuccess(await encrypt())).toMatchObject({ keyVersion: 1 });
    } finally {
      await fx.close();
    }
  }, 120_000);
});

describe('nothing of a key store Scheduled to be Deleted is used or grows', () => {
  it('its CA certificate, CRL and client certificates are not downloaded, and no CA is made for it; Cancel Deletion allows them again', async () => {
    const { km, call, store } = await setup();
    const other = await call('keystores.create', { name: 'Ledger', authMethods: ['certificate'] });
    const cert = await call('auth.addCertificate', {
      keyStoreId: other.id,
      name: 'ledger-client',
      password: 'certificate-password-0815',
      confirmPassword: 'certificate-password-0815',
      validFrom: '2026-11-28',
      validTo: '2027-11-27',
    });
    for (const s of [store, other]) await call('keystores.requestDeletion', { id: s.id });
    const refused = (name: string, what: string) => ({
      code: 'KEY_STORE_SCHEDULED_FOR_DELETION',
      message: `The key store "${name}" is Scheduled to be Deleted, so its ${what} cannot be downloaded. Cancel Deletion of the key store first.`,
    });
    expect(await refusal(call, 'auth.downloadCaCertificate', { keyStoreId: store.id })).toEqual(refused('Payments', 'CA certificate'));
    expect(await refusal(call, 'auth.downloadCrl', { keyStoreId: store.id })).toEqual(refused('Payments', 'CRL'));
    expect(await refusal(call, 'auth.downloadCrl', { keyStoreId: other.id })).toEqual(refused('Ledger', 'CRL'));
    expect(await refusal(call, 'auth.downloadCertificate', { id: cert.id })).toEqual(refused('Ledger', 'certificates'));
    const caOf = (id: string) => km.document()!.keyStores.find((s) => s.id === id)!.ca;
    expect(caOf(store.id)).toBeUndefined();
    const crlNumber = caOf(other.id)!.crlNumber;

    await call('keystores.cancelDeletion', { id: store.id });
    // This test host saves no files, so the download itself is refused after the CA is made (as in a real download).
    expect((await refusal(call, 'auth.downloadCaCertificate', { keyStoreId: store.id })).code).not.toBe('KEY_STORE_SCHEDULED_FOR_DELETION');
    expect(caOf(store.id)).toBeDefined();
    expect(caOf(other.id)!.crlNumber).toBe(crlNumber);
  }, 60_000);

  it('a key In Service in it is not rotated, neither by Immediately Rotate nor by the scheduler, until Cancel Deletion', async () => {
    const { km, call, clock, store } = await setup();
    const aes = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'tokens', rotationCycleDays: 30 });
    clock.advanceDays(29.5);
    await km.applyDue();
    await call('keys.requestDeletion', { keyId: aes.id });
    await call('keystores.requestDeletion', { id: store.id });
    // The key's own Cancel Deletion: it is In Service, in a key store that is not.
    await call('keys.cancelDeletion', { keyId: aes.id });
    expect(await refusal(call, 'keys.rotate', { keyId: aes.id })).toEqual({
      code: 'KEY_STORE_SCHEDULED_FOR_DELETION',
      message:
        'The key "tokens" is in the key store "Payments", which is Scheduled to be Deleted, so it is not rotated. Cancel Deletion of the key store first.',
    });
    // Its rotation date passes while the key store waits: the scheduler skips it.
    clock.advanceDays(0.8);
    await km.applyDue();
    clock.advanceDays(0.8);
    await km.applyDue();
    expect(await call('keys.get', { keyId: aes.id })).toMatchObject({ currentVersion: 1, status: 'in-service' });

    await call('keystores.cancelDeletion', { id: store.id });
    await km.applyDue();
    const rotated = await call('keys.get', { keyId: aes.id });
    expect(rotated.currentVersion).toBe(2);
    expect(rotated.nextRotationAt).toBe(new Date(clock.now().getTime() + 30 * DAY_MS).toISOString());
    expect(await call('keys.rotate', { keyId: aes.id })).toMatchObject({ currentVersion: 3 });
  });

  it('a pending request for a key store that was deleted meanwhile fails at approval, naming the key store', async () => {
    const { call, store, as, addMember } = await setup();
    await addMember('requester', 'MEMBER', ['APPROVAL_MEMBER']);
    await addMember('approver', 'MEMBER', ['APPROVAL_ADMIN']);
    await call('governance.update', { approvalFeature: true });

    await as('requester');
    await call('staging.stage', { channel: 'keys.create', input: { type: 'symmetric', keyStoreId: store.id, name: 'late-key', rotationCycleDays: 0 } });
    const late = await call('approvals.request', { keyStoreId: store.id });
    await call('staging.stage', { channel: 'keystores.requestDeletion', input: { id: store.id } });
    await call('staging.stage', { channel: 'keystores.deleteNow', input: { id: store.id, confirmName: 'Payments' } });
    const deletion = await call('approvals.request', { keyStoreId: store.id });
    await as('approver');
    expect(await call('approvals.approve', { requestId: deletion.id })).toMatchObject({ status: 'Approved' });
    expect(await call('keystores.list')).toEqual([]);

    const words =
      'The key store "Payments" was deleted after the change (Added: Symmetric Key "late-key") was staged, so there is nothing to apply it to. The request failed and nothing was applied.';
    expect(await refusal(call, 'approvals.approve', { requestId: late.id })).toEqual({ code: 'REQUEST_STALE', message: words });
    const failed = (await call('approvals.list')).find((r: { id: string }) => r.id === late.id);
    expect(failed).toMatchObject({ status: 'Failed', failure: words, decidedBy: { username: 'approver' } });
  });

  it('a rotation cannot be staged for a key of a key store that is (or is staged to be) Scheduled to be Deleted', async () => {
    const { call, store, as, addMember } = await setup();
    await addMember('requester', 'MEMBER', ['APPROVAL_MEMBER']);
    await addMember('approver', 'MEMBER', ['APPROVAL_ADMIN']);
    const aes = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'tokens' });
    await call('governance.update', { approvalFeature: true });
    await as('requester');
    await call('staging.stage', { channel: 'keys.requestDeletion', input: { keyId: aes.id } });
    await call('staging.stage', { channel: 'keystores.requestDeletion', input: { id: store.id } });
    await call('staging.stage', { channel: 'keys.cancelDeletion', input: { keyId: aes.id } });
    expect(await refusal(call, 'staging.stage', { channel: 'keys.rotate', input: { keyId: aes.id } })).toEqual({
      code: 'KEY_STORE_SCHEDULED_FOR_DELETION',
      message:
        'The key "tokens" is in the key store "Payments", which is Scheduled to be Deleted, so it is not rotated. Cancel Deletion of the key store first.',
    });
  });
});
