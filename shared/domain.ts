import { z } from 'zod';
import { parseIpv4, parseMac, type Parsed } from './auth-formats';

/**
 * Domain vocabulary shared by every layer: input rules (zod) and the views that cross the contract.
 * Plain data only — no Node and no DOM APIs, because renderer, preload and main all import this file.
 */

export const Id = z.string().regex(/^[0-9a-f]{32}$/, 'Ids are 32 lowercase hexadecimal characters.');

export const Name = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Names are at most 100 characters.');

export const Description = z.string().trim().max(1000, 'Descriptions are at most 1,000 characters.');

export const AuthMethod = z.enum(['ipv4', 'mac', 'certificate']);
export type AuthMethod = z.infer<typeof AuthMethod>;
export const AuthMethodLabels: Record<AuthMethod, string> = { ipv4: 'IPv4', mac: 'MAC', certificate: 'Certificate' };

export const AuthMethods = z
  .array(AuthMethod)
  .min(1, 'Choose at least one authentication method.')
  .transform((methods) => AuthMethod.options.filter((m) => methods.includes(m)));

export const Username = z
  .string()
  .trim()
  .min(1, 'Enter a username.')
  .max(64, 'Usernames are at most 64 characters.')
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'Usernames use letters, digits and . _ @ - only.');

export const MIN_PASSPHRASE_LENGTH = 12;
export const Passphrase = z
  .string()
  .min(MIN_PASSPHRASE_LENGTH, `Passphrases are at least ${MIN_PASSPHRASE_LENGTH} characters.`)
  .max(1024, 'Passphrases are at most 1,024 characters.');

export const CreateVaultInput = z
  .strictObject({ username: Username, passphrase: Passphrase, confirmPassphrase: z.string() })
  .refine((v) => v.passphrase === v.confirmPassphrase, {
    message: 'The passphrase and its confirmation do not match.',
    path: ['confirmPassphrase'],
  });

export const UnlockInput = z.strictObject({
  username: z.string().max(64, 'Wrong username or passphrase.'),
  passphrase: z.string().max(1024, 'Wrong username or passphrase.'),
});

export const AUTO_LOCK_DEFAULT_MINUTES = 5;
export const Settings = z.strictObject({
  autoLockMinutes: z
    .number()
    .int('Auto-lock is a whole number of minutes.')
    .min(1, 'Auto-lock is at least 1 minute.')
    .max(1440, 'Auto-lock is at most 1,440 minutes (one day).'),
});
export type Settings = z.infer<typeof Settings>;

