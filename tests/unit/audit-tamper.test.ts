import { execFile } from 'node:child_process';
import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildExport, newSigningKey } from '../../main/core/audit/audit-log';
import { checkExport } from '../../main/core/audit/export-check';
import type { AuditRecord } from '../../main/core/audit/record';
import { trailKeys } from '../../main/core/audit/seal';
import { verifyTrailFile } from '../../main/core/audit/trail';
import { PASSPHRASE, tempDir } from './helpers';
import { added, auditManager, auditVault, flipBase64Char, seqOf, trailFile, trailLines, writeTrailLines, type AuditCtx } from './audit-fixture';

/**
 * Issue 11: the trail is tamper-evident (an edited, removed, reordered or cut record is found, at its sequence
 * number), a record lost in a crash is noticed, exports can be checked without the app, and a backup carries the
 * trail. The records each action writes are in audit-records.test.ts.
 */

const text = (data: string) => ({ data, encoding: 'utf8' as const });
const unlock = (ctx: AuditCtx, passphrase = PASSPHRASE) => ctx.call('vault.unlock', { username: 'admin', passphrase });

/**
 * A vault with 10 records, locked (so its last write keeps the trail's head, record 10): vault.create,
 * keystores.create, 4 keys.create, 3 keys.encrypt, vault.lock.
 */
