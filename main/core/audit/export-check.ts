import { createPublicKey, verify } from 'node:crypto';
import { CSV_HEADER, EXPORT_FORMAT, csvRow, recordHash, signedText, signingKeyFingerprint, type ExportHeader } from './audit-log';
import type { AuditRecord } from './record';

export interface ExportCheck {
  ok: boolean;
  format: 'jsonl' | 'csv' | null;
  count: number;
  chainHead: { seq: number; mac: string } | null;
  publicKeyFingerprint: string | null;
  exportedAt: string | null;
  problem: string | null;
}

const fail = (problem: string, partial: Partial<ExportCheck> = {}): ExportCheck => ({
  ok: false,
  format: null,
  count: 0,
  chainHead: null,
  publicKeyFingerprint: null,
  exportedAt: null,
  ...partial,
  problem,
});

/**
 * Check an Audit Log export without the app or the vault (scripts/audit-verify.ts): every record's hash follows the
 * one before, the last hash and the header are signed by the export key named in the header. The fingerprint is
 * printed for people to compare with the one the console shows: a forger can sign with a key of their own, not with
 * the vault's.
 */
export function checkExport(text: string): ExportCheck {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const csv = lines[0]?.startsWith('# ') ?? false;
  const json = (line: string | undefined): Record<string, unknown> | null => {
    try {
      return JSON.parse(csv ? (line ?? '').replace(/^# /, '') : (line ?? '')) as Record<string, unknown>;
    } catch {
      return null;
    }
  };
  const first = json(lines[0]);
  const header = first?.header as ExportHeader | undefined;
  if (!header || header.format !== EXPORT_FORMAT || header.version !== 1)
    return fail('This is not a Secure Key Manager audit export (its first line is not the export header).');
  const end = json(lines[lines.length - 1])?.end as { lastHash?: string; signature?: string; records?: string } | undefined;
  if (typeof end?.lastHash !== 'string' || typeof end.signature !== 'string')
    return fail('The export is incomplete: its last line (the signature) is missing.');
  let records: unknown[] = [];
  let at = 0;
  try {
    if (csv) {
      // The signed content of a CSV is the records carried in its last comment line; every row people read must be
      // exactly the row those records make, so an edited, removed or added row is caught too.
      const body = Buffer.from(end.records ?? '', 'base64').toString('utf8');
      records = body.length === 0 ? [] : body.split('\n').map((l) => JSON.parse(l) as unknown);
    } else {
      for (const line of lines.slice(1, -1)) {
        at += 1;
        records.push(JSON.parse(line) as Record<string, unknown>);
      }
    }
  } catch {
    return fail(`Record ${at} of the export is damaged (it is not JSON): the export was altered or cut.`);
  }
  const base: Partial<ExportCheck> = {
    format: csv ? 'csv' : 'jsonl',
    chainHead: header.chainHead,
    publicKeyFingerprint: safeFingerprint(header.publicKey),
    exportedAt: header.exportedAt,
  };
  let hash = '';
  for (let i = 0; i < records.length; i++) {
    const { hash: given, ...record } = records[i] as Record<string, unknown>;
    hash = recordHash(hash, record);
    if (!csv && given !== hash)
      return fail(`Record ${i + 1} of the export (seq ${String(record.seq)}) was altered, removed or reordered.`, { ...base, count: i });
  }
  if (csv) {
    const rows = lines.slice(2, -1);
    if (lines[1] !== CSV_HEADER) return fail('The CSV column line was altered.', { ...base });
    let rowHash = '';
    for (let i = 0; i < Math.max(rows.length, records.length); i++) {
      const record = records[i] as AuditRecord | undefined;
      if (record) rowHash = recordHash(rowHash, record);
      if (!record || rows[i] !== csvRow(record, rowHash)) {
        return fail(`Row ${i + 1} of the CSV does not match the signed records: it was edited, removed or added.`, { ...base, count: i });
      }
    }
  }
  if (records.length !== header.count)
    return fail(`The header says ${header.count} records; ${records.length} were found.`, { ...base, count: records.length });
  if (hash !== end.lastHash) return fail('The records do not match the signed last hash: the export was altered.', { ...base, count: records.length });
  let valid: boolean;
  try {
    valid = verify(null, Buffer.from(signedText(header, hash)), createPublicKey(header.publicKey), Buffer.from(end.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return fail('The signature does not match: the header or the records were altered after export.', { ...base, count: records.length });
  return { ...(base as ExportCheck), ok: true, count: records.length, problem: null };
}

function safeFingerprint(pem: unknown): string | null {
  try {
    return typeof pem === 'string' ? signingKeyFingerprint(pem) : null;
  } catch {
    return null;
  }
}
