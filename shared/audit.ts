import { z } from 'zod';
import { Id, Passphrase, SaveResult, Text } from './domain';

/**
 * The contract's words for issue 11: the Audit Log, backups, and key ceremonies. Plain data only (no Node, no DOM).
 */

// ---- Audit Log ----

/** The last record of the trail: its sequence number and MAC (what Verify chain reports and the vault file keeps). */
export const AuditHead = z.object({ seq: z.number().int(), mac: z.string() });

export const AuditOutcomeView = z.enum(['ok', 'failed', 'refused']);
export const AuditRecordView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ kind: z.enum(['member', 'api', 'system']), id: z.string().optional(), name: z.string() }),
  action: z.string(),
  target: z
    .object({
      keyStoreId: z.string().optional(),
      keyStoreName: z.string().optional(),
      keyId: z.string().optional(),
      keyName: z.string().optional(),
      itemId: z.string().optional(),
      itemName: z.string().optional(),
    })
    .optional(),
  outcome: AuditOutcomeView,
  code: z.string().optional(),
  count: z.number().int().optional(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type AuditRecordView = z.infer<typeof AuditRecordView>;

const When = (label: 'From' | 'To') =>
  Text()
    .max(40, `${label} is a date and time such as 2026-11-29T09:00:00Z.`)
    .refine((s) => !Number.isNaN(Date.parse(s)), `${label} is a date and time such as 2026-11-29T09:00:00Z.`);
const Filter = (label: string) => Text(label).trim().max(200, `${label} is at most 200 characters.`);

/** The Audit Log's filters (all optional; text filters match part of a name or id, ignoring case). */
export const AuditFilter = z.strictObject({
  from: When('From').optional(),
  to: When('To').optional(),
  actor: Filter('Actor').optional(),
  action: Filter('Action').optional(),
  keyStore: Filter('Key store').optional(),
  key: Filter('Key').optional(),
  outcome: AuditOutcomeView.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditListInput = AuditFilter.extend({
  /** Newest first: offset 0 is the newest record that matches. */
  offset: z.number({ error: 'Offset must be a whole number.' }).int('Offset must be a whole number.').min(0, 'Offset cannot be negative.').default(0),
  limit: z
    .number({ error: 'Limit must be a whole number.' })
    .int('Limit must be a whole number.')
    .min(1, 'Limit is at least 1.')
    .max(500, 'Limit is at most 500.')
    .default(100),
});

export const AuditPage = z.object({
  total: z.number().int(),
  records: z.array(AuditRecordView),
  /** Every actor and action in the trail, for the filter lists. */
  actors: z.array(z.string()),
  actions: z.array(z.string()),
  /** The MEMBER role sees only its own records. */
  ownOnly: z.boolean(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerifyView = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  head: AuditHead.nullable(),
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** Records the app itself wrote about a cut trail or records lost in a crash (seq numbers). */
  warnings: z.array(z.object({ seq: z.number().int(), action: z.string(), at: z.string() })),
  /** SHA-256 of the key that signs exports (null before the first export): what `npm run audit:verify` prints. */
  exportKeyFingerprint: z.string().nullable(),
});
export type AuditVerifyView = z.infer<typeof AuditVerifyView>;

export const AuditExportInput = z.strictObject({ format: z.enum(['jsonl', 'csv']), filter: AuditFilter.default({}) });

// ---- backup and restore ----

export const MAX_BACKUP_BASE64 = 8 * 1024 * 1024;
export const BackupFile = Text('Backup file')
  .min(1, 'Choose a backup file.')
  .max(MAX_BACKUP_BASE64, 'Backup files are at most 6 MB here.')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The backup file could not be read.');

export const BackupProtection = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('passphrase'),
      passphrase: Passphrase,
      confirmPassphrase: Text('Passphrase confirmation').max(1024, 'Passphrases are at most 1,024 characters.'),
    })
    .refine((v) => v.passphrase === v.confirmPassphrase, { message: 'The backup passphrase and its confirmation do not match.', path: ['confirmPassphrase'] }),
  z
    .strictObject({
      kind: z.literal('shares'),
      shares: z
        .number({ error: 'Shares must be a whole number from 2 to 10.' })
        .int('Shares must be a whole number from 2 to 10.')
        .min(2, 'At least 2 shares.')
        .max(10, 'At most 10 shares.'),
      threshold: z
        .number({ error: 'Shares needed must be a whole number.' })
        .int('Shares needed must be a whole number.')
        .min(2, 'At least 2 shares must be needed.')
        .max(10, 'At most 10 shares can be needed.'),
    })
    .refine((v) => v.threshold <= v.shares, { message: 'Shares needed cannot be more than the shares made.', path: ['threshold'] }),
]);
export const BackupExportInput = z.strictObject({ protection: BackupProtection });
/** `shares`: shown once, to be handed to the officers; never kept anywhere by the app. */
export const BackupExportView = z.object({ saved: SaveResult, shares: z.array(z.string()).nullable(), backupId: z.string() });
export type BackupExportView = z.infer<typeof BackupExportView>;

export const BackupInfo = z.object({
  backupId: z.string(),
  createdAt: z.string(),
  protection: z.union([
    z.object({ kind: z.literal('passphrase') }),
    z.object({ kind: z.literal('shares'), threshold: z.number().int(), count: z.number().int() }),
  ]),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupRestoreInput = z.strictObject({
  file: BackupFile,
  passphrase: Text('Backup passphrase').max(1024, 'Passphrases are at most 1,024 characters.').optional(),
  shares: z.array(Text('Share').max(400, 'A share is a short text; this is far longer.')).max(10, 'At most 10 shares.').optional(),
});

// ---- key ceremonies ----

const OfficerName = Text('Officer name').trim().min(1, 'Enter the officer’s name.').max(100, 'Officer names are at most 100 characters.');
export const StartCeremonyInput = z.strictObject({
  title: Text('Title').trim().min(1, 'Enter a title for the ceremony.').max(200, 'Titles are at most 200 characters.'),
  officers: z.array(OfficerName).min(1, 'Name at least one officer present.').max(20, 'At most 20 officers.'),
});

export const CeremonyView = z.object({
  id: Id,
  title: z.string(),
  officers: z.array(z.string()),
  startedAt: z.string(),
  startedBy: z.string(),
  startSeq: z.number().int(),
  endedAt: z.string().nullable(),
  endSeq: z.number().int().nullable(),
});
export type CeremonyView = z.infer<typeof CeremonyView>;

export const CeremonyRecordView = z.object({
  ceremony: CeremonyView,
  actions: z.array(AuditRecordView),
  /** Keys created or imported in the span: ids, and fingerprints officers can compare (never key material). */
  keys: z.array(
    z.object({
      keyId: z.string(),
      keyName: z.string(),
      keyStoreName: z.string(),
      type: z.string(),
      algorithm: z.string(),
      version: z.number().int(),
      /** SHA-256 of the public key (SubjectPublicKeyInfo DER) for asymmetric keys; null otherwise. */
      publicKeyFingerprint: z.string().nullable(),
      /** Key check value of an AES key (first 3 bytes of AES-ECB over a zero block, hex), as HSM ceremonies print. */
      keyCheckValue: z.string().nullable(),
    }),
  ),
  startHead: AuditHead.nullable(),
  endHead: AuditHead.nullable(),
});
export type CeremonyRecordView = z.infer<typeof CeremonyRecordView>;
