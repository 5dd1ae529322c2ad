import { z } from 'zod';

/**
 * One audit record: who did what to which item, when, and how it ended. Never a secret value: no plaintext,
 * ciphertext, key bytes, passphrase or certificate password (tests/unit/audit.test.ts scans for them).
 * Names are kept as they were at that time (an item may be renamed or deleted later); they are user data, which is
 * why records are sealed on disk.
 */
export const AuditActor = z.object({
  /** member: someone signed in to the console; api: a client program (its address); system: the scheduler, the app. */
  kind: z.enum(['member', 'api', 'system']),
  id: z.string().optional(),
  name: z.string(),
});
export type AuditActor = z.infer<typeof AuditActor>;

export const AuditTarget = z.object({
  keyStoreId: z.string().optional(),
  keyStoreName: z.string().optional(),
  keyId: z.string().optional(),
  keyName: z.string().optional(),
  /** Authentication information (IPv4, MAC, certificate), a member, an approval request or a ceremony. */
  itemId: z.string().optional(),
  itemName: z.string().optional(),
});
export type AuditTarget = z.infer<typeof AuditTarget>;

export const AuditOutcome = z.enum(['ok', 'failed', 'refused']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditRecord = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  actor: AuditActor,
  /** The contract channel (keys.create, keys.encrypt...), or vault.*, api.*, audit.*, ceremony.* for the rest. */
  action: z.string(),
  target: AuditTarget.optional(),
  outcome: AuditOutcome,
  /** The stable error code of a failure (never its message, which may quote input). */
  code: z.string().optional(),
  /** Calls this record stands for (Key API calls are recorded in batches). */
  count: z.number().int().min(1).optional(),
  /** Vault file generations this action wrote (so a record lost in a crash is noticed at the next unlock). */
  gens: z.array(z.number().int()).optional(),
  /** Non-secret facts worth keeping: a new key's version, a certificate's serial, a public key's fingerprint. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

/** A record before the trail gives it its number. */
export type AuditEntry = Omit<AuditRecord, 'seq'>;
