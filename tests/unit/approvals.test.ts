import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StageableChannel } from '../../shared/approval';
import { FakeClock, PASSPHRASE, allFileText, caller, unlockedManager } from './helpers';

/**
 * The approval feature (issue 9, items 3, 4, 5, 7) through the real dispatcher and KeyManager: members are added
 * with the members channels, each signs in with their own passphrase, and every call goes through the contract.
 */

const KEY_BYTES = Array.from({ length: 32 }, (_, i) => `0x${((i * 37 + 11) % 256).toString(16).padStart(2, '0')}`).join(' ');
const SECRETS = { data: 'TOP-SECRET-CONFIDENTIAL-4711', password: 'certificate-password-0815', keyData: KEY_BYTES };

type Call = ReturnType<typeof caller>;

// Let each test's scheduler pass finish and lock, before helpers.ts removes the data folder.
const open: { caughtUp(): Promise<void>; lock(reason: 'shutdown'): void }[] = [];
afterEach(async () => {
  for (const km of open.splice(0)) {
    await km.caughtUp();
    await km.lock('shutdown');
  }
});

async function setup(options: { approvers?: number; requiredApprovals?: number; on?: boolean } = {}) {
  const clock = new FakeClock();
  const ctx = await unlockedManager(clock);
  open.push(ctx.km);
  const call = caller(ctx.dispatch);
  const add = (username: string, approvalRoles: string[]) =>
    call('members.add', { username, passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE, role: 'MEMBER', approvalRoles });
  await add('requester', ['APPROVAL_MEMBER']);
  for (let i = 1; i <= (options.approvers ?? 1); i++) await add(i === 1 ? 'approver' : `approver${i}`, ['APPROVAL_ADMIN']);
  const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
  const old = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'old-key' });
  if (options.requiredApprovals) await call('governance.update', { requiredApprovals: options.requiredApprovals });
  if (options.on !== false) await call('governance.update', { approvalFeature: true });
  /** Lock, and unlock as `username`: the next calls are theirs. */
  const as = async (username: string) => {
    await ctx.km.lock();
    await call('vault.unlock', { username, passphrase: PASSPHRASE });
  };
  const generation = (): number => JSON.parse(readFileSync(path.join(ctx.dir, 'vault.json'), 'utf8')).generation;
  return { ...ctx, clock, call, as, store, old, generation };
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

