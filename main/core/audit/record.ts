import { z } from 'zod';
import { AuditOutcomeView, AuditRecordView } from '../../../shared/audit';

/**
 * One audit record: who did what to which item, when, and how it ended. Never a secret value: no plaintext,
 * ciphertext, key bytes, passphrase or certificate password (tests/unit/audit-records.test.ts scans for them).
 * Names are kept as they were at that time (an item may be renamed or deleted later); they are user data, which is
 * why records are sealed on disk.
 */
export const AuditActor = AuditRecordView.shape.actor;
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditTarget = AuditRecordView.shape.target.unwrap();
export type AuditTarget = z.infer<typeof AuditTarget>;

export const AuditOutcome = AuditOutcomeView;
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** What the console shows, plus the vault generations the action wrote (so a record lost in a crash is noticed). */
export const AuditRecord = AuditRecordView.extend({ gens: z.array(z.number().int()).optional() });
export type AuditRecord = z.infer<typeof AuditRecord>;

/** A record before the trail gives it its number. */
export type AuditEntry = Omit<AuditRecord, 'seq'>;
