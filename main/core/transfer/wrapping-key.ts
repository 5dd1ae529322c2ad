import { generateKeyPair } from 'node:crypto';
import { VAULT_WRAPPING_KEY_BITS, type WrappingKeyView } from '../../../shared/transfer';
import type { Clock } from '../clock';
import type { VaultDocument } from '../vault/document';
import type { Vault } from '../vault/vault';
import { signingKeyFingerprint as spkiFingerprint } from '../audit/audit-log';

export type WrappingKeyRecord = NonNullable<VaultDocument['wrappingKey']>;

/** RSA-4096 takes seconds: made in libuv's thread pool, so main's event loop keeps serving meanwhile. */
function newRsa4096(): Promise<{ publicKeyPem: string; privateKeyPem: string }> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: VAULT_WRAPPING_KEY_BITS,
        publicExponent: 0x10001,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      },
      (err, publicKeyPem, privateKeyPem) => (err ? reject(err) : resolve({ publicKeyPem, privateKeyPem })),
    );
  });
}

/** What may be shown of the wrapping key: its public half and fingerprint, never the private half. */
export const wrappingKeyView = (record: WrappingKeyRecord, created: boolean): WrappingKeyView => ({
  publicKeyPem: record.publicKeyPem,
  fingerprint: record.fingerprint,
  bits: VAULT_WRAPPING_KEY_BITS,
  createdAt: record.createdAt,
  created,
});

/** The vault's wrapping key, made (and saved durably) on first need. */
export async function ensureWrappingKey(vault: Vault, clock: Clock): Promise<{ record: WrappingKeyRecord; created: boolean }> {
  const existing = vault.data.wrappingKey;
  if (existing) return { record: existing, created: false };
  const pair = await newRsa4096();
  let created = false;
  const record = await vault.update((draft) => {
    // Another call may have made one meanwhile: keep the first, since blobs may already be wrapped for it.
    if (!draft.wrappingKey) {
      draft.wrappingKey = { ...pair, fingerprint: spkiFingerprint(pair.publicKeyPem), createdAt: clock.now().toISOString() };
      created = true;
    }
    return draft.wrappingKey;
  });
  return { record, created };
}
