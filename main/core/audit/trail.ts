import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { SkmError } from '../../../shared/errors';
import { syncDirectory } from '../vault/durable-file';
import type { AuditEntry, AuditRecord } from './record';
import { GENESIS_MAC, linkHolds, openLine, parseLine, sealLine, type TrailKeys } from './seal';

/** The last record of a trail: what the vault file keeps, so a cut tail is noticed. */
export interface AuditHead {
  seq: number;
  mac: string;
}

export interface VerifyReport {
  ok: boolean;
  /** Records read and checked. */
  count: number;
  /** The last good record (the head of the verified chain). */
  head: AuditHead | null;
  /** The first sequence number at which the chain is broken (null when ok). */
  brokenAt: number | null;
  reason: string | null;
}

const WRITE_FAILED = 'The audit record could not be written (is the disk full or read-only?), so the action is not reported as done.';

/**
 * The audit trail of one vault: `audit.log` beside vault.json, one sealed, chained record per line (see seal.ts).
 * Appends are durable (fdatasync) before they resolve; appends that arrive while a write is on its way share the
 * next write and its sync (group commit), so a burst of key uses costs one sync, not one each.
 */
export class AuditTrail {
  private lastSeq: number;
  private lastMac: string;
  /** Sealed lines in order (the file as written this session), for the Audit Log and verification. */
  private readonly lines: string[];
  private readonly decrypted: AuditRecord[] = [];
  private queue: { entry: AuditEntry; resolve: (r: AuditRecord) => void; reject: (e: unknown) => void }[] = [];
  private writing = false;
  private handle: fs.FileHandle | null = null;
  /** The file's size as this trail wrote it (read once), so an append needs no extra stat. */
  private size: number | null = null;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly keys: TrailKeys,
    lines: string[],
  ) {
    this.lines = lines;
    const last = lines.length > 0 ? parseLine(lines[lines.length - 1]!) : null;
    this.lastSeq = last?.seq ?? 0;
    this.lastMac = last?.mac ?? GENESIS_MAC;
  }

  /**
   * Open the trail. A last line without its newline is an append that a crash cut short: it was never reported done,
   * so it is removed. Everything else is read as it is; `verify` judges it.
   */
  static async open(file: string, keys: TrailKeys): Promise<AuditTrail> {
    let text = '';
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    if (complete.length !== text.length) await fs.truncate(file, Buffer.byteLength(complete));
    const lines = complete.split('\n').filter((l) => l.length > 0);
    return new AuditTrail(file, keys, lines);
  }

  get head(): AuditHead | null {
    return this.lastSeq === 0 ? null : { seq: this.lastSeq, mac: this.lastMac };
  }

  get count(): number {
    return this.lines.length;
  }

  /** The sealed line of record `seq` as read (its MAC is what the vault file's head names). */
  lineAt(seq: number): { mac: string } | null {
    // Numbers and positions agree unless a cut left a gap (see skipTo): then look back from where it would be.
    for (let i = Math.min(seq, this.lines.length) - 1; i >= 0; i--) {
      const line = parseLine(this.lines[i]!);
      if (line?.seq === seq) return { mac: line.mac };
      if (line && line.seq < seq) break;
    }
    return null;
  }

  /**
   * Number the next record after `seq` (records up to it were cut from the file): the chain of MACs goes on, but the
   * gap in the numbers stays in the file, so Verify chain keeps naming the first missing record, as an auditor needs.
   */
  skipTo(seq: number): void {
    if (seq > this.lastSeq + this.queue.length) this.lastSeq = seq - this.queue.length;
  }

  /** Append one record; resolves with it once it is on disk. */
  append(entry: AuditEntry): Promise<AuditRecord> {
    if (this.closed) return Promise.reject(new SkmError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      void this.pump();
    });
  }

  /**
   * Every record, oldest first: decrypted once and kept while the vault is open (the Audit Log filters in memory).
   * The first call on a long trail yields to the event loop every few hundred records, so the Key API and the
   * console keep answering while 100,000 records are read.
   */
  async records(): Promise<readonly AuditRecord[]> {
    this.reading ??= this.decryptNew().finally(() => (this.reading = null));
    await this.reading;
    return this.decrypted;
  }

  private reading: Promise<void> | null = null;

  private async decryptNew(): Promise<void> {
    let prevMac = this.decrypted.length > 0 ? parseLine(this.lines[this.decrypted.length - 1]!)!.mac : GENESIS_MAC;
    for (let i = this.decrypted.length; i < this.lines.length; i++) {
      if (i % 500 === 499) await new Promise((r) => setImmediate(r));
      const line = parseLine(this.lines[i]!);
      // GCM's associated data is the record's number and the link: decryption checks the chain (Verify chain checks MACs).
      const text = line && openLine(this.keys, line, prevMac, false);
      // A broken record ends what can be shown; Verify chain names where. Our own sealed JSON: no schema parse needed.
      if (!line || !text) break;
      this.decrypted.push(JSON.parse(text) as AuditRecord);
      prevMac = line.mac;
    }
  }

  /** Check the file on disk from its first record, against the head the vault file keeps. */
  async verify(expected: AuditHead | null): Promise<VerifyReport> {
    return verifyTrailFile(this.file, this.keys, expected);
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.pumping) await this.pumping;
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
  }

  private pump(): Promise<void> {
    if (this.writing) return this.pumping!;
    this.writing = true;
    // Only this drain may clear `pumping`: its finally runs a microtask after `writing` is reset, when a newer drain
    // may already be the one close() must wait for.
    const drain: Promise<void> = this.drain().finally(() => {
      if (this.pumping === drain) this.pumping = null;
    });
    this.pumping = drain;
    return drain;
  }

  /** The writes in progress (close waits for them). */
  private pumping: Promise<void> | null = null;

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        let seq = this.lastSeq;
        let mac = this.lastMac;
        const sealed: string[] = [];
        const records: AuditRecord[] = [];
        for (const { entry } of batch) {
          seq += 1;
          const record: AuditRecord = { seq, ...entry };
          const line = sealLine(this.keys, seq, mac, JSON.stringify(record));
          mac = line.mac;
          sealed.push(JSON.stringify(line));
          records.push(record);
        }
        try {
          await this.write(`${sealed.join('\n')}\n`);
        } catch {
          batch.forEach((b) => b.reject(new SkmError('AUDIT_WRITE_FAILED', WRITE_FAILED)));
          continue;
        }
        this.lastSeq = seq;
        this.lastMac = mac;
        this.lines.push(...sealed);
        batch.forEach((b, i) => b.resolve(records[i]!));
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(text: string): Promise<void> {
    if (!this.handle) {
      const created = await fs
        .stat(this.file)
        .then(() => false)
        .catch(() => true);
      this.handle = await fs.open(this.file, 'a', 0o600);
      if (created) await syncDirectory(path.dirname(this.file));
    }
    const bytes = Buffer.from(text, 'utf8');
    this.size ??= (await this.handle.stat()).size;
    const before = this.size;
    try {
      await this.handle.write(bytes, 0, bytes.length);
      await this.handle.datasync();
      this.size = before + bytes.length;
    } catch (err) {
      // A failed append must not leave half a line for the next one to follow.
      await this.handle.truncate(before).catch(() => undefined);
      throw err;
    }
  }
}

