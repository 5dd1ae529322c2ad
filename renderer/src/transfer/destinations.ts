import { Destination, DestinationRules } from '../../../shared/transfer';
import type { KeyAlgorithm } from '../../../shared/domain';
import { t } from '../i18n';

/** What each destination's file is and where its wrapping key comes from (English words; shown through t()). */
const FILE_WORDS: Record<Destination, string> = {
  'vault-transit': 'Base64 text for transit’s import endpoint (ciphertext=@FILE). The wrapping key is transit’s own: vault read transit/wrapping_key.',
  'aws-kms': 'Raw bytes for ImportKeyMaterial (RSA_AES_KEY_WRAP_SHA_256). The wrapping key is the PublicKey that GetParametersForImport answers with.',
  'gcp-kms': 'Raw bytes for an import job (RSA_OAEP_…_SHA256_AES_256). The wrapping key is the import job’s public key.',
  'azure-key-vault': 'A .byok file for az keyvault key import. The wrapping key is the public half of your key exchange key (KEK).',
  generic: 'The raw blob (RSA-OAEP SHA-256, then AES key wrap with padding), for any HSM or KMS that takes CKM_RSA_AES_KEY_WRAP.',
};

/** The destinations in the order the select lists them. */
export const DESTINATIONS: readonly Destination[] = Destination.options;

export const destinationLabel = (d: Destination): string => t(DestinationRules[d].label);

/** The destination's words: its file, its wrapping key and the sizes that key may have. */
export function destinationWords(d: Destination): string {
  return `${t(FILE_WORDS[d])} ${t('Wrapping key sizes: RSA {{bits}}.', { bits: DestinationRules[d].wrappingKeyBits.join(', ') })}`;
}

/** Why `d` cannot take a key of `algorithm`, in words; null when it can. */
export function refusalFor(d: Destination, algorithm: KeyAlgorithm): string | null {
  const rule = DestinationRules[d];
  if (rule.algorithms.includes(algorithm)) return null;
  return rule.refused ? t(rule.refused) : t('{{destination}} does not take {{algorithm}} keys.', { destination: t(rule.label), algorithm });
}
