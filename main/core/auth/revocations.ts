import { DELETION_WAIT_DAYS } from '../../../shared/domain';
import type { AuthEntryRecord, VaultDocument } from '../vault/document';
import { editable } from '../vault/draft';
import type { Revocation } from './crl';

/**
 * Which certificates a key store's CRL lists: those Scheduled to be Deleted (read from the entries) and those
 * already deleted (remembered on the CA record, because the entry itself is gone).
 */
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a CRL is valid; expired certificates stay listed at least this long (RFC 5280 5.1.2.6). */
export const CRL_VALIDITY_DAYS = 7;

/** A certificate stops being trusted at its Request for Deletion, which was 7 days before its deletion date. */
function revokedAt(entry: AuthEntryRecord): Date {
  const deletion = entry.lifecycle.deletionDate;
  return deletion === null ? new Date(entry.updatedAt) : new Date(Date.parse(deletion) - DELETION_WAIT_DAYS * DAY_MS);
}

/**
 * Called inside the update that deletes `removed`, so the entry and its serial never disappear separately.
 * Serials of certificates expired for longer than a CRL's validity are dropped meanwhile: the list stays small.
 */
export function rememberRevoked(doc: VaultDocument, removed: readonly AuthEntryRecord[], now: Date): void {
  const forgetBefore = now.getTime() - CRL_VALIDITY_DAYS * DAY_MS;
  for (const entry of removed) {
    if (!entry.certificate) continue;
    const store = doc.keyStores.find((s) => s.id === entry.keyStoreId);
    if (!store?.ca) continue;
    const ca = editable(doc.keyStores, store).ca!;
    ca.revoked = [
      ...ca.revoked.filter((r) => Date.parse(r.validTo) >= forgetBefore && r.serial !== entry.certificate!.serial),
      { serial: entry.certificate.serial, revokedAt: revokedAt(entry).toISOString(), reason: 'cessationOfOperation', validTo: entry.certificate.validTo },
    ];
  }
}

export function revocationsOf(doc: Readonly<VaultDocument>, keyStoreId: string): Revocation[] {
  const ca = doc.keyStores.find((s) => s.id === keyStoreId)?.ca;
  const scheduled = doc.authEntries
    .filter((e) => e.keyStoreId === keyStoreId && e.certificate && e.lifecycle.status === 'scheduled-for-deletion')
    .map((e): Revocation => ({ serial: e.certificate!.serial, revokedAt: revokedAt(e), reason: 'certificateHold' }));
  const deleted = (ca?.revoked ?? []).map((r): Revocation => ({ serial: r.serial, revokedAt: new Date(r.revokedAt), reason: r.reason }));
  return [...scheduled, ...deleted];
}
