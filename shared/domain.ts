import { z } from 'zod';
import { parseIpv4, parseMac, type Parsed } from './auth-formats';

/**
 * Domain vocabulary shared by every layer: input rules (zod) and the views that cross the contract.
 * Plain data only — no Node and no DOM APIs, because renderer, preload and main all import this file.
 */

// ---- refusals in the app's words ----

/**
 * Field names as people read them, for messages that have no wording of their own. A field not listed is named from
 * its key ("keyStoreId" would read "Key store id"), so channels added later are answered in words too.
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'Id',
  keyId: 'Key id',
  keyStoreId: 'Key store id',
  name: 'Name',
  description: 'Description',
  authMethods: 'Authentication methods',
  username: 'Username',
  passphrase: 'Passphrase',
  confirmPassphrase: 'Passphrase confirmation',
  currentPassphrase: 'Current passphrase',
  newPassphrase: 'New passphrase',
  acceptRollback: 'Accept restored vault',
  autoLockMinutes: 'Auto-lock',
  type: 'Type',
  data: 'Data',
  rotationCycleDays: 'Rotation cycle',
  algorithm: 'Algorithm',
  keyData: 'Key data',
  confirmName: 'Confirmation name',
  payload: 'Payload',
  encoding: 'Encoding',
  ciphertext: 'Ciphertext',
  signature: 'Signature',
  scheme: 'Signature scheme',
  version: 'Version',
  kind: 'Kind',
  address: 'Address',
  password: 'Password',
  confirmPassword: 'Password confirmation',
  validFrom: 'Valid from',
  validTo: 'Valid to',
  role: 'Role',
  approvalRoles: 'Approval roles',
  memberId: 'Member id',
  confirmUsername: 'Username confirmation',
  authMode: 'Client authentication',
  allowExport: 'Allow export',
  keyApi: 'Key API',
  listen: 'Listen address',
  port: 'Port',
  hostNames: 'Host names',
  wrapped: 'Wrapped key material',
  blob: 'Wrapped key file',
  destination: 'Destination',
  wrappingKeyPem: 'Wrapping public key',
  azureKekId: 'Key exchange key id',
};

const humanize = (key: string): string => {
  const words = key
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/[\s_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'A field';
};

/** How a message names the field at `path`: "Name", "Authentication methods (item 2)"; "This request" for the whole input. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const at = path.findLastIndex((p) => typeof p === 'string');
  if (at < 0) return path.length > 0 ? `Item ${Number(path[path.length - 1]) + 1}` : 'This request';
  const key = path[at] as string;
  const label = Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key]! : humanize(key);
  const index = path[at + 1];
  return typeof index === 'number' ? `${label} (item ${index + 1})` : label;
}

type SchemaDef = { type?: string; shape?: Record<string, unknown>; options?: unknown[]; in?: unknown; innerType?: unknown };
const defOf = (schema: unknown): SchemaDef | undefined => (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;

/** The fields an object schema (or a union of object schemas) takes, to say what a request should have looked like. */
function fieldsOf(schema: unknown): string[] {
  const def = defOf(schema);
  switch (def?.type) {
    case 'object':
      return Object.keys(def.shape ?? {});
    case 'union':
      return [...new Set((def.options ?? []).flatMap(fieldsOf))];
    case 'pipe':
      return fieldsOf(def.in);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return fieldsOf(def.innerType);
    default:
      return [];
  }
}

/** Quotes what the schema expects (values, unknown field names) — never the value that was sent. */
const quote = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v));
const oneOf = (values: readonly unknown[]): string => (values.length === 1 ? quote(values[0]) : `one of ${values.map(quote).join(', ')}`);
const amount = (n: number | bigint): string => (typeof n === 'number' ? n.toLocaleString('en-US') : n.toString());
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  date: 'a date',
  null: 'null',
};

/**
 * The words for a refused input, naming the field: "Name must be text.", "Key id is required.",
 * "Unknown field "foo": this request takes keyStoreId, name, description." Schemas give their own wording where a
 * field has a rule people meet (minimum length, allowed characters); this answers everything else, so no zod default
 * ("Invalid input: expected string, received number") reaches a person. Never echoes the value that was sent.
 * `label` names the field when the schema knows it; otherwise the issue's path does.
 */
