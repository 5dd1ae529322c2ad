import { z } from 'zod';

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
