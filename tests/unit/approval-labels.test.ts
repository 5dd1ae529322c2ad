import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalRequestView } from '../../shared/approval';
import { fieldText, historyText, itemKindText, itemNameText, requestStoreName, valueText } from '../../renderer/src/approval/labels';
import { formatDate } from '../../renderer/src/format';
import { ko } from '../../renderer/src/i18n/ko';
import { FakeClock, PASSPHRASE, caller, unlockedManager } from './helpers';

// main records the changes and history of approval requests as English words (main/core/approval). The Approval List
// translates them where shown: here main produces every kind of history line and change description through the
// real contract, and each must read unchanged in English and translated in Korean (an unknown shape would show as
// English in the Korean UI).

const KEY_BYTES = Array.from({ length: 32 }, (_, i) => `0x${((i * 37 + 11) % 256).toString(16).padStart(2, '0')}`).join(' ');

/** The user's own words in a change (names, descriptions, addresses, dates): never translated. */
const USER_TYPED_FIELDS = new Set(['Name', 'Description', 'Address', 'Valid from', 'Valid to', 'Algorithm', 'Required approvals']);
const HANGUL = /[\uac00-\ud7a3]/;

let requests: ApprovalRequestView[] = [];
let close: () => Promise<void>;

beforeAll(async () => {
  const clock = new FakeClock();
  const ctx = await unlockedManager(clock);
  const call = caller(ctx.dispatch);
  const as = async (username: string) => {
    await ctx.km.lock();
    await call('vault.unlock', { username, passphrase: PASSPHRASE });
  };
  const add = (username: string, approvalRoles: string[]) =>
    call('members.add', { username, passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE, role: 'MEMBER', approvalRoles });
  await add('requester', ['APPROVAL_MEMBER']);
  await add('approver', ['APPROVAL_ADMIN']);
  await add('approver2', ['APPROVAL_ADMIN']);
  const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4', 'mac', 'certificate'] });
  const old = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'old-key' });
  const pin = await call('keys.create', { type: 'confidential', keyStoreId: store.id, name: 'pin', data: 'secret-value' });
  await call('governance.update', { approvalFeature: true });

  await as('requester');
  const stage = (input: Record<string, unknown>) => call('staging.stage', input);
  // Every kind of change to the key store, approved with a comment.
  await stage({ channel: 'keys.create', input: { type: 'symmetric', keyStoreId: store.id, name: 'sym', rotationCycleDays: 90 } });
  await stage({ channel: 'keys.create', input: { type: 'asymmetric', keyStoreId: store.id, name: 'rsa', algorithm: 'RSA-2048' } });
  await stage({ channel: 'keys.create', input: { type: 'confidential', keyStoreId: store.id, name: 'db', data: 'another-secret' } });
  await stage({ channel: 'keys.import', input: { keyStoreId: store.id, name: 'hsm', keyData: KEY_BYTES } });
  await stage({ channel: 'keys.update', input: { keyId: old.id, description: 'rotated monthly', rotationCycleDays: 30, allowExport: true } });
  await stage({ channel: 'keystores.update', input: { id: store.id, description: 'cards', authMethods: ['ipv4', 'mac'], authMode: 'any' } });
  await stage({ channel: 'auth.addIpv4', input: { keyStoreId: store.id, address: '10.1.2.0/24', description: 'office' } });
  await stage({ channel: 'auth.addMac', input: { keyStoreId: store.id, address: 'aa:bb:cc:dd:ee:ff', description: '' } });
  await stage({
    channel: 'auth.addCertificate',
    input: {
      keyStoreId: store.id,
      name: 'client',
      password: 'certificate-pw-0815',
      confirmPassword: 'certificate-pw-0815',
      validFrom: '2026-12-01',
      validTo: '2027-12-01',
    },
  });
  await stage({ channel: 'keys.requestDeletion', input: { keyId: pin.id } });
  const big = await call('approvals.request', { keyStoreId: store.id, comment: 'Quarterly change' });
  // A new key store, denied.
  await stage({ channel: 'keystores.create', input: { name: 'Archive', authMethods: ['certificate'] } });
  const created = await call('approvals.request', { keyStoreId: null });
  await as('approver');
  await call('approvals.approve', { requestId: big.id });
  await call('approvals.deny', { requestId: created.id, reason: 'Not this quarter' });

  // Cancel Deletion approved by a co-signing officer at the requester's desk; Immediately Delete withdrawn; one expires.
  await as('requester');
  await stage({ channel: 'keys.cancelDeletion', input: { keyId: pin.id } });
  await stage({ channel: 'keys.rotate', input: { keyId: old.id } });
  const cosigned = await call('approvals.request', { keyStoreId: store.id });
  await call('approvals.coSign', { requestId: cosigned.id, coSigner: { username: 'approver', passphrase: PASSPHRASE } });
  await stage({ channel: 'keys.requestDeletion', input: { keyId: pin.id } });
  const scheduled = await call('approvals.request', { keyStoreId: store.id });
  await call('approvals.coSign', { requestId: scheduled.id, coSigner: { username: 'approver2', passphrase: PASSPHRASE } });
  await stage({ channel: 'keys.deleteNow', input: { keyId: pin.id, confirmName: 'pin' } });
  const withdrawn = await call('approvals.request', { keyStoreId: store.id });
  await call('approvals.withdraw', { requestId: withdrawn.id });
  await call('approvals.request', { keyStoreId: store.id });
  clock.advanceDays(8);
  await ctx.km.applyDue();

  // The Governance Setting, changed while the feature is on: a request of its own.
  await as('admin');
  await call('governance.update', { requiredApprovals: 2, requestExpiryDays: 14 });
  await as('approver');
  requests = await call('approvals.list');
  close = async () => {
    await ctx.km.caughtUp();
    await ctx.km.lock('shutdown');
  };
}, 120_000);

