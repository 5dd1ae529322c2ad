import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ApprovalRole, AuthKind, AuthMode, BaseRole, AuthMethod, KeyAlgorithm, KeyType } from '../../../shared/domain';
import { Lifecycle } from '../lifecycle/lifecycle';
import { ApprovalsRecord } from '../approval/records';
import { AuditHead, CeremonyView } from '../../../shared/audit';

/**
 * The decrypted lowdb document. Records are checked with zod when the vault opens (a file is a boundary),
 * then migrated step by step up to CURRENT_SCHEMA_VERSION.
 */
export const Account = z.object({
  id: z.string(),
  username: z.string(),
  role: BaseRole,
  approvalRoles: z.array(ApprovalRole),
  createdAt: z.string(),
  /** Set by each unlock (not by a co-signing check): Member Management shows it. */
  lastUnlockAt: z.string().nullable(),
});
export type Account = z.infer<typeof Account>;

export const KeyStoreRecord = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  authMethods: z.array(AuthMethod),
  /** How the Key API combines the methods: all of them (default) or any one. */
  authMode: AuthMode,
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * The deletion lifecycle, as keys have it (issue 12). Optional so that vaults written before it open unchanged:
   * a key store without one is In Service.
   */
  lifecycle: Lifecycle.optional(),
  /** The key store's own CA, created on first need. Its private key never leaves the vault. */
  ca: z
    .object({
      certPem: z.string(),
      privateKeyPem: z.string(),
      createdAt: z.string(),
      /** Certificates deleted from the key store, remembered (serials only, nothing secret) so its CRL keeps listing them. */
      revoked: z.array(z.object({ serial: z.string(), revokedAt: z.string(), reason: z.enum(['cessationOfOperation', 'superseded']), validTo: z.string() })),
      /** Number of the last CRL issued: each CRL gets the next one (RFC 5280 5.2.3). */
      crlNumber: z.number().int().min(0),
    })
    .optional(),
});
export type KeyStoreRecord = z.infer<typeof KeyStoreRecord>;

/** Key material of one version. Never leaves main except through an explicit user action. */
export const KeyMaterial = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('aes'), key: z.string() }),
  z.object({ kind: z.literal('keypair'), privateKeyPem: z.string(), publicKeyPem: z.string() }),
  z.object({ kind: z.literal('data'), data: z.string() }),
]);
export type KeyMaterial = z.infer<typeof KeyMaterial>;

export const KeyVersionRecord = z.object({ version: z.number().int().min(1), createdAt: z.string(), material: KeyMaterial });
export type KeyVersionRecord = z.infer<typeof KeyVersionRecord>;

export const KeyRecord = z.object({
  id: z.string(),
  keyStoreId: z.string(),
  name: z.string(),
  description: z.string(),
  type: KeyType,
  algorithm: KeyAlgorithm,
  origin: z.enum(['generated', 'imported']),
  rotationCycleDays: z.number().int(),
  nextRotationAt: z.string().nullable(),
  lifecycle: Lifecycle,
  createdAt: z.string(),
  updatedAt: z.string(),
  versions: z.array(KeyVersionRecord).min(1),
  /** Allow export: the Key API may hand out this key's material. Off unless a member turns it on. */
  allowExport: z.boolean(),
});
export type KeyRecord = z.infer<typeof KeyRecord>;

/** IPv4 addresses, MAC addresses and client certificates of a key store, in one collection by kind. */
export const AuthEntryRecord = z.object({
  id: z.string(),
  keyStoreId: z.string(),
  kind: AuthKind,
  name: z.string(),
  description: z.string(),
  lifecycle: Lifecycle,
  createdAt: z.string(),
  updatedAt: z.string(),
  ipv4: z.object({ network: z.number().int(), prefix: z.number().int() }).optional(),
  certificate: z
    .object({
      serial: z.string(),
      fingerprint: z.string(),
      validFrom: z.string(),
      validTo: z.string(),
      certPem: z.string(),
      /** The PKCS#12 file as issued, encrypted under the user's password (which is not kept). */
      pkcs12: z.string(),
    })
    .optional(),
});
export type AuthEntryRecord = z.infer<typeof AuthEntryRecord>;

/** A CA certificate and its private key, kept only inside the vault. */
export const CaPair = z.object({ certPem: z.string(), privateKeyPem: z.string(), createdAt: z.string() });
export type CaPair = z.infer<typeof CaPair>;

/** Key API counters of one key, flushed in batches (main/core/api/usage.ts): never one vault write per call. */
export const ApiUsage = z.object({ calls: z.number().int().min(0), lastAt: z.string() });

export const CURRENT_SCHEMA_VERSION = 6;

/** A new vault's audit trail: a random secret (the trail's keys are derived from it), no records yet. */
export const newAuditState = () => ({ secret: randomBytes(32).toString('base64'), head: null, owed: [] as number[] });

