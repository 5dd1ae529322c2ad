import { DestinationRules, type Destination } from '../../../shared/transfer';
import type { WrappableAlgorithm } from './key-material';
import type { OaepHash } from './rsa-aes-wrap';

/** What an import command is written from: nothing secret (names, sizes, the wrapping key's fingerprint). */
export interface CommandContext {
  keyName: string;
  version: number;
  algorithm: WrappableAlgorithm;
  fileName: string;
  /** The destination's wrapping key: its size and SHA-256 fingerprint. */
  bits: number;
  fingerprint: string;
  azureKekId?: string | undefined;
}

/**
 * One entry per destination, as data: the OAEP hash, how the blob is written to its file, the destination's name for
 * each key algorithm, and the import command. Which algorithms and wrapping key sizes a destination takes is in
 * shared/transfer.ts (DestinationRules), where the renderer reads it too.
 */
export interface DestinationFormat {
  oaepHash: OaepHash;
  extension: string;
  mime: string;
  /** The file's bytes, from the CKM_RSA_AES_KEY_WRAP blob. */
  file: (blob: Buffer, ctx: CommandContext) => Buffer;
  /** The destination's name for the key type (transit's type=, AWS's KeySpec, gcloud's --algorithm, az's --kty). */
  names: Partial<Record<WrappableAlgorithm, string>>;
  command: (ctx: CommandContext, name: string) => string[];
}

const RSA_BITS = ['RSA-2048', 'RSA-3072', 'RSA-4096'] as const;
const perRsa = (name: (bits: string) => string) => Object.fromEntries(RSA_BITS.map((a) => [a, name(a.slice(4))])) as Record<(typeof RSA_BITS)[number], string>;

const header = (label: string, ctx: CommandContext): string[] => [
  `# Secure Key Manager Desktop: import "${ctx.keyName}" (version ${ctx.version}, ${ctx.algorithm}) into ${label}.`,
  `# ${ctx.fileName} is wrapped for the destination's RSA-${ctx.bits} wrapping key with SHA-256 fingerprint`,
  `#   ${ctx.fingerprint}`,
  '# Compare it with the fingerprint of the key you fetched, before you import:',
  '#   openssl pkey -pubin -in <WRAPPING_KEY_PEM> -outform DER | openssl dgst -sha256 -c',
  '# Fill in the <PLACEHOLDERS>; nothing else needs changing.',
  '',
];

/** Azure's vault (or Managed HSM) name, read from the key exchange key's id when it has the usual form. */
const azureHost = (kid: string | undefined): { flag: '--vault-name' | '--hsm-name'; name: string } | null => {
  const host = /^https:\/\/([A-Za-z0-9-]+)\.(vault|managedhsm)\.azure\.net\//.exec(kid ?? '');
  return host ? { flag: host[2] === 'vault' ? '--vault-name' : '--hsm-name', name: host[1]! } : null;
};