async function lockedTrail() {
  const ctx = await auditVault();
  const store = await ctx.call('keystores.create', { name: 'S', authMethods: ['ipv4'] });
  const keys: string[] = [];
  for (let i = 0; i < 4; i++) keys.push((await ctx.call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: `K${i}` })).id);
  for (let i = 0; i < 3; i++) await ctx.call('keys.encrypt', { keyId: keys[i], payload: text(`message ${i}`) });
  const secret = Buffer.from(ctx.km.document()!.audit!.secret, 'base64');
  const appKey = ctx.km.document()!.appKey;
  await ctx.call('vault.lock');
  const lines = await trailLines(ctx.dir);
  expect(lines.map(seqOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  return { ...ctx, lines, N: lines.length, keys: trailKeys(secret, appKey) };
}

const tamperWarnings = async (ctx: AuditCtx) =>
  (await await ctx.records()).filter((r) => r.action === 'audit.tamperDetected' || r.action === 'audit.recordsLost');

describe('tampering with audit.log is detected at the right sequence number', () => {
  it.each([1, 5, 9])('one character changed in record %i', async (k) => {
    const ctx = await lockedTrail();
    const lines = [...ctx.lines];
    const sealed = JSON.parse(lines[k - 1]!) as { ct: string };
    lines[k - 1] = JSON.stringify({ ...sealed, ct: flipBase64Char(sealed.ct) });
    await writeTrailLines(ctx.dir, lines);
    await unlock(ctx);
    expect(await ctx.call('audit.verify')).toMatchObject({ ok: false, brokenAt: k, reason: `Record ${k} was altered, or does not follow record ${k - 1}.` });
    // The Audit Log shows the records before the break, not a forged one.
    expect((await await ctx.records()).map((r) => r.seq)).toEqual(Array.from({ length: k - 1 }, (_, i) => i + 1));
    await ctx.km.lock();
  });

  it.each([1, 5, 9])('record %i deleted', async (k) => {
    const ctx = await lockedTrail();
    await writeTrailLines(
      ctx.dir,
      ctx.lines.filter((_, i) => i !== k - 1),
    );
    await unlock(ctx);
    expect(await ctx.call('audit.verify')).toMatchObject({
      ok: false,
      brokenAt: k,
      reason: `Record ${k} is missing or out of order (found number ${k + 1} in its place).`,
    });
    await ctx.km.lock();
  });

  it.each([1, 5, 9])('records %i and the next swapped', async (k) => {
    const ctx = await lockedTrail();
    const lines = [...ctx.lines];
    [lines[k - 1], lines[k]] = [lines[k]!, lines[k - 1]!];
    await writeTrailLines(ctx.dir, lines);
    await unlock(ctx);
    expect(await ctx.call('audit.verify')).toMatchObject({ ok: false, brokenAt: k, reason: expect.stringContaining(`Record ${k} is missing or out of order`) });
    await ctx.km.lock();
  });

  it('the tail cut off (the last 2 records): the file fails at the first missing record, and the next unlock records the cut', async () => {
    const ctx = await lockedTrail();
    const { N } = ctx;
    const head = { seq: N, mac: (JSON.parse(ctx.lines[N - 1]!) as { mac: string }).mac };
    await writeTrailLines(ctx.dir, ctx.lines.slice(0, N - 2));
    // The file as it is, against the head the vault file kept at Lock.
    expect(await verifyTrailFile(trailFile(ctx.dir), ctx.keys, head)).toMatchObject({
      ok: false,
      count: N - 2,
      brokenAt: N - 1,
      reason: expect.stringContaining('cut off'),
    });

    await unlock(ctx);
    const [cut] = await tamperWarnings(ctx);
    // Numbered after the head the vault kept: the cut records' numbers are never reused, so the gap stays visible.
    expect(cut).toMatchObject({
      seq: N + 1,
      action: 'audit.tamperDetected',
      outcome: 'failed',
      actor: { kind: 'system' },
      facts: { expectedSeq: N, foundSeq: N - 2 },
    });
    const verified = await ctx.call('audit.verify');
    expect(verified).toMatchObject({ ok: false, brokenAt: N - 1, warnings: [{ seq: N + 1, action: 'audit.tamperDetected' }] });
    // The Audit Log shows the warning too (newest first: after it, only this unlock and the Verify chain just made).
    expect((await ctx.call('audit.list', { limit: 3 })).records.map((r: AuditRecord) => r.action)).toEqual([
      'audit.verify',
      'vault.unlock',
      'audit.tamperDetected',
    ]);
    await ctx.km.lock();
  });

  // The unlock that finds a cut tail numbers its records after the head the vault kept: Verify chain keeps naming the
  // first missing record, even after later vault writes.
  it('after the unlock that found a cut tail, Verify chain still names the first missing record', async () => {
    const ctx = await lockedTrail();
    const { N } = ctx;
    await writeTrailLines(ctx.dir, ctx.lines.slice(0, N - 2));
    await unlock(ctx);
    expect(await ctx.call('audit.verify')).toMatchObject({ ok: false, brokenAt: N - 1 });
    await ctx.km.lock();
  });

  it('audit.log replaced by an older copy of itself (rollback) is detected at the next unlock', async () => {
    const ctx = await auditVault();
    const store = await ctx.call('keystores.create', { name: 'S', authMethods: ['ipv4'] });
    await ctx.call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'K0' });
    const older = await readFile(trailFile(ctx.dir));
    for (let i = 1; i < 5; i++) await ctx.call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: `K${i}` });
    await ctx.call('vault.lock');
    const N = (await trailLines(ctx.dir)).length;
    await writeFile(trailFile(ctx.dir), older);

    await unlock(ctx);
    expect(await tamperWarnings(ctx)).toEqual([
      expect.objectContaining({ seq: N + 1, action: 'audit.tamperDetected', facts: { expectedSeq: N, foundSeq: 3 } }),
    ]);
    expect(await ctx.call('audit.verify')).toMatchObject({ ok: false, brokenAt: 4, warnings: [{ seq: N + 1, action: 'audit.tamperDetected' }] });
    await ctx.km.lock();
  });

  it('a torn last line (an append cut short by a crash) is removed at open, and the chain verifies', async () => {
    const ctx = await lockedTrail();
    const torn = ctx.lines[ctx.N - 1]!.replace(`"seq":${ctx.N}`, `"seq":${ctx.N + 1}`).slice(0, 50);
    await appendFile(trailFile(ctx.dir), torn);
    await unlock(ctx);
    expect(await tamperWarnings(ctx)).toEqual([]);
    expect(await ctx.call('audit.verify')).toMatchObject({ ok: true, brokenAt: null, count: ctx.N + 1, warnings: [] });
    const after = await readFile(trailFile(ctx.dir), 'utf8');
    expect(after.endsWith('\n')).toBe(true);
    expect(after).not.toContain(torn);
    // Records 1..N, this unlock's, and the Verify chain's own.
    expect((await trailLines(ctx.dir)).map(seqOf)).toEqual(Array.from({ length: ctx.N + 2 }, (_, i) => i + 1));
    await ctx.km.lock();
  });
});