afterAll(async () => {
  await close?.();
  await i18next.changeLanguage('en');
});

const events = () => requests.flatMap((r) => r.history.map((h) => h.event));
const changes = () => requests.flatMap((r) => r.changes);
const values = () => changes().flatMap((c) => c.fields.flatMap((f) => [f.before, f.after].filter((v): v is string => !!v).map((v) => ({ field: f.field, v }))));

describe('approval requests in the UI language', () => {
  it('has every kind of request, change and history line to check', () => {
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['Approved', 'Denied', 'Withdrawn', 'Expired', 'Pending']));
    const kinds = ['Staged Added:', 'Staged Modified:', 'Staged Request for Deletion:', 'Staged Cancel Deletion:', 'Staged Immediately Delete:'];
    const steps = ['Requested approval', 'Requested approval:', 'Approved', 'Approved (co-signed', 'Applied:', 'Denied:', 'Withdrawn by', 'Expired:'];
    for (const start of [...kinds, ...steps])
      expect(
        events().some((e) => e.startsWith(start)),
        start,
      ).toBe(true);
    expect(new Set(changes().map((c) => c.itemKind))).toEqual(
      new Set(['Symmetric Key', 'Asymmetric Key', 'Confidential Data', 'Key Store', 'IPv4 Address', 'MAC Address', 'Certificate', 'Governance Setting']),
    );
  });

  it('reads in English as main recorded it', async () => {
    await i18next.changeLanguage('en');
    for (const e of events()) {
      // The one change in English: the expiry's ISO timestamp reads as a date in the UI's format.
      const expired = /^Expired: no decision before (.+)\.$/.exec(e);
      expect(historyText(e)).toBe(expired ? `Expired: no decision before ${formatDate(expired[1])}.` : e);
    }
    for (const c of changes()) {
      expect(itemKindText(c.itemKind)).toBe(c.itemKind);
      expect(itemNameText(c)).toBe(c.itemName);
      for (const f of c.fields) expect(fieldText(f.field)).toBe(f.field);
    }
    for (const { field, v } of values()) expect(valueText(field, v)).toBe(v);
    for (const r of requests) expect(requestStoreName(r)).toBe(r.keyStoreName);
  });

  it('reads in Korean, keeping what the user typed', async () => {
    await i18next.changeLanguage('ko');
    for (const e of events()) expect(historyText(e), e).toMatch(HANGUL);
    expect(historyText('Requested approval: "Quarterly change"')).toBe('승인 요청함: "Quarterly change"');
    expect(historyText('Denied: Not this quarter')).toBe('거부됨: Not this quarter');
    for (const c of changes()) {
      expect(ko[c.status], c.status).toMatch(HANGUL);
      expect(itemKindText(c.itemKind), c.itemKind).toMatch(HANGUL);
      for (const f of c.fields) expect(fieldText(f.field), f.field).toMatch(HANGUL);
    }
    for (const { field, v } of values()) {
      if (USER_TYPED_FIELDS.has(field)) expect(valueText(field, v)).toBe(v);
      else if (!/^[\d\s]+$|^(IPv4|MAC|Certificate)(, (IPv4|MAC|Certificate))*$/.test(v)) expect(valueText(field, v), `${field}: ${v}`).toMatch(HANGUL);
    }
    for (const r of requests) {
      expect(ko[r.status], r.status).toMatch(HANGUL);
      if (r.keyStoreId === null) expect(requestStoreName(r), r.keyStoreName).toMatch(HANGUL);
      else expect(requestStoreName(r)).toBe(r.keyStoreName);
    }
  });
});
