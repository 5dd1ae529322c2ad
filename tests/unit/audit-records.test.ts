import { createCipheriv, createHash, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isRecorded } from '../../main/core/audit/actions';
import type { AuditRecord, AuditTarget } from '../../main/core/audit/record';
import { contract, type Channel } from '../../shared/contract';
import { PASSPHRASE } from './helpers';
import { added, auditVault, trailFile, type AuditCtx } from './audit-fixture';
import { apiCall, freePort, openFixture } from './key-api-fixture';

/**
 * Issue 11: every action leaves exactly one record (who, what, which item, how it ended) and never a secret value.
 * The tampering, crash, export and backup sides of the trail are in audit-tamper.test.ts.
 */

const text = (data: string) => ({ data, encoding: 'utf8' as const });
const hex = (b: Buffer) => b.toString('hex');
const colonHex = (b: Buffer) =>
  b
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
/** Key Data as the console takes it: 32 bytes written 0xXX, comma separated. */
const keyDataOf = (bytes: Buffer) => [...bytes].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ');
const SLOW = { timeout: 120_000 };

/** The secret forms of some bytes: as base64, hex (both cases) and the console's 0xXX text. */
const byteForms = (b: Buffer): string[] => [b.toString('base64'), hex(b), hex(b).toUpperCase(), keyDataOf(b)];

/** An export's text plus (for CSV) the signed records it carries in base64 in its last comment line. */
function exportTexts(bytes: Buffer): string[] {
  const body = bytes.toString('utf8');
  const last = body.trimEnd().split('\n').at(-1)!;
  if (!last.startsWith('# ')) return [body];
  const end = (JSON.parse(last.slice(2)) as { end: { records: string } }).end;
  return [body, Buffer.from(end.records, 'base64').toString('utf8')];
}

function expectNoSecrets(where: string, haystack: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(haystack.includes(secret), `${where} holds the secret ${JSON.stringify(secret.slice(0, 12))}...`).toBe(false);
}

