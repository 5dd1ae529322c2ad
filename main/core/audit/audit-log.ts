import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import type { AuditFilter, AuditPage, AuditRecordView } from '../../../shared/audit';
import type { AuditRecord } from './record';

/**
 * The Audit Log's reading side: filtering and paging over the decrypted records (newest first), and exports a copy
 * of which can be checked later without the app (scripts/audit-verify.ts).
 */
const includes = (hay: string | undefined, needle: string): boolean => hay !== undefined && hay.toLowerCase().includes(needle);

export function matches(record: AuditRecord, filter: AuditFilter, fromMs: number, toMs: number): boolean {
  if (fromMs || toMs !== Infinity) {
    const at = Date.parse(record.at);
    if (at < fromMs || at > toMs) return false;
  }
  if (filter.outcome && record.outcome !== filter.outcome) return false;
  if (filter.action && !includes(record.action, filter.action.toLowerCase())) return false;
  if (filter.actor) {
    const a = filter.actor.toLowerCase();
    if (!includes(record.actor.name, a) && !includes(record.actor.id, a)) return false;
  }
  if (filter.keyStore) {
    const s = filter.keyStore.toLowerCase();
    if (!includes(record.target?.keyStoreName, s) && !includes(record.target?.keyStoreId, s)) return false;
  }
  if (filter.key) {
    const k = filter.key.toLowerCase();
    if (!includes(record.target?.keyName, k) && !includes(record.target?.keyId, k)) return false;
  }
  return true;
}

/** The records a filter selects, newest first. `ownerId`: a MEMBER sees only the records they made. */
export function select(records: readonly AuditRecord[], filter: AuditFilter, ownerId: string | null): AuditRecord[] {
  const fromMs = filter.from ? Date.parse(filter.from) : 0;
  const toMs = filter.to ? Date.parse(filter.to) : Infinity;
  const out: AuditRecord[] = [];
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (ownerId !== null && r.actor.id !== ownerId) continue;
    if (matches(r, filter, fromMs, toMs)) out.push(r);
  }
  return out;
}

export function page(records: readonly AuditRecord[], filter: AuditFilter & { offset: number; limit: number }, ownerId: string | null): AuditPage {
  const selected = select(records, filter, ownerId);
  const visible = ownerId === null ? records : records.filter((r) => r.actor.id === ownerId);
  return {
    total: selected.length,
    records: selected.slice(filter.offset, filter.offset + filter.limit) as AuditRecordView[],
    actors: [...new Set(visible.map((r) => r.actor.name))].sort(),
    actions: [...new Set(visible.map((r) => r.action))].sort(),
    ownOnly: ownerId !== null,
  };
}

// ---- exports ----

/** The key that signs exports: Ed25519, made on first export and kept in the vault; its public half is in each export. */
export interface SigningKey {
  privateKeyPem: string;
  publicKeyPem: string;
}
export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
}
/** SHA-256 of a public key's SubjectPublicKeyInfo DER, as colon-separated hex pairs (openssl's spelling). */
export const spkiDerFingerprint = (spkiDer: Buffer): string =>
  createHash('sha256')
    .update(spkiDer)
    .digest('hex')
    .replace(/(..)(?!$)/g, '$1:')
    .toUpperCase();
export const signingKeyFingerprint = (publicKeyPem: string): string =>
  spkiDerFingerprint(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }));

export const EXPORT_FORMAT = 'skm-audit-export';

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: 1;
  appKey: string;
  exportedAt: string;
  exportedBy: string;
  filter: AuditFilter;
  /** The trail's head when exported (sequence + MAC), as Verify chain shows it in the console. */
  chainHead: { seq: number; mac: string } | null;
  count: number;
  publicKey: string;
  publicKeyFingerprint: string;
}

/** Each exported record carries `hash` = SHA-256(previous hash + its canonical JSON): a copy is checked end to end. */
export const recordHash = (previous: string, record: unknown): string => createHash('sha256').update(previous).update(canonical(record)).digest('hex');

/** JSON with object keys in sorted order, so the hash does not depend on how a tool re-serialises the record. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What the signature covers: the header and the last hash, so nothing in between can change. */
export const signedText = (header: ExportHeader, lastHash: string): string => `${canonical(header)}\n${lastHash}`;

const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'actorId',
  'action',
  'keyStore',
  'keyStoreId',
  'key',
  'keyId',
  'item',
  'itemId',
  'outcome',
  'code',
  'count',
  'facts',
  'hash',
] as const;
const csvCell = (v: unknown): string => {
  const text = v === undefined || v === null ? '' : String(v);
  // Spreadsheet formula injection: a cell starting with = + - @ is read as text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One CSV row: what people read (the verifier checks each row against the signed record it shows). */
export function csvRow(r: AuditRecord, hash: string): string {
  return [
    r.seq,
    r.at,
    r.actor.name,
    r.actor.id,
    r.action,
    r.target?.keyStoreName,
    r.target?.keyStoreId,
    r.target?.keyName,
    r.target?.keyId,
    r.target?.itemName,
    r.target?.itemId,
    r.outcome,
    r.code,
    r.count,
    r.facts ? JSON.stringify(r.facts) : '',
    hash,
  ]
    .map(csvCell)
    .join(',');
}

export const CSV_HEADER = CSV_COLUMNS.join(',');

export function buildExport(
  records: readonly AuditRecord[],
  header: Omit<ExportHeader, 'format' | 'version' | 'count' | 'publicKey' | 'publicKeyFingerprint'>,
  key: SigningKey,
  format: 'jsonl' | 'csv',
): Buffer {
  const full: ExportHeader = {
    format: EXPORT_FORMAT,
    version: 1,
    ...header,
    count: records.length,
    publicKey: key.publicKeyPem,
    publicKeyFingerprint: signingKeyFingerprint(key.publicKeyPem),
  };
  let hash = '';
  const hashed = records.map((r) => {
    hash = recordHash(hash, r);
    return { record: r, hash };
  });
  const privateKey = createPrivateKey(key.privateKeyPem);
  const signature = sign(null, Buffer.from(signedText(full, hash)), privateKey).toString('base64');
  if (format === 'jsonl') {
    const lines = [
      JSON.stringify({ header: full }),
      ...hashed.map(({ record, hash }) => JSON.stringify({ ...record, hash })),
      JSON.stringify({ end: { lastHash: hash, signature } }),
    ];
    return Buffer.from(`${lines.join('\n')}\n`);
  }
  // CSV: the header and the signature ride in comment lines that the verifier reads and spreadsheets show as text.
  const rows = hashed.map(({ record, hash }) => csvRow(record, hash));
  const records64 = Buffer.from(hashed.map(({ record }) => JSON.stringify(record)).join('\n')).toString('base64');
  const lines = [
    `# ${JSON.stringify({ header: full })}`,
    CSV_COLUMNS.join(','),
    ...rows,
    `# ${JSON.stringify({ end: { lastHash: hash, signature, records: records64 } })}`,
  ];
  return Buffer.from(`${lines.join('\n')}\n`);
}