export function refusalMessage(issue: z.core.$ZodRawIssue, label?: string): string {
  const path = issue.path ?? [];
  const whole = label === undefined && path.length === 0;
  const field = label ?? fieldLabel(path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = String(issue.expected);
      const noInput = expected === 'void' || expected === 'undefined' || expected === 'never';
      const fields = expected === 'object' ? fieldsOf(issue.inst) : [];
      const shape = fields.length > 0 ? `an object with ${fields.join(', ')}` : 'an object';
      if (whole) return noInput ? 'This request takes no input.' : `This request takes ${expected === 'object' ? shape : (TYPE_WORDS[expected] ?? expected)}.`;
      if (noInput) return `${field} must be left out.`;
      if (issue.input === undefined) return `${field} is required.`;
      if (expected === 'object') return `${field} must be ${shape}.`;
      if (expected === 'number' && typeof issue.input === 'number') return `${field} must be a finite number.`;
      return `${field} must be ${TYPE_WORDS[expected] ?? expected}.`;
    }
    case 'invalid_value':
      return `${field} must be ${oneOf(issue.values)}.`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options && options.length > 0 ? `${field} must be ${oneOf(options)}.` : `${field} does not match any accepted form.`;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys;
      const shown = keys.slice(0, 3).map(quote).join(', ') + (keys.length > 3 ? ` and ${keys.length - 3} more` : '');
      const fields = fieldsOf(issue.inst);
      const takes = fields.length > 0 ? fields.join(', ') : 'no other fields';
      return `Unknown field${keys.length === 1 ? '' : 's'} ${shown}: ${whole ? 'this request' : field} takes ${takes}.`;
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin === 'string') return Number(min) <= 1 ? `${field} cannot be empty.` : `${field} is at least ${amount(min)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(min) <= 1 ? `${field} needs at least one item.` : `${field} needs at least ${amount(min)} items.`;
      return issue.inclusive === false ? `${field} must be more than ${amount(min)}.` : `${field} is at least ${amount(min)}.`;
    }
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin === 'string') return `${field} is at most ${amount(max)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field} has at most ${amount(max)} items.`;
      return issue.inclusive === false ? `${field} must be less than ${amount(max)}.` : `${field} is at most ${amount(max)}.`;
    }
    case 'invalid_format':
      return `${field} is not in the expected form.`;
    case 'not_multiple_of':
      return `${field} must be a multiple of ${amount(issue.divisor)}.`;
    case 'invalid_key':
      return `${field} has a key that is not accepted.`;
    case 'invalid_element':
      return `${field} has an entry that is not accepted.`;
    default:
      return `${field} is not accepted.`;
  }
}

// The fallback for every schema, also those added later: a field with no wording of its own is still named in words.
z.config({ customError: (issue) => refusalMessage(issue) });

// ---- text ----

/** A lone UTF-16 surrogate: `u` mode reads it as a code point of its own (category Cs); a proper pair is one character. */
const LONE_SURROGATE = /\p{Cs}/u;
/** ES2024's String.prototype.isWellFormed where the engine has it (Node 20, Chromium): ~10x faster on megabytes. */
const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
export const isWellFormedText = (s: string): boolean => (nativeIsWellFormed ? nativeIsWellFormed.call(s) : !LONE_SURROGATE.test(s));

/**
 * Every text field of every channel is built from this: a string of well-formed Unicode. A lone surrogate cannot be
 * typed, and encoding it as UTF-8 (for the key derivation, a cipher, the vault file) silently turns it into U+FFFD, so
 * what was stored, compared or encrypted would not be what was sent. `label` names the field in messages; without it
 * (ids, shared by keyId, keyStoreId...) the field's key does.
 */
export const Text = (label?: string) =>
  z.string({ error: (issue) => refusalMessage(issue, label) }).refine(isWellFormedText, {
    error: (issue) => `${label ?? fieldLabel(issue.path ?? [])} has a broken character (an unpaired UTF-16 surrogate). Type or paste it again.`,
    abort: true,
  });

/** C0/C1 controls (NUL, tab, line breaks...), bidirectional controls that reorder what is shown (U+202E...), and line/paragraph separators. */
const NAME_FORBIDDEN = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/u;
/**
 * A character that shows something: a letter, digit, punctuation mark or symbol that is neither default-ignorable
 * (U+200B, U+FEFF, the Hangul fillers U+115F, U+1160, U+3164, U+FFA0...) nor the braille blank U+2800.
 */
const VISIBLE = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;
export const hasVisibleCharacter = (s: string): boolean => VISIBLE.test(s);
/** Descriptions may span lines: tab, line feed and CR LF are kept; other controls and bidi embeddings, overrides and isolates are not. */
const DESCRIPTION_FORBIDDEN = /(?![\t\n]|\r\n)\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;

/**
 * Changes with a field sent as `undefined` mean "leave it as it is". Electron's IPC (structured clone) keeps such a
 * field while the HTTP bridge (JSON) drops it; without this an edit merged with Object.assign or spread would write
 * `undefined` over a key store's name, and the vault would no longer pass its own schema at the next unlock.
 */
export const leaveOutUndefined = <T extends object>(changes: T): T =>
  Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as T;

export const Id = Text().regex(/^[0-9a-f]{32}$/, { error: (issue) => `${fieldLabel(issue.path ?? [])} must be 32 lowercase hexadecimal characters.` });

export const Name = Text('Name')
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Names are at most 100 characters.')
  .refine((s) => !NAME_FORBIDDEN.test(s), 'Names cannot contain control characters (line breaks, tabs, text-direction overrides).')
  .refine(hasVisibleCharacter, 'Enter a name with at least one visible letter, digit or symbol: blank and invisible characters alone do not count.');

export const Description = Text('Description')
  .trim()
  .max(1000, 'Descriptions are at most 1,000 characters.')
  .refine((s) => !DESCRIPTION_FORBIDDEN.test(s), 'Descriptions cannot contain control characters or text-direction overrides; line breaks and tabs are fine.');

export const AuthMethod = z.enum(['ipv4', 'mac', 'certificate']);
export type AuthMethod = z.infer<typeof AuthMethod>;
export const AuthMethodLabels: Record<AuthMethod, string> = { ipv4: 'IPv4', mac: 'MAC', certificate: 'Certificate' };

/**
 * How the Key API combines a key store's methods: every one of them (the default, as the cloud product always did)
 * or any one of them (the choice the cloud product added in 2026).
 */
export const AuthMode = z.enum(['all', 'any']);
export type AuthMode = z.infer<typeof AuthMode>;
export const AuthModeLabels: Record<AuthMode, string> = { all: 'All of the methods', any: 'Any one of the methods' };

export const AuthMethods = z
  .array(AuthMethod)
  .min(1, 'Choose at least one authentication method.')
  .transform((methods) => AuthMethod.options.filter((m) => methods.includes(m)));

export const Username = Text('Username')
  .trim()
  .min(1, 'Enter a username.')
  .max(64, 'Usernames are at most 64 characters.')
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'Usernames use letters, digits and . _ @ - only.')
  .refine(hasVisibleCharacter, 'Usernames need at least one visible letter or digit.');

export const MIN_PASSPHRASE_LENGTH = 12;
export const Passphrase = Text()
  .min(MIN_PASSPHRASE_LENGTH, `Passphrases are at least ${MIN_PASSPHRASE_LENGTH} characters.`)
  .max(1024, 'Passphrases are at most 1,024 characters.');

export const CreateVaultInput = z
  .strictObject({
    username: Username,
    passphrase: Passphrase,
    confirmPassphrase: Text('Passphrase confirmation')
      .min(1, 'Type the passphrase again to confirm it.')
      .max(1024, 'Passphrases are at most 1,024 characters.'),
  })
  .refine((v) => v.passphrase === v.confirmPassphrase, {
    message: 'The passphrase and its confirmation do not match.',
    path: ['confirmPassphrase'],
  });

export const UnlockInput = z.strictObject({
  username: Text('Username').max(64, 'Wrong username or passphrase.'),
  passphrase: Text('Passphrase').max(1024, 'Wrong username or passphrase.'),
  /** An administrator opening a restored (older) copy of the vault on purpose. */
  acceptRollback: z.boolean({ error: 'Accept restored vault is yes or no.' }).optional(),
});

export const ChangePassphraseInput = z
  .strictObject({
    currentPassphrase: Text('Current passphrase').min(1, 'Enter your current passphrase.').max(1024, 'Passphrases are at most 1,024 characters.'),
    newPassphrase: Passphrase,
    confirmPassphrase: Text('Passphrase confirmation')
      .min(1, 'Type the passphrase again to confirm it.')
      .max(1024, 'Passphrases are at most 1,024 characters.'),
  })
  .refine((v) => v.newPassphrase === v.confirmPassphrase, { message: 'The new passphrase and its confirmation do not match.', path: ['confirmPassphrase'] })
  .refine((v) => v.newPassphrase !== v.currentPassphrase, { message: 'The new passphrase must differ from the current one.', path: ['newPassphrase'] });

// ---- Key API (main/core/api) ----

/** A host name for the Key API's server certificate (DNS name, RFC 1123 labels; no wildcards). */
export const HostName = Text('Host name')
  .trim()
  .toLowerCase()
  .max(253, 'Host names are at most 253 characters.')
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
    'Host names use letters, digits, hyphens and dots, as in kms.example.internal.',
  );

/** The address the Key API listens on: an IPv4 address (127.0.0.1 by default; 0.0.0.0 for every interface). */
export const ListenAddress = Text('Listen address')
  .trim()
  .refine((s) => {
    const parsed = parseIpv4(s);
    return parsed.ok && parsed.value.prefix === 32;
  }, 'The listen address is an IPv4 address such as 127.0.0.1 (0.0.0.0 listens on every interface).');

export const KeyApiConfig = z.strictObject({
  listen: ListenAddress,
  port: z
    .number({ error: 'Port must be a whole number from 1 to 65535.' })
    .int('Port must be a whole number from 1 to 65535.')
    .min(1, 'Port must be a whole number from 1 to 65535.')
    .max(65535, 'Port must be a whole number from 1 to 65535.'),
  hostNames: z.array(HostName).max(20, 'At most 20 host names.'),
});
export type KeyApiConfig = z.infer<typeof KeyApiConfig>;
export const KEY_API_DEFAULTS: KeyApiConfig = { listen: '127.0.0.1', port: 8443, hostNames: [] };

export const KeyApiStatus = z.object({
  serving: z.boolean(),
  /** Base URL with the app key: https://HOST:PORT/keymanager/v1.0/appkey/<APPKEY>/ */
  url: z.string().nullable(),
  listen: z.string().nullable(),
  port: z.number().int().nullable(),
  hostNames: z.array(z.string()),
  since: z.string().nullable(),
  requests: z.number().int(),
  failures: z.number().int(),
  /** SHA-256 fingerprint of the vault's API CA certificate (null until it is first needed). */
  caFingerprint: z.string().nullable(),
});
export type KeyApiStatus = z.infer<typeof KeyApiStatus>;

export const AUTO_LOCK_DEFAULT_MINUTES = 5;
export const Settings = z.strictObject({
  autoLockMinutes: z
    .number({ error: 'Auto-lock must be a whole number of minutes.' })
    .int('Auto-lock is a whole number of minutes.')
    .min(1, 'Auto-lock is at least 1 minute.')
    .max(1440, 'Auto-lock is at most 1,440 minutes (one day).'),
  /** The Key API's last-used listen address, port and host names (Settings -> Key API fills its form with them). */
  keyApi: KeyApiConfig.optional(),
});
export type Settings = z.infer<typeof Settings>;

/**
 * Preferences of this computer's console, not of a member: they apply before anyone signs in (the Unlock screen's
 * language and theme), so they are 'open' channels and never hold anything secret. Kept in settings.json.
 */
export const ThemeChoice = z.enum(['system', 'light', 'dark'], { error: 'Theme must be "system", "light" or "dark".' });
export type ThemeChoice = z.infer<typeof ThemeChoice>;
export const LanguageChoice = z.enum(['system', 'en', 'ko'], { error: 'Language must be "system", "en" or "ko".' });
export type LanguageChoice = z.infer<typeof LanguageChoice>;
export const Preferences = z.object({
  theme: ThemeChoice,
  language: LanguageChoice,
  /** Keep the last username in settings.json (plain text) so the Unlock form is filled in after a restart too. */
  rememberUsername: z.boolean(),
  /** The member who signed in last; set by main at unlock, never by the renderer. */
  lastUsername: z.string().optional(),
});
export type Preferences = z.infer<typeof Preferences>;
export const PREFERENCE_DEFAULTS: Preferences = { theme: 'system', language: 'system', rememberUsername: false };
export const UpdatePreferencesInput = z
  .strictObject({
    theme: ThemeChoice.optional(),
    language: LanguageChoice.optional(),
    rememberUsername: z.boolean({ error: 'Remember username is yes or no.' }).optional(),
  })
  .transform(leaveOutUndefined);

export const VaultState = z.enum(['new', 'locked', 'unlocked', 'unreadable']);
export const VaultStatus = z.object({
  state: VaultState,
  username: z.string().optional(),
  /** For 'unreadable': what is wrong with the file (never its contents). */
  message: z.string().optional(),
  /** For 'locked': the Key API still serves (the data key stays in main until Stop Key API or quit). */
  keyApi: z.object({ url: z.string(), since: z.string() }).optional(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

// ---- members and roles ----

/** What a member may do in the vault (see shared/permissions.ts): ADMIN ⊃ MEMBER ⊃ VIEWER. */
export const BaseRole = z.enum(['ADMIN', 'MEMBER', 'VIEWER']);
export type BaseRole = z.infer<typeof BaseRole>;
/** Granted on top of a base role: APPROVAL_MEMBER requests approvals, APPROVAL_ADMIN approves them. */
export const ApprovalRole = z.enum(['APPROVAL_ADMIN', 'APPROVAL_MEMBER']);
export type ApprovalRole = z.infer<typeof ApprovalRole>;
/** A set of approval roles, each at most once, in a fixed order (so equal sets compare equal). */
export const ApprovalRoles = z.array(ApprovalRole).transform((roles) => ApprovalRole.options.filter((r) => roles.includes(r)));

export const MemberView = z.object({
  id: Id,
  username: z.string(),
  role: BaseRole,
  approvalRoles: z.array(ApprovalRole),
  createdAt: z.string(),
  lastUnlockAt: z.string().nullable(),
});
export type MemberView = z.infer<typeof MemberView>;

export const AddMemberInput = z
  .strictObject({
    username: Username,
    passphrase: Passphrase,
    confirmPassphrase: Text('Passphrase confirmation')
      .min(1, 'Type the passphrase again to confirm it.')
      .max(1024, 'Passphrases are at most 1,024 characters.'),
    role: BaseRole,
    approvalRoles: ApprovalRoles.default([]),
  })
  .refine((v) => v.passphrase === v.confirmPassphrase, {
    message: 'The passphrase and its confirmation do not match.',
    path: ['confirmPassphrase'],
  });

export const UpdateMemberRolesInput = z.strictObject({ memberId: Id, role: BaseRole, approvalRoles: ApprovalRoles });

export const RemoveMemberInput = z.strictObject({
  memberId: Id,
  /** The member's username typed again, as for Immediately Delete. */
  confirmUsername: Text('Username confirmation').max(64, 'Usernames are at most 64 characters.'),
});

export const VaultInfo = z.object({
  appKey: Id,
  username: z.string(),
  memberId: Id,
  role: BaseRole,
  approvalRoles: z.array(ApprovalRole),
  createdAt: z.string(),
  dataDir: z.string(),
  /** Opened read-only because the data folder cannot be written: changes are refused with words. */
  readOnly: z.boolean(),
  /** Deletions a forward clock jump is holding until an administrator confirms them (null when none). */
  heldDeletions: z.object({ since: z.string(), count: z.number().int() }).nullable(),
});
export type VaultInfo = z.infer<typeof VaultInfo>;

// ---- the deletion lifecycle (key stores, keys, authentication information) ----

export const LifecycleStatus = z.enum(['in-service', 'scheduled-for-deletion']);
export type LifecycleStatus = z.infer<typeof LifecycleStatus>;
export const LifecycleStatusLabels: Record<LifecycleStatus, string> = {
  'in-service': 'In Service',
  'scheduled-for-deletion': 'Scheduled to be Deleted',
};
export const DELETION_WAIT_DAYS = 7;

export const KeyStoreView = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  authMethods: z.array(AuthMethod),
  authMode: AuthMode,
  keyCount: z.number().int(),
  /** In Service, or Scheduled to be Deleted (with its keys and authentication information) on `deletionDate`. */
  status: LifecycleStatus,
  deletionDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KeyStoreView = z.infer<typeof KeyStoreView>;

export const CreateKeyStoreInput = z.strictObject({
  name: Name,
  description: Description.default(''),
  authMethods: AuthMethods,
  authMode: AuthMode.default('all'),
});
export const UpdateKeyStoreInput = z
  .strictObject({
    id: Id,
    name: Name.optional(),
    description: Description.optional(),
    authMethods: AuthMethods.optional(),
    authMode: AuthMode.optional(),
  })
  .transform(leaveOutUndefined);

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

export const MIN_ROTATION_DAYS = 30;
export const MAX_ROTATION_DAYS = 3650;
/** 0 = no automatic rotation; otherwise 30–3650 days. */
export const RotationCycle = z
  .number({ error: 'Rotation cycle must be a whole number of days.' })
  .int('Rotation cycle must be a whole number of days.')
  .min(0, 'The rotation cycle cannot be negative. Use 0 for no automatic rotation.')
  .max(MAX_ROTATION_DAYS, `The rotation cycle is at most ${MAX_ROTATION_DAYS} days.`)
  .refine((d) => d === 0 || d >= MIN_ROTATION_DAYS, `The minimum rotation cycle is ${MIN_ROTATION_DAYS} days (or 0 for no automatic rotation).`);

export const MAX_CONFIDENTIAL_BYTES = 32 * 1024;
export const ConfidentialText = Text('Data')
  .min(1, 'Enter the data to keep.')
  // Cheap bound first: every UTF-16 unit is at least one UTF-8 byte.
  .max(MAX_CONFIDENTIAL_BYTES, 'Data is at most 32 KB.')
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
  /** Allow export: the Key API may hand out this key's material (symmetric-key, privateKey). Off by default. */
  allowExport: z.boolean(),
  /** Key API calls made with this key, and the last one (counted in batches; see main/core/api/usage.ts). */
  apiCalls: z.number().int(),
  lastApiCallAt: z.string().nullable(),
});
export type KeyView = z.infer<typeof KeyView>;

const keyBase = { keyStoreId: Id, name: Name, description: Description.default('') };
export const CreateKeyInput = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('confidential'), ...keyBase, data: ConfidentialText }),
    z.strictObject({ type: z.literal('symmetric'), ...keyBase, rotationCycleDays: RotationCycle.default(0) }),
    z.strictObject({
      type: z.literal('asymmetric'),
      ...keyBase,
      rotationCycleDays: RotationCycle.default(0),
      algorithm: AsymmetricAlgorithm.default('RSA-2048'),
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'Key type must be confidential, symmetric or asymmetric.' : undefined) },
);
export type CreateKeyInput = z.output<typeof CreateKeyInput>;

export const ImportKeyInput = z.strictObject({
  ...keyBase,
  keyData: Text('Key data').max(2000, 'Key data is 32 bytes written as 0xXX: far shorter than this.'),
});
export const KeyRef = z.strictObject({ keyId: Id });
export const UpdateKeyInput = z
  .strictObject({
    keyId: Id,
    description: Description.optional(),
    rotationCycleDays: RotationCycle.optional(),
    allowExport: z.boolean({ error: 'Allow export is on or off (true or false).' }).optional(),
  })
  .transform(leaveOutUndefined);
const ConfirmName = Text('Confirmation name').max(200, 'Confirmation name is at most 200 characters.');
export const DeleteNowInput = z.strictObject({ keyId: Id, confirmName: ConfirmName });
/** A key store's Request for Deletion and Cancel Deletion; Immediately Delete also takes its name, typed to confirm. */
export const KeyStoreRef = z.strictObject({ id: Id });
export const KeyStoreDeleteNowInput = z.strictObject({ id: Id, confirmName: ConfirmName });

/** Text typed in the console or a file's bytes (base64). */
export const Payload = z
  .strictObject({
    data: Text('Data').max(8 * 1024 * 1024, 'Inputs are at most 6 MB.'),
    encoding: z.enum(['utf8', 'base64']).default('utf8'),
  })
  .refine((p) => p.encoding !== 'base64' || /^[A-Za-z0-9+/]*={0,2}$/.test(p.data), { message: 'The file could not be read as base64.', path: ['data'] });
export const SignatureScheme = z.enum(['pss', 'pkcs1']);
export const EncryptInput = z.strictObject({ keyId: Id, payload: Payload });
export const DecryptInput = z.strictObject({
  keyId: Id,
  ciphertext: Text('Ciphertext')
    .trim()
    .min(1, 'Paste a ciphertext.')
    .max(12 * 1024 * 1024, 'Ciphertexts are at most 12 MB.'),
});
export const SignInput = z.strictObject({ keyId: Id, payload: Payload, scheme: SignatureScheme.default('pss') });
export const VerifyInput = z.strictObject({
  keyId: Id,
  payload: Payload,
  signature: Text('Signature').trim().min(1, 'Paste a signature.').max(4096, 'Signatures are at most 4,096 characters.'),
  scheme: SignatureScheme.default('pss'),
});

export const DecryptOutput = z.object({ data: z.string(), text: z.string().nullable(), version: z.number().int() });
export const SignatureOutput = z.object({ signature: z.string(), version: z.number().int() });
export const CiphertextOutput = z.object({ ciphertext: z.string(), version: z.number().int() });

// ---- authentication information ----

export const AuthKind = z.enum(['ipv4', 'mac', 'certificate']);
export type AuthKind = z.infer<typeof AuthKind>;

const withParser = <T>(label: string, parse: (s: string) => Parsed<T>) =>
  Text(label)
    .max(100, `${label}es are at most 100 characters.`)
    .transform((s, ctx): T => {
      const parsed = parse(s);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      return parsed.value;
    });

export const AddIpv4Input = z.strictObject({ keyStoreId: Id, address: withParser('IPv4 address', parseIpv4), description: Description.default('') });
export const AddMacInput = z.strictObject({ keyStoreId: Id, address: withParser('MAC address', parseMac), description: Description.default('') });

export const MAX_CERTIFICATE_YEARS = 10;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
/**
 * A calendar day written YYYY-MM-DD, checked field by field: Date.parse would quietly roll 2026-02-30 over to
 * March 2 and accept year 0000, which X.509 cannot encode. `label` names the field in the message.
 */
const IsoDay = (label: string) =>
  z.string().superRefine((day, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
    if (!parts) return fail(day.trim() === '' ? `${label}: enter a date.` : `${label}: write the date as YYYY-MM-DD, for example 2027-01-31.`);
    const [year, month, date] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (year === 0) return fail(`${label}: there is no year 0000.`);
    if (month < 1 || month > 12) return fail(`${label}: there is no month ${parts[2]}; months are 01 to 12.`);
    const days = daysInMonth(year, month);
    if (date < 1 || date > days) return fail(`${label}: ${day} does not exist; ${MONTH_NAMES[month - 1]} ${year} has ${days} days.`);
  });
/** Usage period in whole days (UTC): valid from the start of the first day to the end of the last. */
export const periodStart = (day: string): Date => new Date(`${day}T00:00:00Z`);
export const periodEnd = (day: string): Date => new Date(`${day}T23:59:59Z`);

/** A .p12 travels and is attacked offline, so its password gets the same minimum as a vault passphrase. */
export const MIN_CERTIFICATE_PASSWORD_LENGTH = MIN_PASSPHRASE_LENGTH;
export const AddCertificateInput = z
  .strictObject({
    keyStoreId: Id,
    name: Name,
    description: Description.default(''),
    password: Text('Password')
      .min(MIN_CERTIFICATE_PASSWORD_LENGTH, `Certificate passwords are at least ${MIN_CERTIFICATE_PASSWORD_LENGTH} characters.`)
      .max(1024, 'Certificate passwords are at most 1,024 characters.'),
    confirmPassword: Text('Password confirmation')
      .min(1, 'Type the password again to confirm it.')
      .max(1024, 'Certificate passwords are at most 1,024 characters.'),
    validFrom: IsoDay('Valid from'),
    validTo: IsoDay('Valid to'),
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
export const AuthDeleteNowInput = z.strictObject({ id: Id, confirmName: ConfirmName });

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
  // `name`: the file name the browser host's preload hands the renderer with a blob: URL.
  z.object({ status: z.literal('download'), url: z.string(), name: z.string().optional() }),
]);
export type SaveResult = z.infer<typeof SaveResult>;