describe('every action kind writes exactly one record, with no secret in it', () => {
  it('walks every recorded channel as ADMIN: one record each, naming the actor, the action, the outcome and the items', SLOW, async () => {
    const ctx = await auditVault();
    const { call, km, records, admin, clock, saved } = ctx;
    expect((await records()).map((r) => [r.seq, r.action, r.outcome, r.actor])).toEqual([[1, 'vault.create', 'ok', admin]]);

    const CONFIDENTIAL = 'card PIN 4412-ultra-secret-9931';
    const PLAINTEXT = 'settlement batch 7731 plaintext';
    const SIGNED = 'contract text to be signed 55';
    const MIA_PASS = 'mia own passphrase 2026';
    const CERT_PASS = 'p12 certificate password 77';
    const NEW_PASS = 'a brand new vault passphrase';
    const BACKUP_PASS = 'backup passphrase for the safe';
    const imported = randomBytes(32);
    const secrets: string[] = [PASSPHRASE, CONFIDENTIAL, PLAINTEXT, SIGNED, MIA_PASS, CERT_PASS, NEW_PASS, BACKUP_PASS, ...byteForms(imported)];

    const walked = new Set<string>();
    /** One call that must add exactly one 'ok' record by admin, with exactly this target (or none). */
    const step = async <T = any>(
      channel: string,
      input: unknown,
      target: (value: T) => AuditTarget | undefined,
    ): Promise<{ value: T; record: AuditRecord }> => {
      walked.add(channel);
      let value!: T;
      const [record] = await added(ctx, 1, async () => (value = await call<T>(channel, input)), channel);
      expect(record, channel).toMatchObject({ action: channel, actor: admin, outcome: 'ok' });
      expect(record!.code, channel).toBeUndefined();
      expect(record!.target, channel).toEqual(target(value));
      return { value, record: record! };
    };
    const none = () => undefined;

    // ---- key stores ----
    const store = (
      await step<any>('keystores.create', { name: 'Payments', authMethods: ['ipv4', 'mac', 'certificate'] }, (v) => ({
        keyStoreId: v.id,
        keyStoreName: 'Payments',
      }))
    ).value;
    const inStore = { keyStoreId: store.id as string, keyStoreName: 'Payments' };
    await step('keystores.update', { id: store.id, description: 'card settlement' }, () => inStore);
    const spare = (await step<any>('keystores.create', { name: 'Spare', authMethods: ['mac'] }, (v) => ({ keyStoreId: v.id, keyStoreName: 'Spare' }))).value;
    const inSpare = () => ({ keyStoreId: spare.id as string, keyStoreName: 'Spare' });
    await step('keystores.requestDeletion', { id: spare.id }, inSpare);
    await step('keystores.cancelDeletion', { id: spare.id }, inSpare);
    await step('keystores.requestDeletion', { id: spare.id }, inSpare);
    await step('keystores.deleteNow', { id: spare.id, confirmName: 'Spare' }, inSpare);

    // ---- keys: create each type, import, update, rotate ----
    const keyTarget = (id: string, name: string) => ({ ...inStore, keyId: id, keyName: name });
    const created = async (input: Record<string, unknown>) =>
      (await step<any>('keys.create', { keyStoreId: store.id, ...input }, (v) => keyTarget(v.id, input.name as string))).value;
    const conf = await created({ type: 'confidential', name: 'Card PIN', data: CONFIDENTIAL });
    const sym = await created({ type: 'symmetric', name: 'Tokens' });
    const asym = await created({ type: 'asymmetric', name: 'Signer', algorithm: 'RSA-2048' });
    const legacy = (await step<any>('keys.import', { keyStoreId: store.id, name: 'Legacy', keyData: keyDataOf(imported) }, (v) => keyTarget(v.id, 'Legacy')))
      .value;
    await step('keys.update', { keyId: sym.id, description: 'tokens', allowExport: true }, () => keyTarget(sym.id, 'Tokens'));
    const rotated = await step('keys.rotate', { keyId: sym.id }, () => keyTarget(sym.id, 'Tokens'));
    expect(rotated.record.facts).toMatchObject({ version: 2 });

    // ---- uses ----
    const sealed = (await step<any>('keys.encrypt', { keyId: sym.id, payload: text(PLAINTEXT) }, () => keyTarget(sym.id, 'Tokens'))).value;
    const opened = (await step<any>('keys.decrypt', { keyId: sym.id, ciphertext: sealed.ciphertext }, () => keyTarget(sym.id, 'Tokens'))).value;
    expect(opened.text).toBe(PLAINTEXT);
    const dataKey = (await step<any>('keys.dataKey', { keyId: sym.id }, () => keyTarget(sym.id, 'Tokens'))).value;
    const signed = (await step<any>('keys.sign', { keyId: asym.id, payload: text(SIGNED) }, () => keyTarget(asym.id, 'Signer'))).value;
    await step('keys.verify', { keyId: asym.id, payload: text(SIGNED), signature: signed.signature }, () => keyTarget(asym.id, 'Signer'));
    const revealed = (await step<any>('keys.reveal', { keyId: conf.id }, () => keyTarget(conf.id, 'Card PIN'))).value;
    expect(revealed.data).toBe(CONFIDENTIAL);
    secrets.push(sealed.ciphertext, opened.data, dataKey.plaintext, dataKey.ciphertext, ...byteForms(Buffer.from(dataKey.plaintext, 'base64')));

    // ---- key transfer (issue 13): the wrapping key, an export wrapped for another KMS and its import command ----
    await step('transfer.wrappingKey', undefined, none);
    await step('transfer.downloadWrappingKey', undefined, none);
    const destination = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const exported = { keyId: sym.id, destination: 'generic', wrappingKeyPem: destination };
    const wrapped = await step('transfer.exportWrapped', exported, () => keyTarget(sym.id, 'Tokens'));
    expect(wrapped.record.facts).toMatchObject({ destination: 'generic', wrappingKeyFingerprint: wrapped.value.wrappingKeyFingerprint });
    await step('transfer.downloadImportCommand', exported, () => keyTarget(sym.id, 'Tokens'));
    secrets.push(...byteForms(km.keys().exportSymmetric(sym.id).key));

    // ---- key lifecycle (the deleted key is still named: its name from before the deletion) ----
    await step('keys.requestDeletion', { keyId: legacy.id }, () => keyTarget(legacy.id, 'Legacy'));
    await step('keys.cancelDeletion', { keyId: legacy.id }, () => keyTarget(legacy.id, 'Legacy'));
    await step('keys.requestDeletion', { keyId: legacy.id }, () => keyTarget(legacy.id, 'Legacy'));
    await step('keys.deleteNow', { keyId: legacy.id, confirmName: 'Legacy' }, () => keyTarget(legacy.id, 'Legacy'));

    // ---- authentication information ----
    const entryTarget = (v: { id: string; name: string }) => ({ ...inStore, itemId: v.id, itemName: v.name });
    const ipv4 = (await step<any>('auth.addIpv4', { keyStoreId: store.id, address: '10.20.30.40' }, entryTarget)).value;
    expect(ipv4.name).toBe('10.20.30.40');
    const mac = (await step<any>('auth.addMac', { keyStoreId: store.id, address: 'aa:bb:cc:00:11:22' }, entryTarget)).value;
    const day = clock.now().toISOString().slice(0, 10);
    const cert = (
      await step<any>(
        'auth.addCertificate',
        { keyStoreId: store.id, name: 'payments-client', password: CERT_PASS, confirmPassword: CERT_PASS, validFrom: day, validTo: '2027-11-28' },
        entryTarget,
      )
    ).value;
    await step('auth.downloadCertificate', { id: cert.id }, () => entryTarget(cert));
    await step('auth.downloadCaCertificate', { keyStoreId: store.id }, () => inStore);
    await step('auth.downloadCrl', { keyStoreId: store.id }, () => inStore);
    await step('auth.requestDeletion', { id: ipv4.id }, () => entryTarget(ipv4));
    await step('auth.cancelDeletion', { id: ipv4.id }, () => entryTarget(ipv4));
    await step('auth.requestDeletion', { id: mac.id }, () => entryTarget(mac));
    await step('auth.deleteNow', { id: mac.id, confirmName: mac.name }, () => entryTarget(mac));

    // ---- members, governance, settings ----
    const mia = (
      await step<any>('members.add', { username: 'mia', passphrase: MIA_PASS, confirmPassphrase: MIA_PASS, role: 'MEMBER' }, (v) => ({
        itemId: v.id,
        itemName: 'mia',
      }))
    ).value;
    await step('members.updateRoles', { memberId: mia.id, role: 'VIEWER', approvalRoles: [] }, () => ({ itemId: mia.id, itemName: 'mia' }));
    await step('members.remove', { memberId: mia.id, confirmUsername: 'mia' }, () => ({ itemId: mia.id, itemName: 'mia' }));
    await step('governance.update', { requestExpiryDays: 3 }, none);
    await step('settings.update', { autoLockMinutes: 15 }, none);
    await step('vault.releaseHeldDeletions', undefined, none);

    // ---- the trail itself, backups, ceremonies ----
    await step('audit.verify', undefined, none);
    await step('audit.export', { format: 'jsonl' }, none);
    await step('audit.export', { format: 'csv' }, none);
    await step('backup.export', { protection: { kind: 'passphrase', passphrase: BACKUP_PASS, confirmPassphrase: BACKUP_PASS } }, none);
    const split = (await step<any>('backup.export', { protection: { kind: 'shares', shares: 3, threshold: 2 } }, none)).value;
    expect(split.shares).toHaveLength(3);
    secrets.push(...(split.shares as string[]));
    const ceremony = (v: unknown) => ({
      itemId: (v as { id?: string; ceremony?: { id: string } }).id ?? (v as { ceremony: { id: string } }).ceremony.id,
      itemName: 'Key generation 2026',
    });
    await step('ceremony.start', { title: 'Key generation 2026', officers: ['Ann', 'Bob'] }, ceremony);
    await step('ceremony.end', undefined, ceremony);
    await step('vault.changePassphrase', { currentPassphrase: PASSPHRASE, newPassphrase: NEW_PASS, confirmPassphrase: NEW_PASS }, none);

    // ---- Lock and Unlock: one record each ----
    const tail = await added(ctx, 2, async () => {
      await call('vault.lock');
      await call('vault.unlock', { username: 'admin', passphrase: NEW_PASS });
    });
    expect(tail.map((r) => [r.action, r.outcome, r.actor])).toEqual([
      ['vault.lock', 'ok', admin],
      ['vault.unlock', 'ok', admin],
    ]);

    // The walk covers every recorded channel but those with tests of their own below (Key API, ceremony views) and
    // the approval flow's (staging.*, approvals.*); backup.inspect and backup.restore answer with nobody signed in.
    const elsewhere = ['keyApi.start', 'keyApi.stop', 'keyApi.downloadCaCertificate', 'ceremony.list', 'ceremony.record', 'backup.inspect', 'backup.restore'];
    const recorded = (Object.keys(contract) as Channel[]).filter((c) => isRecorded(c) && !elsewhere.includes(c) && !/^(staging|approvals)\./.test(c));
    expect([...walked].sort()).toEqual(recorded.sort());

    // Every record of the walk, and every sealed line, in one unbroken chain.
    const all = await records();
    expect(all.map((r) => r.seq)).toEqual(all.map((_, i) => i + 1));
    expect(await call('audit.verify')).toMatchObject({ ok: true, brokenAt: null, count: all.length });

    // ---- no secret anywhere: decrypted records, the raw trail file, the exports ----
    await call('audit.export', { format: 'jsonl' });
    await call('audit.export', { format: 'csv' });
    const exports = saved.filter((f) => f.suggestedName.startsWith('skm-audit-'));
    expect(exports).toHaveLength(4);
    expectNoSecrets('the decrypted records', JSON.stringify(await km.auditLog().records()), secrets);
    const raw = await readFile(trailFile(ctx.dir));
    expectNoSecrets('audit.log', raw.toString('latin1'), secrets);
    expectNoSecrets('audit.log', raw.toString('utf8'), secrets);
    for (const file of exports) for (const body of exportTexts(file.bytes)) expectNoSecrets(file.suggestedName, body, secrets);
    // The scan can see: the same secrets are where they belong (the answers above), so a miss is not a broken scan.
    expect(exportTexts(exports.at(-1)!.bytes)[1]).toContain('"keys.reveal"');
    await km.lock();
  });

  it('the lock record is written at Lock and the unlock record at Unlock: exactly one each', async () => {
    const ctx = await auditVault();
    const [lock, unlock] = await added(ctx, 2, async () => {
      await ctx.call('vault.lock');
      await ctx.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
    });
    expect(lock).toMatchObject({ action: 'vault.lock', outcome: 'ok', actor: ctx.admin, facts: { reason: 'user' } });
    expect(unlock).toMatchObject({ action: 'vault.unlock', outcome: 'ok', actor: ctx.admin });
    expect((await ctx.records()).map((r) => r.action)).toEqual(['vault.create', 'vault.lock', 'vault.unlock']);
    await ctx.km.lock();
  });

  it('read-only channels add no record', async () => {
    const ctx = await auditVault();
    const { call, records } = ctx;
    const store = await call('keystores.create', { name: 'S', authMethods: ['ipv4'] });
    const key = await call('keys.create', { type: 'asymmetric', keyStoreId: store.id, name: 'K', algorithm: 'Ed25519' });
    const ip = await call('auth.addIpv4', { keyStoreId: store.id, address: '10.0.0.1' });
    const reads: [string, unknown][] = [
      ['vault.status', undefined],
      ['vault.info', undefined],
      ['session.activity', undefined],
      ['settings.get', undefined],
      ['keystores.list', undefined],
      ['keystores.get', { id: store.id }],
      ['keys.list', { keyStoreId: store.id }],
      ['keys.get', { keyId: key.id }],
      ['keys.publicKey', { keyId: key.id }],
      ['auth.list', { keyStoreId: store.id, kind: 'ipv4' }],
      ['auth.get', { id: ip.id }],
      ['members.list', undefined],
      ['members.me', undefined],
      ['governance.get', undefined],
      ['keyApi.status', undefined],
      ['audit.list', { limit: 500 }],
      ['audit.list', { action: 'keys', offset: 1, limit: 2 }],
    ];
    for (const [channel, input] of reads) await added(ctx, 0, () => call(channel, input), channel);
    expect((await records()).at(-1)!.action).toBe('auth.addIpv4');
    await ctx.km.lock();
  });

  // Viewing ceremonies (list, record) is a read and leaves no record.
  it('viewing ceremonies (ceremony.list, ceremony.record) adds no record', async () => {
    const ctx = await auditVault();
    const started = await ctx.call('ceremony.start', { title: 'T', officers: ['Ann'] });
    await ctx.call('ceremony.end');
    await added(ctx, 0, () => ctx.call('ceremony.list'), 'ceremony.list');
    await added(ctx, 0, () => ctx.call('ceremony.record', { id: started.id }), 'ceremony.record');
    await ctx.km.lock();
  });

  it('refusals and failures leave one record each, with their code and never the message', async () => {
    const ctx = await auditVault();
    const { dispatch, admin } = ctx;
    const store = await ctx.call('keystores.create', { name: 'S', authMethods: ['ipv4'] });

    const [invalid] = await added(ctx, 1, async () => {
      expect(await dispatch('keys.create', { type: 'symmetric', keyStoreId: store.id, name: '' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    });
    expect(invalid).toEqual({ seq: invalid!.seq, at: invalid!.at, actor: admin, action: 'keys.create', outcome: 'refused', code: 'VALIDATION_FAILED' });

    const missing = 'f'.repeat(32);
    const [failed] = await added(ctx, 1, async () => {
      expect(await dispatch('keys.rotate', { keyId: missing })).toMatchObject({ ok: false, error: { code: 'KEY_NOT_FOUND' } });
    });
    expect(failed).toMatchObject({ actor: admin, action: 'keys.rotate', outcome: 'failed', code: 'KEY_NOT_FOUND', target: { keyId: missing } });
    expect(failed!.facts).toBeUndefined();
    await ctx.km.lock();
  });

  it('failed unlocks appear at the next successful unlock as failed vault.unlock records (WRONG_CREDENTIALS)', async () => {
    const ctx = await auditVault();
    await ctx.call('vault.lock');
    for (const passphrase of ['wrong passphrase one', 'wrong passphrase two']) {
      expect(await ctx.dispatch('vault.unlock', { username: 'admin', passphrase })).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    }
    await ctx.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
    const tail = (await ctx.records()).slice(-3);
    expect(tail.map((r) => [r.action, r.outcome, r.code, r.actor.kind])).toEqual([
      ['vault.unlock', 'failed', 'WRONG_CREDENTIALS', 'system'],
      ['vault.unlock', 'failed', 'WRONG_CREDENTIALS', 'system'],
      ['vault.unlock', 'ok', undefined, 'member'],
    ]);
    // Nobody is named for a failed attempt, and nothing typed is kept.
    expect(tail[0]!.actor.id).toBeUndefined();
    expect(JSON.stringify(tail)).not.toContain('wrong passphrase');
    // They are recorded once: the next unlock does not repeat them.
    await ctx.call('vault.lock');
    await ctx.call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
    expect((await ctx.records()).filter((r) => r.outcome === 'failed')).toHaveLength(2);
    await ctx.km.lock();
  });

  it('scheduler deletions and rotations leave scheduler.* records with a system actor', async () => {
    const ctx = await auditVault();
    const { call, km, clock, records } = ctx;
    const store = await call('keystores.create', { name: 'Ops', authMethods: ['ipv4'] });
    const doomed = await call('keys.create', { type: 'confidential', keyStoreId: store.id, name: 'Old secret', data: 'old secret value 123' });
    const rotating = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'Monthly', rotationCycleDays: 30 });
    const ip = await call('auth.addIpv4', { keyStoreId: store.id, address: '10.9.8.7' });
    await call('keys.requestDeletion', { keyId: doomed.id });
    await call('auth.requestDeletion', { id: ip.id });
    const scheduler = { kind: 'system', name: 'Scheduler' };

    clock.advanceDays(6.9);
    await added(ctx, 0, () => km.applyDue(), 'a pass with nothing due');
    clock.advanceDays(0.2);
    const deletions = await added(ctx, 2, () => km.applyDue(), 'deletions');
    expect(deletions.map((r) => [r.action, r.outcome, r.actor])).toEqual(
      expect.arrayContaining([
        ['scheduler.deleteKey', 'ok', scheduler],
        ['scheduler.deleteIpv4', 'ok', scheduler],
      ]),
    );
    expect(deletions.find((r) => r.action === 'scheduler.deleteKey')!.target).toEqual({
      keyStoreId: store.id,
      keyStoreName: 'Ops',
      keyId: doomed.id,
      keyName: 'Old secret',
    });
    expect(deletions.find((r) => r.action === 'scheduler.deleteIpv4')!.target).toEqual({
      keyStoreId: store.id,
      keyStoreName: 'Ops',
      itemId: ip.id,
      itemName: '10.9.8.7',
    });
    for (const r of deletions) expect(r.gens?.length).toBeGreaterThan(0);

    // Rotation that fell due while the vault was locked: the unlock's catch-up (scheduler's first pass) records it.
    await call('vault.lock');
    clock.advanceDays(25);
    await call('vault.unlock', { username: 'admin', passphrase: PASSPHRASE });
    await km.caughtUp();
    const rotation = (await records()).filter((r) => r.action === 'scheduler.rotateKey');
    expect(rotation).toHaveLength(1);
    expect(rotation[0]).toMatchObject({
      actor: scheduler,
      outcome: 'ok',
      target: { keyId: rotating.id, keyName: 'Monthly', keyStoreName: 'Ops' },
      facts: { version: 2 },
    });
    await km.lock();
  });

  it('a MEMBER sees only their own records in audit.list, a VIEWER sees all; a VIEWER refused leaves a FORBIDDEN record', async () => {
    const ctx = await auditVault();
    const { call, dispatch, records } = ctx;
    const store = await call('keystores.create', { name: 'S', authMethods: ['ipv4'] });
    const MIA = 'mia passphrase 2026';
    const VIC = 'vic passphrase 2026';
    const mia = await call('members.add', { username: 'mia', passphrase: MIA, confirmPassphrase: MIA, role: 'MEMBER' });
    const vic = await call('members.add', { username: 'vic', passphrase: VIC, confirmPassphrase: VIC, role: 'VIEWER' });
    await call('vault.lock');

    await call('vault.unlock', { username: 'mia', passphrase: MIA });
    await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'Mia key' });
    const own = await call('audit.list', { limit: 500 });
    const mine = (await records()).filter((r) => r.actor.id === mia.id);
    expect(mine.map((r) => r.action)).toEqual(['vault.unlock', 'keys.create']);
    expect(own).toMatchObject({ ownOnly: true, total: 2, actors: ['mia'] });
    expect(own.records).toEqual([...mine].reverse());
    await call('vault.lock');

    await call('vault.unlock', { username: 'vic', passphrase: VIC });
    const [refused] = await added(ctx, 1, async () => {
      expect(await dispatch('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'nope' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    });
    expect(refused).toMatchObject({ action: 'keys.create', outcome: 'refused', code: 'FORBIDDEN', actor: { kind: 'member', id: vic.id, name: 'vic' } });
    const seen = await call('audit.list', { limit: 500 });
    expect(seen.ownOnly).toBe(false);
    expect(seen.total).toBe((await records()).length);
    expect(seen.records.map((r: AuditRecord) => r.seq)).toEqual((await records()).map((r) => r.seq).reverse());
    expect(seen.actors).toEqual(expect.arrayContaining(['admin', 'mia', 'vic']));
    await ctx.km.lock();
  });

  it('Key API calls are recorded in batches: one record per action, key, client and result, with the count', SLOW, async () => {
    const fx = await openFixture();
    const ctx: Pick<AuditCtx, 'records'> = { records: () => fx.km.auditLog().records() };
    try {
      const { call } = fx;
      const admin = { kind: 'member', id: (await call('vault.info')).memberId, name: 'admin' };
      const store = await call('keystores.create', { name: 'Loopback', authMethods: ['ipv4'] });
      const key = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'Api key' });
      await call('auth.addIpv4', { keyStoreId: store.id, address: '127.0.0.1' });

      const port = await freePort();
      let status: any;
      const [started] = await added(ctx, 1, async () => (status = await call('keyApi.start', { listen: '127.0.0.1', port, hostNames: [] })), 'keyApi.start');
      expect(started).toMatchObject({ action: 'keyApi.start', outcome: 'ok', actor: admin });
      const [downloaded] = await added(ctx, 1, () => call('keyApi.downloadCaCertificate'), 'keyApi.downloadCaCertificate');
      expect(downloaded).toMatchObject({ action: 'keyApi.downloadCaCertificate', outcome: 'ok', actor: admin });
      const ca = fx.saved.at(-1)!.bytes;

      const PLAIN = 'api plaintext that stays secret 31';
      const ciphertexts: string[] = [];
      const encrypt = (localAddress?: string) =>
        apiCall(status.url, ca, `symmetric-keys/${key.id}/encrypt`, { body: { plaintext: PLAIN }, ...(localAddress ? { localAddress } : {}) });
      // Served calls are counted in memory, not one record (and one disk sync) each.
      await added(
        ctx,
        0,
        async () => {
          for (let i = 0; i < 5; i++) {
            const answer = await encrypt();
            expect(answer.header.isSuccessful).toBe(true);
            ciphertexts.push(JSON.stringify(answer.body));
          }
          for (let i = 0; i < 2; i++) expect((await encrypt('127.0.0.2')).header.resultMessage).toBe('IPv4 Auth Failure');
        },
        'Key API calls',
      );

      const flushed = await added(ctx, 3, () => call('keyApi.stop'), 'keyApi.stop');
      const target = { keyStoreId: store.id, keyStoreName: 'Loopback', keyId: key.id, keyName: 'Api key' };
      const served = flushed.find((r) => r.action === 'api.encrypt' && r.outcome === 'ok');
      expect(served).toMatchObject({ actor: { kind: 'api', name: '127.0.0.1' }, count: 5, target });
      expect(served!.code).toBeUndefined();
      const refused = flushed.find((r) => r.action === 'api.encrypt' && r.outcome === 'refused');
      expect(refused).toMatchObject({ actor: { kind: 'api', name: '127.0.0.2' }, count: 2, code: 'IPV4_AUTH_FAILURE' });
      expect(flushed.at(-1)).toMatchObject({ action: 'keyApi.stop', outcome: 'ok', actor: admin });
      expectNoSecrets('the Key API records', JSON.stringify(await ctx.records()), [PLAIN, ...ciphertexts.map((c) => JSON.parse(c).ciphertext as string)]);
    } finally {
      await fx.close();
    }
  });
});

describe('key ceremonies', () => {
  it('the ceremony record lists exactly the actions of its span and the fingerprints of the keys made in it', async () => {
    const ctx = await auditVault();
    const { call, dispatch, records } = ctx;
    const store = await call('keystores.create', { name: 'Root', authMethods: ['ipv4'] });
    await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'Before' });

    const ceremony = await call('ceremony.start', { title: 'Root key generation', officers: ['Ann', 'Bob'] });
    const asym = await call('keys.create', { type: 'asymmetric', keyStoreId: store.id, name: 'Root signer', algorithm: 'ECDSA-P256' });
    const aesKey = randomBytes(32);
    const aes = await call('keys.import', { keyStoreId: store.id, name: 'Root wrap', keyData: keyDataOf(aesKey) });
    await call('keys.encrypt', { keyId: aes.id, payload: text('ceremony test') });
    // One ceremony at a time.
    expect(await dispatch('ceremony.start', { title: 'Second', officers: ['Eve'] })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const span = (await records()).slice((await records()).findIndex((r) => r.action === 'ceremony.start'));
    const result = await call('ceremony.end');
    await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'After' });

    expect(result.ceremony).toMatchObject({ id: ceremony.id, title: 'Root key generation', officers: ['Ann', 'Bob'], startedBy: 'admin' });
    expect(result.actions.map((r: AuditRecord) => [r.action, r.outcome])).toEqual([
      ['ceremony.start', 'ok'],
      ['keys.create', 'ok'],
      ['keys.import', 'ok'],
      ['keys.encrypt', 'ok'],
      ['ceremony.start', 'failed'],
    ]);
    expect(result.actions).toEqual(span);

    // Fingerprints computed here with node:crypto, from what the console shows (the public key) and the bytes imported.
    const { pem } = await call('keys.publicKey', { keyId: asym.id });
    const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' });
    const cipher = createCipheriv('aes-256-ecb', aesKey, null);
    const kcv = cipher.update(Buffer.alloc(16)).subarray(0, 3).toString('hex').toUpperCase();
    expect(result.keys).toEqual([
      {
        keyId: asym.id,
        keyName: 'Root signer',
        keyStoreName: 'Root',
        type: 'asymmetric',
        algorithm: 'ECDSA-P256',
        version: 1,
        publicKeyFingerprint: colonHex(createHash('sha256').update(spki).digest()),
        keyCheckValue: null,
      },
      {
        keyId: aes.id,
        keyName: 'Root wrap',
        keyStoreName: 'Root',
        type: 'symmetric',
        algorithm: 'AES-256-GCM',
        version: 1,
        publicKeyFingerprint: null,
        keyCheckValue: kcv,
      },
    ]);
    expect(JSON.stringify(result)).not.toContain(aesKey.toString('base64'));
    // The record can be fetched again later, the same.
    expect(await call('ceremony.record', { id: ceremony.id })).toEqual(result);
    await ctx.km.lock();
  });

  // ceremony.start and ceremony.end name the ceremony they belong to.
  it('ceremony.start and ceremony.end records name the ceremony (itemId, itemName = title)', async () => {
    const ctx = await auditVault();
    const [start] = await added(ctx, 1, () => ctx.call('ceremony.start', { title: 'Quarterly rotation', officers: ['Ann'] }));
    const id = (await ctx.call('ceremony.list'))[0].id as string;
    const [end] = await added(ctx, 1, () => ctx.call('ceremony.end'));
    expect(start!.target).toEqual({ itemId: id, itemName: 'Quarterly rotation' });
    expect(end!.target).toEqual({ itemId: id, itemName: 'Quarterly rotation' });
    await ctx.km.lock();
  });
});