export const DestinationFormats: Readonly<Record<Destination, DestinationFormat>> = {
  'vault-transit': {
    oaepHash: 'sha256',
    extension: 'transit.b64',
    mime: 'text/plain',
    // transit's `ciphertext` is the blob in standard base64, with no line break (the CLI's @file passes the file as it is).
    file: (blob) => Buffer.from(blob.toString('base64'), 'ascii'),
    names: { 'AES-256-GCM': 'aes256-gcm96', ...perRsa((b) => `rsa-${b}`), 'ECDSA-P256': 'ecdsa-p256', 'ECDSA-P384': 'ecdsa-p384', Ed25519: 'ed25519' },
    command: (ctx, type) => [
      ...header(DestinationRules['vault-transit'].label, ctx),
      '# The wrapping key this file is for: vault read -field=public_key <MOUNT>/wrapping_key',
      `vault write <MOUNT>/keys/<TRANSIT_KEY_NAME>/import ciphertext=@${ctx.fileName} hash_function=SHA256 type=${type}`,
      '',
      '# OpenBao:',
      `# bao write <MOUNT>/keys/<TRANSIT_KEY_NAME>/import ciphertext=@${ctx.fileName} hash_function=SHA256 type=${type}`,
      '# <MOUNT> is the transit mount (usually "transit"). Add exportable=true or allow_rotation=true only if you mean it.',
    ],
  },
  'aws-kms': {
    oaepHash: 'sha256',
    extension: 'bin',
    mime: 'application/octet-stream',
    file: (blob) => blob,
    names: { 'AES-256-GCM': 'SYMMETRIC_DEFAULT', ...perRsa((b) => `RSA_${b}`), 'ECDSA-P256': 'ECC_NIST_P256', 'ECDSA-P384': 'ECC_NIST_P384' },
    command: (ctx, spec) => [
      ...header(DestinationRules['aws-kms'].label, ctx),
      '# Before (once): a KMS key without key material, and the wrapping key and import token for it:',
      `#   aws kms create-key --origin EXTERNAL --key-spec ${spec} --key-usage ${spec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : 'SIGN_VERIFY'}`,
      `#   aws kms get-parameters-for-import --key-id <KEY_ID> --wrapping-algorithm RSA_AES_KEY_WRAP_SHA_256 --wrapping-key-spec RSA_${ctx.bits}`,
      '#   (PublicKey is the wrapping key this file is for; keep ImportToken, decoded from base64, as <IMPORT_TOKEN_FILE>.)',
      `aws kms import-key-material --key-id <KEY_ID> --encrypted-key-material fileb://${ctx.fileName} --import-token fileb://<IMPORT_TOKEN_FILE> --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE`,
      '# The import token and wrapping key are valid for 24 hours: after that, fetch new ones and export again.',
    ],
  },
  'gcp-kms': {
    oaepHash: 'sha256',
    extension: 'bin',
    mime: 'application/octet-stream',
    file: (blob) => blob,
    names: {
      'AES-256-GCM': 'google-symmetric-encryption',
      ...perRsa((b) => `rsa-sign-pss-${b}-sha256`),
      'ECDSA-P256': 'ec-sign-p256-sha256',
      'ECDSA-P384': 'ec-sign-p384-sha384',
      Ed25519: 'ec-sign-ed25519',
    },
    command: (ctx, algorithm) => [
      ...header(DestinationRules['gcp-kms'].label, ctx),
      '# Before (once): an import job, and a key that only takes imported versions:',
      `#   gcloud kms import-jobs create <IMPORT_JOB> --location <LOCATION> --keyring <KEY_RING> --import-method rsa-oaep-${ctx.bits}-sha256-aes-256 --protection-level hsm`,
      '#   gcloud kms import-jobs describe <IMPORT_JOB> --location <LOCATION> --keyring <KEY_RING> --format="value(publicKey.pem)"   (the wrapping key this file is for)',
      `#   gcloud kms keys create <KEY> --location <LOCATION> --keyring <KEY_RING> --purpose ${ctx.algorithm === 'AES-256-GCM' ? 'encryption' : 'asymmetric-signing'} --default-algorithm ${algorithm} --skip-initial-version-creation --import-only`,
      `gcloud kms keys versions import --import-job <IMPORT_JOB> --location <LOCATION> --keyring <KEY_RING> --key <KEY> --algorithm ${algorithm} --wrapped-key-file ${ctx.fileName}`,
      ...(ctx.algorithm.startsWith('RSA-') ? [`# For PKCS#1 v1.5 signatures instead of PSS: --algorithm rsa-sign-pkcs1-${ctx.algorithm.slice(4)}-sha256`] : []),
    ],
  },
  'azure-key-vault': {
    // Microsoft's BYOK specification wraps the ephemeral AES key with RSA-OAEP using SHA-1.
    oaepHash: 'sha1',
    extension: 'byok',
    mime: 'application/json',
    file: (blob, ctx) =>
      Buffer.from(
        `${JSON.stringify(
          {
            schema_version: '1.0.0',
            header: { kid: ctx.azureKekId, alg: 'dir', enc: 'CKM_RSA_AES_KEY_WRAP' },
            ciphertext: blob.toString('base64url'),
            generator: 'Secure Key Manager Desktop; software key store (node:crypto / OpenSSL)',
          },
          null,
          2,
        )}\n`,
        'utf8',
      ),
    names: {
      'AES-256-GCM': '--kty oct-HSM',
      ...perRsa(() => '--kty RSA-HSM'),
      'ECDSA-P256': '--kty EC-HSM --curve-name P-256',
      'ECDSA-P384': '--kty EC-HSM --curve-name P-384',
    },
    command: (ctx, kty) => {
      const aes = ctx.algorithm === 'AES-256-GCM';
      const where = azureHost(ctx.azureKekId);
      const target = aes
        ? `--hsm-name ${where?.flag === '--hsm-name' ? where.name : '<MANAGED_HSM_NAME>'}`
        : `${where?.flag ?? '--vault-name'} ${where?.name ?? '<VAULT_NAME>'}`;
      return [
        ...header(DestinationRules['azure-key-vault'].label, ctx),
        `# Wrapped for the key exchange key ${ctx.azureKekId ?? '<KEK_ID>'}`,
        '# Before (once): az keyvault key create --kty RSA-HSM --size 4096 --name <KEK_NAME> --ops import --vault-name <VAULT_NAME>',
        '#   az keyvault key download --name <KEK_NAME> --vault-name <VAULT_NAME> --file KEK.publickey.pem   (the wrapping key this file is for)',
        ...(aes ? ['# AES keys go into a Managed HSM only (Key Vault itself takes RSA and EC keys).'] : []),
        `az keyvault key import ${target} --name <KEY_NAME> --byok-file ${ctx.fileName} ${kty} --ops ${aes ? 'encrypt decrypt wrapKey unwrapKey' : 'sign verify'}`,
      ];
    },
  },
  generic: {
    oaepHash: 'sha256',
    extension: 'bin',
    mime: 'application/octet-stream',
    file: (blob) => blob,
    names: {
      'AES-256-GCM': 'AES-256, the raw 32 bytes',
      ...perRsa((b) => `RSA ${b}, PKCS#8 DER`),
      'ECDSA-P256': 'EC P-256, PKCS#8 DER',
      'ECDSA-P384': 'EC P-384, PKCS#8 DER',
      Ed25519: 'Ed25519, PKCS#8 DER',
    },
    command: (ctx, what) => [
      ...header(DestinationRules.generic.label, ctx),
      '# The file is PKCS#11 CKM_RSA_AES_KEY_WRAP, as HSMs and KMSs import it (CKM_RSA_AES_KEY_WRAP with CKM_RSA_PKCS_OAEP):',
      `#   bytes 1-${ctx.bits / 8}: a fresh AES-256 key wrapped with RSA-OAEP (SHA-256, MGF1 with SHA-256, empty label);`,
      `#   the rest: the key (${what}) wrapped with that AES key by AES Key Wrap with Padding (RFC 5649).`,
      '# Where you hold the wrapping private key, openssl 3 unwraps it as a check (wipe the files after):',
      `head -c ${ctx.bits / 8} ${ctx.fileName} | openssl pkeyutl -decrypt -inkey <WRAPPING_PRIVATE_KEY_PEM> -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256 -out ephemeral.key`,
      `tail -c +${ctx.bits / 8 + 1} ${ctx.fileName} | openssl enc -d -id-aes256-wrap-pad -K "$(xxd -p -c 64 ephemeral.key)" -iv A65959A6 -out key.bin`,
    ],
  },
};