describe('a record lost in a crash is noticed at the next unlock', () => {
  /**
   * The app stops after an action's vault write and before its record: the data folder is copied at that very
   * moment (the record is about to be appended), as a crash would leave it. The instance lock is left out, as the
   * lock of a process that is gone would be taken over.
   */
  async function crashBeforeRecord(ctx: AuditCtx, action: string, run: () => Promise<unknown>): Promise<{ crashDir: string; record: AuditRecord }> {
    const crashDir = path.join(await tempDir(), 'crashed');
    const audit = ctx.km.auditTrail()!;
    const record = audit.record.bind(audit);
    const spy = vi.spyOn(audit, 'record').mockImplementation(async (entry) => {
      if (entry.action === action) await cp(ctx.dir, crashDir, { recursive: true, filter: (src) => !src.endsWith('.lock') });
      return record(entry);
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    const written = (await await ctx.records()).at(-1)!;
    expect(written.action).toBe(action);
    return { crashDir, record: written };
  }

  it('keys.create: its vault generation is owed, and audit.recordsLost names it', async () => {
    const ctx = await auditVault();
    const store = await ctx.call('keystores.create', { name: 'S', authMethods: ['ipv4'] });
    let keyId = '';
    const { crashDir, record } = await crashBeforeRecord(ctx, 'keys.create', async () => {
      keyId = (await ctx.call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'Lost record' })).id;
    });
    expect(record.gens).toHaveLength(1);
    await ctx.km.lock();

    const after = await auditManager({ dir: crashDir });
    await unlock(after);
    // The key was written; its record was not.
    expect((await after.call('keys.get', { keyId })).name).toBe('Lost record');
    expect((await after.records()).filter((r) => r.action === 'keys.create')).toEqual([]);
    expect(await tamperWarnings(after)).toEqual([
      expect.objectContaining({
        action: 'audit.recordsLost',
        outcome: 'failed',
        actor: { kind: 'system', name: 'Secure Key Manager' },
        facts: { generations: String(record.gens![0]) },
      }),
    ]);
    const verified = await after.call('audit.verify');
    expect(verified).toMatchObject({ ok: true, warnings: [{ action: 'audit.recordsLost' }] });
    // The vault file named the generation as owed; once reported, the next write no longer owes it.
    expect(after.km.document()!.audit!.owed).toContain(record.gens![0]);
    await after.call('keystores.create', { name: 'Next', authMethods: ['ipv4'] });
    expect(after.km.document()!.audit!.owed).not.toContain(record.gens![0]);
    // Noticed once: the next unlock does not report it again.
    await after.call('vault.lock');
    await unlock(after);
    expect(await tamperWarnings(after)).toHaveLength(1);
    await after.km.lock();
  });

  // Keyslot-changing writes (members.add, members.remove, Change passphrase) owe their records like any other write.
  it('members.add: its vault generation is owed too, and audit.recordsLost names it', async () => {
    const ctx = await auditVault();
    const MIA = 'mia passphrase 2026';
    const { crashDir, record } = await crashBeforeRecord(ctx, 'members.add', () =>
      ctx.call('members.add', { username: 'mia', passphrase: MIA, confirmPassphrase: MIA, role: 'MEMBER' }),
    );
    await ctx.km.lock();
    const after = await auditManager({ dir: crashDir });
    await unlock(after);
    expect((await after.call('members.list')).map((m: { username: string }) => m.username)).toContain('mia');
    expect((await tamperWarnings(after)).map((r) => r.action)).toEqual(['audit.recordsLost']);
    expect(record.gens?.length).toBeGreaterThan(0);
    await after.km.lock();
  });
});