export const VaultState = z.enum(['new', 'locked', 'unlocked', 'unreadable']);
export const VaultStatus = z.object({
  state: VaultState,
  username: z.string().optional(),
  /** For 'unreadable': what is wrong with the file (never its contents). */
  message: z.string().optional(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const AccountRole = z.enum(['administrator', 'member']);
export const VaultInfo = z.object({
  appKey: Id,
  username: z.string(),
  role: AccountRole,
  createdAt: z.string(),
  dataDir: z.string(),
});
export type VaultInfo = z.infer<typeof VaultInfo>;

export const KeyStoreView = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  authMethods: z.array(AuthMethod),
  keyCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KeyStoreView = z.infer<typeof KeyStoreView>;

export const CreateKeyStoreInput = z.strictObject({ name: Name, description: Description.default(''), authMethods: AuthMethods });
export const UpdateKeyStoreInput = z.strictObject({
  id: Id,
  name: Name.optional(),
  description: Description.optional(),
  authMethods: AuthMethods.optional(),
});

// ---- keys ----

export const KeyType = z.enum(['confidential', 'symmetric', 'asymmetric']);
export type KeyType = z.infer<typeof KeyType>;
export const KeyTypeLabels: Record<KeyType, string> = {
  confidential: 'Confidential Data',
  symmetric: 'Symmetric Key',
  asymmetric: 'Asymmetric Key',
};

export const AsymmetricAlgorithm = z.enum(['RSA-2048', 'RSA-3072', 'RSA-4096', 'ECDSA-P256', 'ECDSA-P384', 'Ed25519']);
export type AsymmetricAlgorithm = z.infer<typeof AsymmetricAlgorithm>;
export const AsymmetricAlgorithmLabels: Record<AsymmetricAlgorithm, string> = {
  'RSA-2048': 'RSA 2048',
  'RSA-3072': 'RSA 3072',
  'RSA-4096': 'RSA 4096',
  'ECDSA-P256': 'ECDSA P-256',
  'ECDSA-P384': 'ECDSA P-384',
  Ed25519: 'Ed25519',
};
export const KeyAlgorithm = z.union([z.literal('AES-256-GCM'), AsymmetricAlgorithm, z.literal('none')]);
export type KeyAlgorithm = z.infer<typeof KeyAlgorithm>;

export const LifecycleStatus = z.enum(['in-service', 'scheduled-for-deletion']);
export type LifecycleStatus = z.infer<typeof LifecycleStatus>;
export const LifecycleStatusLabels: Record<LifecycleStatus, string> = {
  'in-service': 'In Service',
  'scheduled-for-deletion': 'Scheduled to be Deleted',
};
export const DELETION_WAIT_DAYS = 7;

export const MIN_ROTATION_DAYS = 30;
export const MAX_ROTATION_DAYS = 3650;
/** 0 = no automatic rotation; otherwise 30–3650 days. */
export const RotationCycle = z
  .number({ error: 'The rotation cycle is a whole number of days.' })
  .int('The rotation cycle is a whole number of days.')
  .min(0, 'The rotation cycle cannot be negative. Use 0 for no automatic rotation.')
  .max(MAX_ROTATION_DAYS, `The rotation cycle is at most ${MAX_ROTATION_DAYS} days.`)
  .refine((d) => d === 0 || d >= MIN_ROTATION_DAYS, `The minimum rotation cycle is ${MIN_ROTATION_DAYS} days (or 0 for no automatic rotation).`);

export const MAX_CONFIDENTIAL_BYTES = 32 * 1024;
export const ConfidentialText = z
  .string()
  .min(1, 'Enter the data to keep.')
  .refine((s) => new TextEncoder().encode(s).length <= MAX_CONFIDENTIAL_BYTES, 'Data is at most 32 KB.');

export const KeyVersionView = z.object({ version: z.number().int(), createdAt: z.string() });
export const KeyView = z.object({
  id: Id,
  keyStoreId: Id,
  name: z.string(),
  description: z.string(),
  type: KeyType,
  algorithm: KeyAlgorithm,
  origin: z.enum(['generated', 'imported']),
  status: LifecycleStatus,
  currentVersion: z.number().int(),
  rotationCycleDays: z.number().int(),
  nextRotationAt: z.string().nullable(),
  deletionDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  versions: z.array(KeyVersionView),
});
export type KeyView = z.infer<typeof KeyView>;

const keyBase = { keyStoreId: Id, name: Name, description: Description.default('') };
export const CreateKeyInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('confidential'), ...keyBase, data: ConfidentialText }),
  z.strictObject({ type: z.literal('symmetric'), ...keyBase, rotationCycleDays: RotationCycle.default(0) }),
  z.strictObject({ type: z.literal('asymmetric'), ...keyBase, rotationCycleDays: RotationCycle.default(0), algorithm: AsymmetricAlgorithm.default('RSA-2048') }),
]);
export type CreateKeyInput = z.output<typeof CreateKeyInput>;

export const ImportKeyInput = z.strictObject({ ...keyBase, keyData: z.string().max(2000, 'Key data is 32 bytes written as 0xXX: far shorter than this.') });
export const KeyRef = z.strictObject({ keyId: Id });
export const UpdateKeyInput = z.strictObject({ keyId: Id, description: Description.optional(), rotationCycleDays: RotationCycle.optional() });
export const DeleteNowInput = z.strictObject({ keyId: Id, confirmName: z.string().max(200) });

/** Text typed in the console or a file's bytes (base64). */
export const Payload = z
  .strictObject({
    data: z.string().max(8 * 1024 * 1024, 'Inputs are at most 6 MB.'),
    encoding: z.enum(['utf8', 'base64']).default('utf8'),
  })
  .refine((p) => p.encoding !== 'base64' || /^[A-Za-z0-9+/]*={0,2}$/.test(p.data), { message: 'The file could not be read as base64.', path: ['data'] });
