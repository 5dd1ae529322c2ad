import { z } from 'zod';
import { AsymmetricAlgorithm, Id, ImportKeyInput as KeyDataImportInput, SaveResult, Text, fieldLabel, type KeyAlgorithm } from './domain';

/**
 * Key transfer (issue 13): keys wrapped for another KMS, and wrapped keys brought back in, with PKCS#11's
 * CKM_RSA_AES_KEY_WRAP: an ephemeral AES-256 key wraps the key with AES Key Wrap with Padding (RFC 5649), and the
 * ephemeral key is wrapped with the receiver's RSA public key by RSA-OAEP. Nothing here carries key material in the
 * clear: a wrapped blob is useless without the receiver's private key.
 */

export const Destination = z.enum(['vault-transit', 'aws-kms', 'gcp-kms', 'azure-key-vault', 'generic']);
export type Destination = z.infer<typeof Destination>;

/** What an export may be wrapped for, and the rules the renderer shows before anything is sent (main enforces them). */
export interface DestinationRule {
  label: string;
  /** RSA sizes of the destination's public wrapping key. */
  wrappingKeyBits: readonly number[];
  /** Key algorithms the destination imports; for the others, `refused` says why in words. */
  algorithms: readonly KeyAlgorithm[];
  refused: string;
  /** Azure's .byok file names the key exchange key it was wrapped for. */
  needsKekId: boolean;
}

const EVERY: readonly KeyAlgorithm[] = ['AES-256-GCM', 'RSA-2048', 'RSA-3072', 'RSA-4096', 'ECDSA-P256', 'ECDSA-P384', 'Ed25519'];

export const DestinationRules: Readonly<Record<Destination, DestinationRule>> = {
  'vault-transit': {
    label: 'Vault / OpenBao transit',
    // transit/wrapping_key is RSA-4096, and the import endpoint reads exactly its first 512 bytes as the wrapped AES key.
    wrappingKeyBits: [4096],
    algorithms: EVERY,
    refused: '',
    needsKekId: false,
  },
  'aws-kms': {
    label: 'AWS KMS',
    wrappingKeyBits: [2048, 3072, 4096],
    algorithms: ['AES-256-GCM', 'RSA-2048', 'RSA-3072', 'RSA-4096', 'ECDSA-P256', 'ECDSA-P384'],
    refused:
      'AWS KMS documents imported key material for symmetric, RSA and NIST elliptic-curve keys; it does not document importing Ed25519 (ECC_NIST_EDWARDS25519) key material, so this app does not offer it. Use Generic if your account accepts it.',
    needsKekId: false,
  },
  'gcp-kms': {
    label: 'Google Cloud KMS',
    // The import methods RSA_OAEP_3072_SHA256_AES_256 and RSA_OAEP_4096_SHA256_AES_256: import jobs have no 2048-bit key.
    wrappingKeyBits: [3072, 4096],
    algorithms: EVERY,
    refused: '',
    needsKekId: false,
  },
  'azure-key-vault': {
    label: 'Azure Key Vault',
    wrappingKeyBits: [2048, 3072, 4096],
    algorithms: ['AES-256-GCM', 'RSA-2048', 'RSA-3072', 'RSA-4096', 'ECDSA-P256', 'ECDSA-P384'],
    refused: 'Azure Key Vault imports RSA and EC keys (and AES keys into a Managed HSM); it has no Ed25519 keys.',
    needsKekId: true,
  },
  generic: {
    label: 'Generic (CKM_RSA_AES_KEY_WRAP)',
    wrappingKeyBits: [2048, 3072, 4096],
    algorithms: EVERY,
    refused: '',
    needsKekId: false,
  },
};

/** The vault's own wrapping key: RSA-4096, made on first need; its private half never leaves the vault. */
export const VAULT_WRAPPING_KEY_BITS = 4096;

/** A pasted public key: PEM (SPKI or PKCS#1) or the base64 DER that AWS's GetParametersForImport answers with. */
export const PublicKeyText = Text('Wrapping public key')
  .trim()
  .min(1, 'Paste the destination’s public wrapping key (PEM).')
  .max(16 * 1024, 'A public wrapping key is at most a few kilobytes; this is far longer.');

/** Azure's key exchange key, as `az keyvault key create` answers it: https://<vault>.vault.azure.net/keys/<name>/<version>. */
export const AzureKekId = Text('Key exchange key id')
  .trim()
  .max(500, 'Key exchange key ids are at most 500 characters.')
  .regex(
    /^https:\/\/[A-Za-z0-9.-]+\/keys\/[A-Za-z0-9-]+(\/[A-Za-z0-9]+)?$/,
    'Key exchange key id is the "kid" Azure shows for the key exchange key, for example https://contoso.vault.azure.net/keys/KEKforBYOK/0123456789abcdef0123456789abcdef.',
  );