describe('Audit Log exports', () => {
  const tsx = path.resolve('node_modules/.bin/tsx');
  const verifyScript = (file: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(tsx, ['scripts/audit-verify.ts', file], { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
      );
    });

  async function exported() {
    const ctx = await auditVault();
    const store = await ctx.call('keystores.create', { name: 'Payments, "EU"', authMethods: ['ipv4'] });
    const key = await ctx.call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: '=cmd|calc' });
    await ctx.call('keys.encrypt', { keyId: key.id, payload: text('x') });
    await ctx.call('audit.export', { format: 'jsonl' });
    const jsonl = ctx.saved.at(-1)!.bytes.toString('utf8');
    await ctx.call('audit.export', { format: 'csv' });
    const csv = ctx.saved.at(-1)!.bytes.toString('utf8');
    const verified = await ctx.call('audit.verify');
    return { ctx, jsonl, csv, verified, records: await await ctx.records() };
  }

  it('JSON Lines and CSV exports pass checkExport and `npm run audit:verify`, which prints the console’s fingerprint', { timeout: 120_000 }, async () => {
    const { ctx, jsonl, csv, verified, records } = await exported();
    const fingerprint = verified.exportKeyFingerprint as string;
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // The JSON Lines export holds the 4 records before it; the CSV one also the first export's record.
    expect(checkExport(jsonl)).toMatchObject({ ok: true, format: 'jsonl', count: 4, publicKeyFingerprint: fingerprint, chainHead: { seq: 4 } });
    expect(checkExport(csv)).toMatchObject({ ok: true, format: 'csv', count: 5, publicKeyFingerprint: fingerprint, chainHead: { seq: 5 } });
    expect(checkExport(csv).chainHead!.mac).toBe((JSON.parse((await trailLines(ctx.dir))[4]!) as { mac: string }).mac);
    const exportedRecords = jsonl
      .trimEnd()
      .split('\n')
      .slice(1, -1)
      .map((l) => {
        const { hash: _hash, ...r } = JSON.parse(l) as AuditRecord & { hash: string };
        return r;
      });
    expect(exportedRecords).toEqual(records.slice(0, 4));
    // A spreadsheet reads a cell starting with = as a formula: the export writes it as text.
    expect(csv).toContain(`'=cmd|calc`);

    const dir = await tempDir();
    const files = { jsonl: path.join(dir, 'audit.jsonl'), csv: path.join(dir, 'audit.csv'), altered: path.join(dir, 'altered.jsonl') };
    await writeFile(files.jsonl, jsonl);
    await writeFile(files.csv, csv);
    await writeFile(files.altered, jsonl.replace('"action":"keys.encrypt"', '"action":"keys.decrypt"'));
    const [a, b, c] = await Promise.all([verifyScript(files.jsonl), verifyScript(files.csv), verifyScript(files.altered)]);
    for (const run of [a, b]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('Verified');
      expect(run.stdout).toContain(`Signed by export key ${fingerprint}`);
    }
    expect(a.stdout).toContain('Verified: 4 records');
    expect(b.stdout).toContain('Verified: 5 records');
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('NOT VERIFIED: Record 4 of the export (seq 4) was altered, removed or reordered.');
    await ctx.km.lock();
  });

  it('an edited record, a removed line, an edited header or a missing signature are caught; a re-signed copy shows another fingerprint', async () => {
    const { ctx, jsonl, csv, verified } = await exported();
    const lines = jsonl.trimEnd().split('\n');
    const join = (l: string[]) => `${l.join('\n')}\n`;
    const edit = (i: number, change: (o: any) => void) => {
      const copy = [...lines];
      const o = JSON.parse(copy[i]!);
      change(o);
      copy[i] = JSON.stringify(o);
      return join(copy);
    };

    expect(checkExport(edit(2, (o) => (o.actor.name = 'mallory')))).toMatchObject({
      ok: false,
      problem: 'Record 2 of the export (seq 2) was altered, removed or reordered.',
    });
    expect(checkExport(join(lines.filter((_, i) => i !== 2)))).toMatchObject({ ok: false, problem: expect.stringContaining('Record 2 of the export') });
    expect(checkExport(join([lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]))).toMatchObject({ ok: false });
    // The last record removed with its hash: the count and the signed last hash no longer match.
    expect(checkExport(join([...lines.slice(0, -2), lines.at(-1)!]))).toMatchObject({ ok: false });
    expect(checkExport(edit(0, (o) => (o.header.exportedBy = 'mallory')))).toMatchObject({
      ok: false,
      problem: expect.stringContaining('signature does not match'),
    });
    expect(checkExport(edit(0, (o) => (o.header.chainHead.seq = 99)))).toMatchObject({ ok: false });
    expect(checkExport(join(lines.slice(0, -1)))).toMatchObject({ ok: false, problem: expect.stringContaining('signature) is missing') });

    const csvLines = csv.trimEnd().split('\n');
    const header = JSON.parse(csvLines[0]!.slice(2));
    header.header.exportedBy = 'mallory';
    expect(checkExport([`# ${JSON.stringify(header)}`, ...csvLines.slice(1)].join('\n'))).toMatchObject({ ok: false, format: 'csv' });
    expect(checkExport(csvLines.slice(0, -1).join('\n'))).toMatchObject({ ok: false });

    // Re-signed by someone with a key of their own: self-consistent, but the fingerprint is not the console's.
    const forgedRecords = lines.slice(1, -1).map((l) => {
      const { hash: _hash, ...r } = JSON.parse(l);
      return { ...r, actor: { ...r.actor, name: 'mallory' } };
    });
    const h = JSON.parse(lines[0]!).header;
    const forged = buildExport(
      forgedRecords,
      { appKey: h.appKey, exportedAt: h.exportedAt, exportedBy: h.exportedBy, filter: h.filter, chainHead: h.chainHead },
      newSigningKey(),
      'jsonl',
    );
    const check = checkExport(forged.toString('utf8'));
    expect(check.ok).toBe(true);
    expect(check.publicKeyFingerprint).not.toBe(verified.exportKeyFingerprint);
    await ctx.km.lock();
  });

  // Every CSV row people read must be the row its signed record makes.
  it('an edited or removed CSV row is caught', async () => {
    const { ctx, csv } = await exported();
    const rows = csv.trimEnd().split('\n');
    expect(rows[3]).toContain(',admin,');
    const edited = [...rows];
    edited[3] = rows[3]!.replace(',admin,', ',mallory,');
    expect(checkExport(edited.join('\n'))).toMatchObject({ ok: false });
    expect(checkExport(rows.filter((_, i) => i !== 3).join('\n'))).toMatchObject({ ok: false });
    await ctx.km.lock();
  });

  // A damaged line is reported, never thrown: `npm run audit:verify` prints NOT VERIFIED, not a stack trace.
  it('a damaged (non-JSON) record line is reported, not thrown', async () => {
    const { ctx, jsonl } = await exported();
    const lines = jsonl.trimEnd().split('\n');
    lines[2] = lines[2]!.slice(0, 30);
    expect(() => checkExport(lines.join('\n'))).not.toThrow();
    expect(checkExport(lines.join('\n'))).toMatchObject({ ok: false, problem: expect.stringContaining('Record 2') });
    await ctx.km.lock();
  });
});