export const SignatureScheme = z.enum(['pss', 'pkcs1']);
export const EncryptInput = z.strictObject({ keyId: Id, payload: Payload });
export const DecryptInput = z.strictObject({ keyId: Id, ciphertext: z.string().trim().min(1, 'Paste a ciphertext.').max(12 * 1024 * 1024) });
export const SignInput = z.strictObject({ keyId: Id, payload: Payload, scheme: SignatureScheme.default('pss') });
export const VerifyInput = z.strictObject({ keyId: Id, payload: Payload, signature: z.string().trim().min(1, 'Paste a signature.').max(4096), scheme: SignatureScheme.default('pss') });

export const DecryptOutput = z.object({ data: z.string(), text: z.string().nullable(), version: z.number().int() });
export const SignatureOutput = z.object({ signature: z.string(), version: z.number().int() });
export const CiphertextOutput = z.object({ ciphertext: z.string(), version: z.number().int() });

// ---- authentication information ----

export const AuthKind = z.enum(['ipv4', 'mac', 'certificate']);
export type AuthKind = z.infer<typeof AuthKind>;

const withParser = <T>(parse: (s: string) => Parsed<T>) =>
  z.string().max(100).transform((s, ctx): T => {
    const parsed = parse(s);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

export const AddIpv4Input = z.strictObject({ keyStoreId: Id, address: withParser(parseIpv4), description: Description.default('') });
export const AddMacInput = z.strictObject({ keyStoreId: Id, address: withParser(parseMac), description: Description.default('') });

export const MAX_CERTIFICATE_YEARS = 10;
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date.').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'Enter a valid date.');
/** Usage period in whole days (UTC): valid from the start of the first day to the end of the last. */
export const periodStart = (day: string): Date => new Date(`${day}T00:00:00Z`);
export const periodEnd = (day: string): Date => new Date(`${day}T23:59:59Z`);

export const AddCertificateInput = z
  .strictObject({
    keyStoreId: Id,
    name: Name,
    description: Description.default(''),
    password: z.string().min(8, 'Certificate passwords are at least 8 characters.').max(1024, 'Certificate passwords are at most 1,024 characters.'),
    confirmPassword: z.string().max(1024),
    validFrom: IsoDay,
    validTo: IsoDay,
  })
  .refine((v) => v.password === v.confirmPassword, { message: 'The password and its confirmation do not match.', path: ['confirmPassword'] })
  .refine((v) => periodEnd(v.validTo) > periodStart(v.validFrom), { message: 'Valid to must be after valid from.', path: ['validTo'] })
  .refine(
    (v) => {
      const limit = periodStart(v.validFrom);
      limit.setUTCFullYear(limit.getUTCFullYear() + MAX_CERTIFICATE_YEARS);
      return periodEnd(v.validTo) <= limit;
    },
    { message: `A certificate is valid for at most ${MAX_CERTIFICATE_YEARS} years.`, path: ['validTo'] },
  );

export const AuthRef = z.strictObject({ id: Id });
export const AuthDeleteNowInput = z.strictObject({ id: Id, confirmName: z.string().max(200) });

export const CertificateInfo = z.object({
  serial: z.string(),
  fingerprint: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  expired: z.boolean(),
});
export const AuthEntryView = z.object({
  id: Id,
  keyStoreId: Id,
  kind: AuthKind,
  /** The address (IPv4, MAC) or the certificate's name. */
  name: z.string(),
  description: z.string(),
  status: LifecycleStatus,
  deletionDate: z.string().nullable(),
  createdAt: z.string(),
  certificate: CertificateInfo.optional(),
});
export type AuthEntryView = z.infer<typeof AuthEntryView>;

/** How a host delivered a file: Electron saved it where the user chose; the browser host hands out a download URL. */
export const SaveResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), path: z.string() }),
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('download'), url: z.string() }),
]);
export type SaveResult = z.infer<typeof SaveResult>;
