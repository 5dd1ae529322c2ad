import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { expect } from 'vitest';
import { createDispatcher } from '../../main/core/bridge';
import type { AuditRecord } from '../../main/core/audit/record';
import type { FileSaver, OutgoingFile } from '../../main/core/files/file-saver';
import { KeyManager } from '../../main/core/key-manager';
import { FAST_KDF, FAST_PKCS12, FakeClock, PASSPHRASE, caller, tempDir } from './helpers';

/**
 * Shared setup of the audit trail tests (audit-records.test.ts, audit-tamper.test.ts): a manager whose saved files
 * (exports, downloads, backups) land in `saved`, and ways to read and rewrite the trail file as an attacker would.
 */

export const BACKUP_KDF = { N: 1024, r: 8, p: 1 };

export interface AuditCtx {
  km: KeyManager;
  dir: string;
  clock: FakeClock;
  dispatch: ReturnType<typeof createDispatcher>;
  call: ReturnType<typeof caller>;
  saved: OutgoingFile[];
  /** Every record, oldest first (decrypted by the open vault). */
  records(): Promise<readonly AuditRecord[]>;
}

/** A manager over `dir` (a fresh folder if left out), not yet unlocked. */
export async function auditManager(options: { dir?: string; clock?: FakeClock; saved?: OutgoingFile[] } = {}): Promise<AuditCtx> {
  const dir = options.dir ?? (await tempDir());
  const clock = options.clock ?? new FakeClock();
  const saved = options.saved ?? [];
  const files: FileSaver = { save: async (f) => (saved.push(f), { status: 'saved', path: f.suggestedName }) };
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, pkcs12Iterations: FAST_PKCS12, backoff: () => 0, clock, files, backupKdf: BACKUP_KDF });
  const dispatch = createDispatcher(km);
  return { km, dir, clock, dispatch, call: caller(dispatch), saved, records: () => km.auditLog().records() };
}

/** A new vault, created (and signed in) by `admin`. */
export async function auditVault(options: { clock?: FakeClock } = {}): Promise<AuditCtx & { admin: AuditRecord['actor'] }> {
  const ctx = await auditManager(options);
  const info = await ctx.call('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  return { ...ctx, admin: { kind: 'member', id: info.memberId as string, name: 'admin' } };
}

/** Run `fn` and return the records it added (asserting it added `count` of them). */
export async function added(ctx: Pick<AuditCtx, 'records'>, count: number, fn: () => Promise<unknown>, label = ''): Promise<AuditRecord[]> {
  const before = (await ctx.records()).length;
  await fn();
  const after = await ctx.records();
  expect(after.length - before, `records added by ${label}`).toBe(count);
  return after.slice(before);
}

export const trailFile = (dir: string): string => path.join(dir, 'audit.log');

/** The trail's sealed lines as on disk. */
export async function trailLines(dir: string): Promise<string[]> {
  return (await readFile(trailFile(dir), 'utf8')).split('\n').filter((l) => l.length > 0);
}

export async function writeTrailLines(dir: string, lines: readonly string[]): Promise<void> {
  await writeFile(trailFile(dir), lines.map((l) => `${l}\n`).join(''));
}

/** The sequence number a sealed line claims. */
export const seqOf = (line: string): number => (JSON.parse(line) as { seq: number }).seq;

/** One character of a base64 text changed (to another valid base64 character), in the middle. */
export function flipBase64Char(text: string): string {
  const at = Math.floor(text.length / 2);
  const c = text[at]!;
  return `${text.slice(0, at)}${c === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
}