describe('backup and restore through the contract channels', () => {
  it('backup.export -> backup.inspect -> backup.restore carries the audit trail, which verifies after restore', async () => {
    const ctx = await auditVault();
    const store = await ctx.call('keystores.create', { name: 'S', authMethods: ['ipv4'] });
    const key = await ctx.call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'K' });
    const sealed = await ctx.call('keys.encrypt', { keyId: key.id, payload: text('kept across restore') });
    const before = [...(await ctx.records())];
    const BACKUP_PASS = 'backup passphrase 2026 safe';
    const [exportRecord] = await added(ctx, 1, () =>
      ctx.call('backup.export', { protection: { kind: 'passphrase', passphrase: BACKUP_PASS, confirmPassphrase: BACKUP_PASS } }),
    );
    expect(exportRecord).toMatchObject({ action: 'backup.export', outcome: 'ok' });
    const file = ctx.saved.at(-1)!.bytes.toString('base64');
    const split = await ctx.call('backup.export', { protection: { kind: 'shares', shares: 3, threshold: 2 } });
    const splitFile = ctx.saved.at(-1)!.bytes.toString('base64');
    await ctx.km.lock();

    // Into an empty folder, by someone not signed in (the Create vault screen).
    const target = await auditManager();
    expect(await target.call('vault.status')).toEqual({ state: 'new' });
    expect(await target.call('backup.inspect', { file })).toMatchObject({ protection: { kind: 'passphrase' } });
    expect(await target.dispatch('backup.restore', { file, passphrase: 'not the backup passphrase' })).toMatchObject({ ok: false });
    expect(await target.call('backup.restore', { file, passphrase: BACKUP_PASS })).toMatchObject({ state: 'locked' });
    await unlock(target);
    expect(await target.call('audit.verify')).toMatchObject({ ok: true, brokenAt: null, warnings: [] });
    // The records up to the backup, as they were, then this unlock and the Verify chain just made.
    const restored = await target.records();
    expect(restored.slice(0, before.length)).toEqual(before);
    expect(restored.slice(before.length).map((r) => r.action)).toEqual(['vault.unlock', 'audit.verify']);
    expect((await target.call('keys.decrypt', { keyId: key.id, ciphertext: sealed.ciphertext })).text).toBe('kept across restore');
    await target.km.lock();

    // Two of the three shares restore the same trail.
    const other = await auditManager();
    expect(await other.call('backup.inspect', { file: splitFile })).toMatchObject({ protection: { kind: 'shares', threshold: 2, count: 3 } });
    await other.call('backup.restore', { file: splitFile, shares: [split.shares[2], split.shares[0]] });
    await unlock(other);
    expect(await other.call('audit.verify')).toMatchObject({ ok: true, warnings: [] });
    expect((await other.records()).slice(0, before.length)).toEqual(before);
    await other.km.lock();
  });
});
