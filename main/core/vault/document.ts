import { z } from 'zod';
import { AccountRole, AuthMethod, KeyAlgorithm, KeyType } from '../../../shared/domain';
import { Lifecycle } from '../lifecycle/lifecycle';

/**
 * The decrypted lowdb document. Records are checked with zod when the vault opens (a file is a boundary),
 * then migrated step by step up to CURRENT_SCHEMA_VERSION.
 */
export const Account = z.object({
  id: z.string(),
  username: z.string(),
  role: AccountRole,
  createdAt: z.string(),
});
export type Account = z.infer<typeof Account>;

export const KeyStoreRecord = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  authMethods: z.array(AuthMethod),
  createdAt: z.string(),
  updatedAt: z.string(),
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
});
export type KeyRecord = z.infer<typeof KeyRecord>;

export const CURRENT_SCHEMA_VERSION = 2;

export const VaultDocument = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  appKey: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.string(),
  accounts: z.array(Account).min(1),
  keyStores: z.array(KeyStoreRecord),
  keys: z.array(KeyRecord),
});
export type VaultDocument = z.infer<typeof VaultDocument>;

/** One step per schema version: `migrations[n]` turns a version-n document into version n+1. */
type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;
export const migrations: Record<number, Migration> = {
  // v1 (foundation) had key stores only; v2 adds keys.
  1: (doc) => ({ ...doc, keys: [] }),
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