/**
 * Read a trail file line by line and check the whole chain: each record's sequence number follows the last, its MAC
 * links it to the record before, and it decrypts. `expected` (the head the vault file keeps) must be in the chain,
 * so a tail cut after the last vault write is caught too.
 */
export async function verifyTrailFile(file: string, keys: TrailKeys, expected: AuditHead | null): Promise<VerifyReport> {
  let prevMac = GENESIS_MAC;
  let count = 0;
  let headAtExpected: string | null = null;
  const broken = (at: number, reason: string): VerifyReport => ({
    ok: false,
    count,
    head: count > 0 ? { seq: count, mac: prevMac } : null,
    brokenAt: at,
    reason,
  });
  let stream;
  try {
    await fs.access(file);
    stream = createReadStream(file, { encoding: 'utf8' });
  } catch {
    return expected ? broken(1, 'The audit trail file is missing.') : { ok: true, count: 0, head: null, brokenAt: null, reason: null };
  }
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (text.length === 0) continue;
    const seq = count + 1;
    const line = parseLine(text);
    if (!line) return broken(seq, `Record ${seq} is not a sealed record.`);
    if (line.seq !== seq) return broken(seq, `Record ${seq} is missing or out of order (found number ${line.seq} in its place).`);
    if (!linkHolds(keys, line, prevMac)) return broken(seq, `Record ${seq} was altered, or does not follow record ${seq - 1}.`);
    prevMac = line.mac;
    count = seq;
    if (expected && seq === expected.seq) headAtExpected = line.mac;
  }
  if (expected && count < expected.seq) {
    return broken(count + 1, `The trail ends at record ${count}, but the vault file says it reached record ${expected.seq}: records were cut off.`);
  }
  if (expected && headAtExpected !== expected.mac) return broken(expected.seq, `Record ${expected.seq} is not the one the vault file recorded.`);
  return { ok: true, count, head: count > 0 ? { seq: count, mac: prevMac } : null, brokenAt: null, reason: null };
}