describe('staging and requests', () => {
  it('stages an Add Key and a Request for Deletion, and applies both in one vault write at approval', async () => {
    const { call, as, store, old, clock, generation } = await setup();
    await as('requester');
    // Direct changes are refused while the feature is on; using keys is not a change.
    expect(await refusal(call, 'keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'new-key' })).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    await call('staging.stage', { channel: 'keys.create', input: { type: 'symmetric', keyStoreId: store.id, name: 'new-key', rotationCycleDays: 90 } });
    await call('staging.stage', { keyStoreId: store.id, channel: 'keys.requestDeletion', input: { keyId: old.id } });
    // Obvious errors surface when staging: the channel's own schema, and the service's own rules.
    expect(await refusal(call, 'staging.stage', { channel: 'keys.create', input: { type: 'symmetric', keyStoreId: store.id, name: '' } })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'input.name',
    });
    expect(await refusal(call, 'staging.stage', { channel: 'keys.create', input: { type: 'symmetric', keyStoreId: store.id, name: 'old-key' } })).toMatchObject(
      {
        code: 'KEY_NAME_TAKEN',
      },
    );
    expect(await refusal(call, 'staging.stage', { channel: 'keys.create', input: { type: 'symmetric', keyStoreId: store.id, name: 'NEW-key' } })).toMatchObject(
      {
        code: 'KEY_NAME_TAKEN',
      },
    );
    // Checked against what is already staged: old-key is staged for deletion, so it cannot be rotated in the same request.
    expect(await refusal(call, 'staging.stage', { channel: 'keys.rotate', input: { keyId: old.id } })).toMatchObject({ code: 'KEY_SCHEDULED_FOR_DELETION' });
    const staged = await call('staging.list', { keyStoreId: store.id });
    expect(staged.map((c: any) => [c.status, c.itemName])).toEqual([
      ['Added', 'new-key'],
      ['Request for Deletion', 'old-key'],
    ]);
    expect(staged[1].fields).toEqual([{ field: 'Status', before: 'In Service', after: 'Scheduled to be Deleted' }]);
    // Nothing is applied yet.
    expect((await call('keys.list', { keyStoreId: store.id })).map((k: any) => [k.name, k.status])).toEqual([['old-key', 'in-service']]);

    const request = await call('approvals.request', { keyStoreId: store.id, comment: 'Quarterly change' });
    expect(request).toMatchObject({ status: 'Pending', requester: { username: 'requester' }, keyStoreName: 'Payments', mine: true, canApprove: false });
    expect(await call('staging.list', { keyStoreId: store.id })).toEqual([]);

    clock.advanceDays(1);
    await as('approver');
    const [listed] = await call('approvals.list');
    expect(listed).toMatchObject({ id: request.id, canApprove: true, mine: false });
    const before = generation();
    const approved = await call('approvals.approve', { requestId: request.id });
    expect(generation()).toBe(before + 1);
    expect(approved).toMatchObject({ status: 'Approved', decidedBy: { username: 'approver' }, decidedAt: clock.now().toISOString() });
    expect(approved.approvals).toEqual([{ member: { id: expect.any(String), username: 'approver' }, at: clock.now().toISOString(), coSigned: false }]);
    const keys = await call('keys.list', { keyStoreId: store.id });
    expect(keys.map((k: any) => [k.name, k.status])).toEqual([
      ['old-key', 'scheduled-for-deletion'],
      ['new-key', 'in-service'],
    ]);
    // Generated at approval, not when staged.
    expect(keys[1]).toMatchObject({ createdAt: clock.now().toISOString(), rotationCycleDays: 90 });
    // Item 7: every step is recorded with who and when.
    expect(approved.history.map((h: any) => [h.member?.username ?? null, h.event])).toEqual([
      ['requester', 'Staged Added: Symmetric Key "new-key"'],
      ['requester', 'Staged Request for Deletion: Symmetric Key "old-key"'],
      ['requester', 'Requested approval: "Quarterly change"'],
      ['approver', 'Approved'],
      ['approver', 'Applied: 2 changes in one write.'],
    ]);
    expect(await refusal(call, 'approvals.approve', { requestId: request.id })).toMatchObject({ code: 'REQUEST_NOT_PENDING' });
  });

  it('fails a request whose item changed after staging, with words naming the item, and applies nothing', async () => {
    const { call, as, store, old, clock, generation } = await setup();
    await as('requester');
    await call('staging.stage', { channel: 'keys.update', input: { keyId: old.id, description: 'first' } });
    const first = await call('approvals.request', { keyStoreId: store.id });
    await call('staging.stage', { channel: 'keys.create', input: { type: 'symmetric', keyStoreId: store.id, name: 'extra' } });
    await call('staging.stage', { channel: 'keys.update', input: { keyId: old.id, description: 'second' } });
    const second = await call('approvals.request', { keyStoreId: store.id });
    await as('approver');
    clock.advanceDays(1);
    await call('approvals.approve', { requestId: first.id });
    const before = generation();
    const failed = await refusal(call, 'approvals.approve', { requestId: second.id });
    expect(failed.code).toBe('REQUEST_STALE');
    expect(failed.message).toContain('"old-key"');
    expect(generation()).toBe(before + 1); // the Failed record only
    const listed = (await call('approvals.list')).find((r: any) => r.id === second.id);
    expect(listed).toMatchObject({ status: 'Failed', decidedBy: { username: 'approver' } });
    expect(listed.failure).toContain('"old-key"');
    expect(listed.history.at(-1).event).toMatch(/^Failed: /);
    const keys = await call('keys.list', { keyStoreId: store.id });
    expect(keys.map((k: any) => [k.name, k.description])).toEqual([['old-key', 'first']]);
  });

  it('stages Add Key Store in a bucket of its own (no key store yet) and creates it at approval', async () => {
    const { call, as } = await setup();
    await as('requester');
    await call('staging.stage', { channel: 'keystores.create', input: { name: 'Ledger', authMethods: ['mac'] } });
    expect(await refusal(call, 'staging.stage', { channel: 'keystores.create', input: { name: 'payments', authMethods: ['mac'] } })).toMatchObject({
      code: 'KEY_STORE_NAME_TAKEN',
    });
    expect((await call('staging.list', { keyStoreId: null })).map((c: any) => [c.status, c.itemKind, c.itemName])).toEqual([['Added', 'Key Store', 'Ledger']]);
    const request = await call('approvals.request', { keyStoreId: null });
    expect(request.keyStoreName).toBe('New key stores');
    await as('approver');
    await call('approvals.approve', { requestId: request.id });
    expect((await call('keystores.list')).map((s: any) => s.name)).toEqual(['Payments', 'Ledger']);
  });

  it('answers every stageable channel with odd inputs in words, never INTERNAL', async () => {
    const { as, store, old, dispatch } = await setup();
    await as('requester');
    const inputs = [
      undefined,
      null,
      42,
      'x',
      [],
      {},
      { keyId: old.id },
      { id: store.id },
      { keyId: old.id, confirmName: 'old-key' },
      { keyStoreId: store.id, name: 'k' },
    ];
    for (const channel of StageableChannel.options) {
      for (const input of inputs) {
        const result = await dispatch('staging.stage', { channel, input });
        if (!result.ok) {
          expect(result.error.code, `${channel} ${JSON.stringify(input)}`).not.toBe('INTERNAL');
          expect(result.error.message).toMatch(/^\p{Lu}.*[.)]$/u);
        }
      }
    }
  });

  it('lets each member discard their own staged changes only', async () => {
    const { call, as, store, old } = await setup();
    await as('requester');
    const staged = await call('staging.stage', { channel: 'keys.update', input: { keyId: old.id, description: 'x' } });
    await as('approver');
    expect(await call('staging.list', { keyStoreId: store.id })).toEqual([]);
    expect(await refusal(call, 'staging.discard', { stagedId: staged.id })).toMatchObject({ code: 'REQUEST_NOT_FOUND' });
    await as('requester');
    await call('staging.discard', { stagedId: staged.id });
    expect(await call('staging.list', { keyStoreId: store.id })).toEqual([]);
    expect(await refusal(call, 'approvals.request', { keyStoreId: store.id })).toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('approving', () => {
  it('refuses self-approval, also when the requester co-signs', async () => {
    const { call, as, store, old } = await setup({ approvers: 2 });
    // An APPROVAL ADMIN may also request; they still cannot approve their own request.
    await as('approver');
    await call('staging.stage', { channel: 'keys.update', input: { keyId: old.id, description: 'mine' } });
    const request = await call('approvals.request', { keyStoreId: store.id });
    expect(request).toMatchObject({ mine: true, canApprove: false });
    expect(await refusal(call, 'approvals.approve', { requestId: request.id })).toMatchObject({ code: 'SELF_APPROVAL' });
    expect(await refusal(call, 'approvals.deny', { requestId: request.id, reason: 'no' })).toMatchObject({ code: 'SELF_APPROVAL' });
    // Co-signing as the requester, from another member's desk.
    await as('requester');
    expect(await refusal(call, 'approvals.coSign', { requestId: request.id, coSigner: { username: 'approver', passphrase: PASSPHRASE } })).toMatchObject({
      code: 'SELF_APPROVAL',
    });
    await as('approver2');
    expect(await refusal(call, 'approvals.approve', { requestId: request.id, coSigner: { username: 'approver', passphrase: PASSPHRASE } })).toMatchObject({
      code: 'SELF_APPROVAL',
    });
    expect((await call('approvals.list'))[0]).toMatchObject({ status: 'Pending', approvals: [] });
    // An APPROVAL MEMBER cannot approve at all (the contract's permission).
    await as('requester');
    expect(await refusal(call, 'approvals.approve', { requestId: request.id })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('applies a request only when two distinct approvers (a quorum of 2) have approved', async () => {
    const { call, as, store, generation } = await setup({ approvers: 2, requiredApprovals: 2 });
    await as('requester');
    await call('staging.stage', { channel: 'keys.create', input: { type: 'confidential', keyStoreId: store.id, name: 'pin', data: SECRETS.data } });
    const request = await call('approvals.request', { keyStoreId: store.id });
    expect(request.requiredApprovals).toBe(2);
    await as('approver');
    const once = await call('approvals.approve', { requestId: request.id });
    expect(once).toMatchObject({ status: 'Pending', canApprove: false });
    expect(once.approvals).toHaveLength(1);
    expect((await call('keys.list', { keyStoreId: store.id })).map((k: any) => k.name)).toEqual(['old-key']);
    expect(await refusal(call, 'approvals.approve', { requestId: request.id })).toMatchObject({ code: 'INVALID_STATE' });
    await as('approver2');
    const before = generation();
    const twice = await call('approvals.approve', { requestId: request.id });
    expect(generation()).toBe(before + 1);
    expect(twice).toMatchObject({ status: 'Approved', decidedBy: { username: 'approver2' } });
    expect(twice.approvals.map((a: any) => a.member.username)).toEqual(['approver', 'approver2']);
    const pin = (await call('keys.list', { keyStoreId: store.id })).find((k: any) => k.name === 'pin');
    expect(await call('keys.reveal', { keyId: pin.id })).toEqual({ data: SECRETS.data });
  });

  it('applies a request once when two approvers approve at the same moment (the second is told it was decided)', async () => {
    const { call, as, store, dispatch } = await setup({ approvers: 2 });
    await as('requester');
    await call('staging.stage', { channel: 'keys.create', input: { type: 'symmetric', keyStoreId: store.id, name: 'raced' } });
    const request = await call('approvals.request', { keyStoreId: store.id });
    await as('approver');
    const [a, b] = await Promise.all([
      dispatch('approvals.approve', { requestId: request.id }),
      dispatch('approvals.approve', { requestId: request.id, coSigner: { username: 'approver2', passphrase: PASSPHRASE } }),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'REQUEST_NOT_PENDING' } });
    expect((await call('approvals.list'))[0]).toMatchObject({ status: 'Approved', failure: null });
    expect((await call('keys.list', { keyStoreId: store.id })).filter((k: any) => k.name === 'raced')).toHaveLength(1);
  });

  it('denies with a reason: the request ends and nothing changes', async () => {
    const { call, as, store, old } = await setup();
    await as('requester');
    await call('staging.stage', { channel: 'keys.requestDeletion', input: { keyId: old.id } });
    const request = await call('approvals.request', { keyStoreId: store.id });
    expect(await refusal(call, 'approvals.deny', { requestId: request.id, reason: 'x' })).toMatchObject({ code: 'FORBIDDEN' });
    await as('approver');
    expect(await refusal(call, 'approvals.deny', { requestId: request.id, reason: '  ' })).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    const denied = await call('approvals.deny', { requestId: request.id, reason: 'Still in use by the card terminals.' });
    expect(denied).toMatchObject({ status: 'Denied', denyReason: 'Still in use by the card terminals.', decidedBy: { username: 'approver' } });
    expect(denied.history.at(-1)).toMatchObject({ member: { username: 'approver' }, event: 'Denied: Still in use by the card terminals.' });
    expect((await call('keys.get', { keyId: old.id })).status).toBe('in-service');
    expect(await refusal(call, 'approvals.approve', { requestId: request.id })).toMatchObject({ code: 'REQUEST_NOT_PENDING' });
  });

  it('lets only the requester withdraw a pending request; its changes go back to staging', async () => {
    const { call, as, store, old } = await setup();
    await as('requester');
    await call('staging.stage', { channel: 'keys.update', input: { keyId: old.id, description: 'later' } });
    const request = await call('approvals.request', { keyStoreId: store.id });
    await as('approver');
    expect(await refusal(call, 'approvals.withdraw', { requestId: request.id })).toMatchObject({ code: 'FORBIDDEN' });
    await as('requester');
    const withdrawn = await call('approvals.withdraw', { requestId: request.id });
    expect(withdrawn).toMatchObject({ status: 'Withdrawn', decidedBy: { username: 'requester' } });
    expect(withdrawn.history.at(-1).event).toMatch(/^Withdrawn/);
    expect((await call('staging.list', { keyStoreId: store.id })).map((c: any) => c.itemName)).toEqual(['old-key']);
    expect(await refusal(call, 'approvals.withdraw', { requestId: request.id })).toMatchObject({ code: 'REQUEST_NOT_PENDING' });
  });

  it('expires pending requests after the Governance Setting period (fake clock), in the scheduler pass and when listed', async () => {
    const { call, as, store, old, clock, km } = await setup();
    expect(await call('governance.get')).toMatchObject({ approvalFeature: true, requiredApprovals: 1, requestExpiryDays: 7 });
    await as('requester');
    await call('staging.stage', { channel: 'keys.update', input: { keyId: old.id, description: 'a' } });
    const first = await call('approvals.request', { keyStoreId: store.id });
    expect(Date.parse(first.expiresAt) - Date.parse(first.createdAt)).toBe(7 * 24 * 3600 * 1000);
    clock.advanceDays(6.9);
    await km.applyDue();
    expect((await call('approvals.list'))[0].status).toBe('Pending');
    clock.advanceDays(0.2);
    await km.applyDue();
    const [expired] = await call('approvals.list');
    expect(expired).toMatchObject({ id: first.id, status: 'Expired' });
    expect(expired.history.at(-1)).toMatchObject({ member: null, event: expect.stringMatching(/^Expired/) });

    await call('staging.stage', { channel: 'keys.update', input: { keyId: old.id, description: 'b' } });
    const second = await call('approvals.request', { keyStoreId: store.id });
    clock.advanceDays(8);
    await as('approver');
    expect(await refusal(call, 'approvals.approve', { requestId: second.id })).toMatchObject({ code: 'REQUEST_NOT_PENDING' });
    expect((await call('approvals.list'))[0]).toMatchObject({ id: second.id, status: 'Expired' });
    expect((await call('keys.get', { keyId: old.id })).description).toBe('');
  });

  it('records a co-signing approver typed in at the same desk, after checking their passphrase and role', async () => {
    const { call, as, store, old, km } = await setup();
    await call('members.add', {
      username: 'helper',
      passphrase: PASSPHRASE,
      confirmPassphrase: PASSPHRASE,
      role: 'MEMBER',
      approvalRoles: ['APPROVAL_MEMBER'],
    });
    await as('requester');
    await call('staging.stage', { channel: 'keys.update', input: { keyId: old.id, description: 'ceremony' } });
    const request = await call('approvals.request', { keyStoreId: store.id });
    await as('helper');
    expect(
      await refusal(call, 'approvals.coSign', { requestId: request.id, coSigner: { username: 'approver', passphrase: 'not the passphrase' } }),
    ).toMatchObject({ code: 'WRONG_CREDENTIALS' });
    expect(await refusal(call, 'approvals.coSign', { requestId: request.id, coSigner: { username: 'requester', passphrase: PASSPHRASE } })).toMatchObject({
      code: 'SELF_APPROVAL',
    });
    await call('members.me'); // still signed in as helper
    const helperAsCoSigner = await as('approver').then(async () => {
      // A co-signer must hold APPROVAL_ADMIN: helper (APPROVAL_MEMBER) typed in at the approver's desk is refused.
      const refused = await refusal(call, 'approvals.approve', { requestId: request.id, coSigner: { username: 'helper', passphrase: PASSPHRASE } });
      await as('helper');
      return refused;
    });
    expect(helperAsCoSigner).toMatchObject({ code: 'FORBIDDEN' });
    const approved = await call('approvals.coSign', { requestId: request.id, coSigner: { username: 'approver', passphrase: PASSPHRASE } });
    expect(approved).toMatchObject({ status: 'Approved', decidedBy: { username: 'approver' } });
    expect(approved.approvals).toEqual([{ member: { id: expect.any(String), username: 'approver' }, at: expect.any(String), coSigned: true }]);
    expect(approved.history.map((h: any) => h.event)).toContain('Approved (co-signed at this workstation by approver)');
    expect((await call('members.me')).username).toBe('helper');
    expect(km.info().username).toBe('helper');
  });
});

describe('Governance Setting', () => {
  it('refuses to turn the Approval Feature on with fewer than two approval members or no APPROVAL ADMIN', async () => {
    const { call } = await setup({ approvers: 0, on: false });
    // requester (APPROVAL_MEMBER) alone.
    const lonely = await refusal(call, 'governance.update', { approvalFeature: true });
    expect(lonely.code).toBe('APPROVAL_FEATURE_BLOCKED');
    expect(lonely.message).toMatch(/at least two members with an approval role, at least one of them APPROVAL ADMIN/);
    await call('members.add', { username: 'other', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE, role: 'MEMBER', approvalRoles: ['APPROVAL_MEMBER'] });
    expect(await refusal(call, 'governance.update', { approvalFeature: true })).toMatchObject({ code: 'APPROVAL_FEATURE_BLOCKED' });
    await call('members.add', { username: 'boss', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE, role: 'MEMBER', approvalRoles: ['APPROVAL_ADMIN'] });
    expect(await refusal(call, 'governance.update', { approvalFeature: true, requiredApprovals: 2 })).toMatchObject({
      code: 'APPROVAL_FEATURE_BLOCKED',
      field: 'requiredApprovals',
    });
    expect(await call('governance.get')).toMatchObject({ approvalFeature: false, approvalMembers: 3, approvalAdmins: 1 });
    expect(await call('governance.update', { approvalFeature: true, requestExpiryDays: 3 })).toMatchObject({
      approvalFeature: true,
      requiredApprovals: 1,
      requestExpiryDays: 3,
      pendingRequestId: null,
    });
  });

  it('turns the Approval Feature off only when another APPROVAL ADMIN approves', async () => {
    const { call, as, store, km } = await setup();
    const admin = (await call('members.list')).find((m: any) => m.username === 'admin');
    await call('members.updateRoles', { memberId: admin.id, role: 'ADMIN', approvalRoles: ['APPROVAL_ADMIN'] });
    const asked = await call('governance.update', { approvalFeature: false });
    expect(asked).toMatchObject({ approvalFeature: true });
    expect(asked.pendingRequestId).toMatch(/^[0-9a-f]{32}$/);
    expect(km.approvalFeatureOn()).toBe(true);
    expect(await refusal(call, 'approvals.approve', { requestId: asked.pendingRequestId })).toMatchObject({ code: 'SELF_APPROVAL' });
    expect(await refusal(call, 'governance.update', { requiredApprovals: 1, approvalFeature: false })).toMatchObject({ code: 'INVALID_STATE' });
    await as('approver');
    const [request] = await call('approvals.list');
    expect(request).toMatchObject({ keyStoreName: 'Governance Setting', requester: { username: 'admin' }, canApprove: true });
    expect(request.changes[0].fields).toEqual([{ field: 'Approval Feature', before: 'On', after: 'Off' }]);
    await call('approvals.approve', { requestId: asked.pendingRequestId });
    expect(await call('governance.get')).toMatchObject({ approvalFeature: false, pendingRequestId: null });
    await as('admin');
    await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'direct' });
  });

  it('refuses a request no one could approve (too few APPROVAL ADMINs other than the requester)', async () => {
    const { call, as, store, old } = await setup();
    await as('approver');
    await call('staging.stage', { channel: 'keys.update', input: { keyId: old.id, description: 'x' } });
    expect(await refusal(call, 'approvals.request', { keyStoreId: store.id })).toMatchObject({ code: 'APPROVAL_FEATURE_BLOCKED' });
  });
});

describe('secrets in staged changes', () => {
  it('never shows Confidential Data, key bytes or a certificate password in any view, list or error', async () => {
    const { call, as, store, dir } = await setup();
    const seen: unknown[] = [];
    const keep = async (channel: string, input?: unknown) => {
      try {
        const value = await call(channel, input);
        seen.push(value);
        return value;
      } catch (err) {
        seen.push({ code: (err as any).code, message: (err as Error).message, field: (err as any).field });
        return null;
      }
    };
    await as('requester');
    await keep('staging.stage', { channel: 'keys.create', input: { type: 'confidential', keyStoreId: store.id, name: 'pin', data: SECRETS.data } });
    await keep('staging.stage', { channel: 'keys.import', input: { keyStoreId: store.id, name: 'hsm', keyData: SECRETS.keyData } });
    await keep('staging.stage', {
      channel: 'auth.addCertificate',
      input: {
        keyStoreId: store.id,
        name: 'client',
        password: SECRETS.password,
        confirmPassword: SECRETS.password,
        validFrom: '2026-12-01',
        validTo: '2027-12-01',
      },
    });
    // Refusals that carry the same secrets back.
    await keep('staging.stage', { channel: 'keys.create', input: { type: 'confidential', keyStoreId: store.id, name: 'pin', data: SECRETS.data } });
    await keep('staging.stage', {
      channel: 'keys.import',
      input: { keyStoreId: store.id, name: 'weak', keyData: SECRETS.keyData.split(' ').slice(1).join(' ') },
    });
    await keep('staging.stage', {
      channel: 'auth.addCertificate',
      input: {
        keyStoreId: store.id,
        name: 'c2',
        password: SECRETS.password,
        confirmPassword: `${SECRETS.password}!`,
        validFrom: '2026-12-01',
        validTo: '2027-12-01',
      },
    });
    const staged = await keep('staging.list', { keyStoreId: store.id });
    expect(staged.map((c: any) => c.status)).toEqual(['Added', 'Added', 'Added']);
    expect(JSON.stringify(staged)).toContain('(secret)');
    const request = await keep('approvals.request', { keyStoreId: store.id, comment: 'Secrets inside' });
    await keep('approvals.list');
    await as('approver');
    await keep('approvals.list');
    await keep('approvals.approve', { requestId: request.id });
    await keep('approvals.list');
    expect((seen.at(-1) as any)[0].status).toBe('Approved');
    const text = JSON.stringify(seen);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toContain(SECRETS.keyData.split(' ').slice(0, 4).join(' '));
    // And on disk only encrypted, like everything else.
    const disk = await allFileText(dir);
    expect(disk).not.toContain(SECRETS.data);
    expect(disk).not.toContain(SECRETS.password);
  });
});