const exportFields = {
  keyId: Id,
  /** The key version to wrap; the current one if left out. */
  version: z.number({ error: 'Version must be a whole number.' }).int('Version must be a whole number.').min(1, 'Versions start at 1.').optional(),
  destination: Destination,
  wrappingKeyPem: PublicKeyText,
  azureKekId: AzureKekId.optional(),
};
const kekIdFor = (v: { destination: Destination; azureKekId?: string | undefined }, ctx: z.RefinementCtx) => {
  if (DestinationRules[v.destination].needsKekId && !v.azureKekId) {
    ctx.addIssue({
      code: 'custom',
      path: ['azureKekId'],
      message: 'Enter the key exchange key id: Azure’s .byok file names the key it was wrapped for (az keyvault key create … --ops import shows it as "kid").',
    });
  }
};

/** Export wrapped: the blob file; transfer.downloadImportCommand takes the same input and saves the command text. */
export const ExportWrappedInput = z.strictObject(exportFields).superRefine(kekIdFor);
export type ExportWrappedInput = z.output<typeof ExportWrappedInput>;

export const InspectDestinationKeyInput = z.strictObject({ wrappingKeyPem: PublicKeyText, destination: Destination.optional() });

/** A destination's public wrapping key, as the export dialog shows it for the officers to compare aloud. */
export const DestinationKeyView = z.object({
  bits: z.number().int(),
  /** SHA-256 of the SubjectPublicKeyInfo DER, colon-separated hex (as the app shows every public key fingerprint). */
  fingerprint: z.string(),
  /** The destinations whose wrapping keys have this size. */
  destinations: z.array(Destination),
});
export type DestinationKeyView = z.infer<typeof DestinationKeyView>;

export const WrappingKeyView = z.object({
  publicKeyPem: z.string(),
  fingerprint: z.string(),
  bits: z.number().int(),
  createdAt: z.string(),
  /** This call made the key (the first need): the audit record says so. */
  created: z.boolean(),
});
export type WrappingKeyView = z.infer<typeof WrappingKeyView>;

export const ExportWrappedView = z.object({
  /** The blob file, through the host's save dialog (Electron) or a download (browser host). */
  saved: SaveResult,
  fileName: z.string(),
  destination: Destination,
  version: z.number().int(),
  wrappingKeyFingerprint: z.string(),
  /** The import command text (no secret in it), shown beside the Download of its file. */
  command: z.object({ fileName: z.string(), text: z.string() }),
});
export type ExportWrappedView = z.infer<typeof ExportWrappedView>;

// ---- import: Import Key's second form ----

/** A wrapped blob, the file's bytes in base64: RSA-OAEP part (512 bytes for the vault's RSA-4096 key) then the wrapped key. */
export const WrappedBlob = Text('Wrapped key file')
  .min(1, 'Choose the wrapped key file.')
  .max(64 * 1024, 'A wrapped key file is a few kilobytes; this is far longer.')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The wrapped key file could not be read as base64.');

export const WrappedAlgorithm = z.union([z.literal('AES-256-GCM'), AsymmetricAlgorithm], {
  error: (issue) => `${fieldLabel(issue.path ?? [])} must be "AES-256-GCM" or one of ${AsymmetricAlgorithm.options.map((a) => `"${a}"`).join(', ')}.`,
});

/** Wrapped key material: what the key is, and the blob wrapped for this vault's wrapping key (RSA-OAEP SHA-256). */
export const WrappedKeyMaterial = z.strictObject({ algorithm: WrappedAlgorithm, blob: WrappedBlob });
export type WrappedKeyMaterial = z.output<typeof WrappedKeyMaterial>;

/**
 * Import Key's two forms: Key Data (32 bytes typed as 0xXX) or Wrapped key material. One channel, keys.import, so a
 * wrapped import is staged, approved and recorded as every import is.
 */
export const ImportKeyInput = KeyDataImportInput.extend({
  keyData: KeyDataImportInput.shape.keyData.optional(),
  wrapped: WrappedKeyMaterial.optional(),
}).superRefine((v, ctx) => {
  if (v.keyData === undefined && v.wrapped === undefined) {
    ctx.addIssue({ code: 'custom', path: ['keyData'], message: 'Enter the key data (32 bytes written as 0xXX), or choose Wrapped key material.' });
  } else if (v.keyData !== undefined && v.wrapped !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['wrapped'], message: 'Give the key data or the wrapped key material, not both.' });
  }
});