export const VaultDocument = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  appKey: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.string(),
  accounts: z.array(Account).min(1),
  keyStores: z.array(KeyStoreRecord),
  keys: z.array(KeyRecord),
  authEntries: z.array(AuthEntryRecord),
  /** Set by a deletion's first write and cleared by its second: while set, vault.json.bak may still hold what was deleted. */
  purgePending: z.boolean().optional(),
  /** The Governance Setting (issue 9); absent means the Approval Feature is off. */
  governance: z.object({ approvalFeature: z.boolean(), requiredApprovals: z.number().int().min(1), requestExpiryDays: z.number().int().min(1) }).optional(),
  /** Staged changes and approval requests (issue 9; see main/core/approval/records.ts); absent until the first is made. */
  approvals: ApprovalsRecord.optional(),
  /** The Key API's own CA (issue 10): it issues the server certificate at each Start; created on first need. */
  apiCa: CaPair.optional(),
  /**
   * The audit trail (issue 11): its secret (the trail's keys are derived from it), the last record written when this
   * document was saved, and the generations saved by actions whose records were still to be written then.
   */
  audit: z
    .object({
      secret: z.string(),
      head: AuditHead.nullable(),
      owed: z.array(z.number().int()),
      /** Ed25519 key that signs Audit Log exports (made at the first export); its public half is in every export. */
      signing: z.object({ privateKeyPem: z.string(), publicKeyPem: z.string() }).optional(),
    })
    .optional(),
  /** Key ceremonies (issue 11): titled spans of the audit trail with the officers present. */
  ceremonies: z.array(CeremonyView.extend({ id: z.string(), startHead: AuditHead.nullable(), endHead: AuditHead.nullable() })).optional(),
  /** Key API calls per key id (issue 10). Kept apart from the key records so counting never makes a staged change stale. */
  apiUsage: z.record(z.string(), ApiUsage).optional(),
  /**
   * The vault's wrapping key (issue 13): RSA-4096, made on first need, that keys wrapped elsewhere are wrapped for.
   * Optional like apiCa, so vaults written before it open unchanged; its private half never leaves the vault.
   */
  wrappingKey: z.object({ privateKeyPem: z.string(), publicKeyPem: z.string(), fingerprint: z.string(), createdAt: z.string() }).optional(),
});
export type VaultDocument = z.infer<typeof VaultDocument>;

/** One step per schema version: `migrations[n]` turns a version-n document into version n+1. */
type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;
export const migrations: Record<number, Migration> = {
  // v1 (foundation) had key stores only; v2 adds keys.
  1: (doc) => ({ ...doc, keys: [] }),
  // v3 adds authentication information (IPv4, MAC, certificates).
  2: (doc) => ({ ...doc, authEntries: [] }),
  // v4: each key store CA remembers its revoked certificates and CRL number (serials deleted before v4 are not known).
  3: (doc) => ({
    ...doc,
    keyStores: Array.isArray(doc.keyStores)
      ? doc.keyStores.map((s: Record<string, unknown>) => (s.ca ? { ...s, ca: { ...(s.ca as object), revoked: [], crlNumber: 0 } } : s))
      : doc.keyStores,
  }),
  // v5: members with roles (issue 9): administrator -> ADMIN, member -> MEMBER, no approval roles, no unlock recorded yet.
  4: (doc) => ({
    ...doc,
    accounts: Array.isArray(doc.accounts)
      ? doc.accounts.map((a: Record<string, unknown>) => ({
          ...a,
          role: a.role === 'administrator' ? 'ADMIN' : a.role === 'member' ? 'MEMBER' : a.role,
          approvalRoles: Array.isArray(a.approvalRoles) ? a.approvalRoles : [],
          lastUnlockAt: typeof a.lastUnlockAt === 'string' ? a.lastUnlockAt : null,
        }))
      : doc.accounts,
  }),
  // v6: the Key API (issue 10): key stores require all their methods, no key allows export until a member says so.
  // The audit trail (issue 11) gets its secret in the same step, so the upgrade's one write carries it.
  5: (doc) => ({
    ...doc,
    audit: doc.audit ?? newAuditState(),
    keyStores: Array.isArray(doc.keyStores) ? doc.keyStores.map((s: Record<string, unknown>) => ({ authMode: 'all', ...s })) : doc.keyStores,
    keys: Array.isArray(doc.keys) ? doc.keys.map((k: Record<string, unknown>) => ({ allowExport: false, ...k })) : doc.keys,
  }),
};

export class SchemaError extends Error {
  constructor(readonly reason: 'newer' | 'invalid') {
    super(reason);
    this.name = 'SchemaError';
  }
}

/** Returns the current-version document and whether it had to be migrated (then the caller writes it back). */
export function upgradeDocument(raw: unknown, steps: Record<number, Migration> = migrations): { doc: VaultDocument; migrated: boolean } {
  if (typeof raw !== 'object' || raw === null) throw new SchemaError('invalid');
  let doc = raw as Record<string, unknown>;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : NaN;
  if (version > CURRENT_SCHEMA_VERSION) throw new SchemaError('newer');
  const from = version;
  while (version < CURRENT_SCHEMA_VERSION) {
    const step = steps[version];
    if (!step) throw new SchemaError('invalid');
    doc = { ...step(doc), schemaVersion: version + 1 };
    version += 1;
  }
  const parsed = VaultDocument.safeParse(doc);
  if (!parsed.success) throw new SchemaError('invalid');
  return { doc: parsed.data, migrated: from !== CURRENT_SCHEMA_VERSION };
}
