import { AuthEntryView, periodEnd, periodStart, type AuthKind, type SaveResult } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import { SkmError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { FileSaver } from '../files/file-saver';
import { safeFileName } from '../files/file-saver';
import { findKeyStore } from '../keystores/keystores';
import { assertImmediatelyDeletable, assertInService, cancelDeletion, inService, isDeletionDue, requestDeletion, type ItemKind } from '../lifecycle/lifecycle';
import { sameName } from '../names';
import type { AuthEntryRecord, KeyStoreRecord, VaultDocument } from '../vault/document';
import { newId, type Vault } from '../vault/vault';
import { editable } from '../vault/draft';
import { createKeyStoreCa, isExpired, issueClientCertificate } from './certificates';
import { buildPkcs12 } from './pkcs12';

const KINDS: Record<AuthKind, ItemKind> = {
  ipv4: { noun: 'IPv4 address', scheduledCode: 'AUTH_SCHEDULED_FOR_DELETION' },
  mac: { noun: 'MAC address', scheduledCode: 'AUTH_SCHEDULED_FOR_DELETION' },
  certificate: { noun: 'certificate', scheduledCode: 'AUTH_SCHEDULED_FOR_DELETION' },
};

function findEntry(doc: VaultDocument, id: string): AuthEntryRecord {
  const entry = doc.authEntries.find((e) => e.id === id);
  if (!entry) throw new SkmError('AUTH_ENTRY_NOT_FOUND', 'That entry no longer exists. Go back to the list.');
  return entry;
}

function assertUnique(doc: VaultDocument, keyStoreId: string, kind: AuthKind, name: string): void {
  if (doc.authEntries.some((e) => e.keyStoreId === keyStoreId && e.kind === kind && sameName(e.name, name))) {
    const what = kind === 'certificate' ? `a certificate named "${name}"` : `the ${KINDS[kind].noun} ${name}`;
    throw new SkmError('AUTH_DUPLICATE', `This key store already has ${what}.`, kind === 'certificate' ? 'name' : 'address');
  }
}

/**
 * Authentication information of key stores: IPv4 addresses and ranges, MAC addresses, and client certificates
 * issued by each key store's own CA. Entries follow the same deletion lifecycle as keys.
 */
export class AuthService {
  constructor(
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly files: FileSaver,
  ) {}

  list(keyStoreId: string, kind: AuthKind): AuthEntryView[] {
    const doc = this.vault.data;
    findKeyStore(doc, keyStoreId);
    const now = this.clock.now();
    return doc.authEntries.filter((e) => e.keyStoreId === keyStoreId && e.kind === kind).map((e) => this.view(e, now));
  }

  get(id: string): AuthEntryView {
    return this.view(findEntry(this.vault.data, id), this.clock.now());
  }

  addIpv4({ keyStoreId, address, description }: ParsedInput<'auth.addIpv4'>): Promise<AuthEntryView> {
    return this.insert(keyStoreId, 'ipv4', address.address, description, { ipv4: { network: address.network, prefix: address.prefix } });
  }

  addMac({ keyStoreId, address, description }: ParsedInput<'auth.addMac'>): Promise<AuthEntryView> {
    return this.insert(keyStoreId, 'mac', address, description, {});
  }

  /**
   * Issue a client certificate and keep it as a PKCS#12 encrypted under the user's password. The password itself is
   * not kept, and the client's private key exists in the vault only inside that encrypted file.
   */
  async addCertificate(input: ParsedInput<'auth.addCertificate'>): Promise<AuthEntryView> {
    const doc = this.vault.data;
    findKeyStore(doc, input.keyStoreId);
    assertUnique(doc, input.keyStoreId, 'certificate', input.name);
    const ca = await this.ensureCa(input.keyStoreId);
    const issued = await issueClientCertificate(ca, input.name, periodStart(input.validFrom), periodEnd(input.validTo));
    const pkcs12 = buildPkcs12({ certPem: issued.certPem, caCertPem: ca.certPem, privateKeyPem: issued.privateKeyPem, password: input.password, friendlyName: input.name });
    const { privateKeyPem: _dropped, ...certificate } = issued;
    return this.insert(input.keyStoreId, 'certificate', input.name, input.description, {
      certificate: { ...certificate, pkcs12: pkcs12.toString('base64') },
    });
  }

  requestDeletion(id: string): Promise<AuthEntryView> {
    return this.mutate(id, (e, now) => requestDeletion(e, now, KINDS[e.kind]));
  }

  cancelDeletion(id: string): Promise<AuthEntryView> {
    return this.mutate(id, (e) => cancelDeletion(e, KINDS[e.kind]));
  }

  async deleteNow(id: string, confirmName: string): Promise<void> {
    await this.vault.update(
      (doc) => {
        const entry = findEntry(doc, id);
        assertImmediatelyDeletable(entry, confirmName, KINDS[entry.kind]);
        doc.authEntries = doc.authEntries.filter((e) => e.id !== id);
      },
      { purgeBackup: true },
    );
  }

  /** Download: the .p12 as issued. Refused while the certificate is Scheduled to be Deleted. */
  downloadCertificate(id: string): Promise<SaveResult> {
    const entry = findEntry(this.vault.data, id);
    if (!entry.certificate) throw new SkmError('OPERATION_NOT_SUPPORTED', 'Only certificates can be downloaded.');
    assertInService(entry, KINDS.certificate);
    return this.files.save({
      suggestedName: `${safeFileName(entry.name)}.p12`,
      bytes: Buffer.from(entry.certificate.pkcs12, 'base64'),
      mime: 'application/x-pkcs12',
      description: 'PKCS#12 certificate',
    });
  }

  /** Download CA certificate: the key store's CA as PEM (created now if the key store has none yet). */
  async downloadCaCertificate(keyStoreId: string): Promise<SaveResult> {
    const store = findKeyStore(this.vault.data, keyStoreId);
    const ca = await this.ensureCa(keyStoreId);
    return this.files.save({
      suggestedName: `${safeFileName(store.name)}-ca.pem`,
      bytes: Buffer.from(ca.certPem),
      mime: 'application/x-pem-file',
      description: 'PEM certificate',
    });
  }

  /** Entries whose 7 days have passed are deleted for good. */
  async applyDue(): Promise<number> {
    const now = this.clock.now();
    if (!this.vault.data.authEntries.some((e) => isDeletionDue(e, now))) return 0;
    return this.vault.update(
      (doc) => {
        const before = doc.authEntries.length;
        doc.authEntries = doc.authEntries.filter((e) => !isDeletionDue(e, now));
        return before - doc.authEntries.length;
      },
      { purgeBackup: true },
    );
  }

  private async ensureCa(keyStoreId: string): Promise<NonNullable<KeyStoreRecord['ca']>> {
    const existing = findKeyStore(this.vault.data, keyStoreId).ca;
    if (existing) return existing;
    const created = await createKeyStoreCa(keyStoreId, this.clock.now());
    return this.vault.update((doc) => {
      const store = editable(doc.keyStores, findKeyStore(doc, keyStoreId));
      // Another call may have created it meanwhile: keep the first, so certificates already issued stay valid.
      store.ca ??= { ...created, createdAt: this.clock.now().toISOString() };
      return store.ca;
    });
  }

  private async insert(keyStoreId: string, kind: AuthKind, name: string, description: string, extra: Pick<AuthEntryRecord, 'ipv4' | 'certificate'>): Promise<AuthEntryView> {
    const record = await this.vault.update((doc) => {
      findKeyStore(doc, keyStoreId);
      assertUnique(doc, keyStoreId, kind, name);
      const at = this.clock.now().toISOString();
      const entry: AuthEntryRecord = { id: newId(), keyStoreId, kind, name, description, lifecycle: inService(), createdAt: at, updatedAt: at, ...extra };
      doc.authEntries.push(entry);
      return entry;
    });
    return this.view(record, this.clock.now());
  }

  private async mutate(id: string, change: (entry: AuthEntryRecord, now: Date) => void): Promise<AuthEntryView> {
    const now = this.clock.now();
    return this.view((await this.vault.updateRecord('authEntries', (doc) => findEntry(doc, id), (entry) => change(entry as AuthEntryRecord, now), now)) as AuthEntryRecord, now);
  }

  private view(e: AuthEntryRecord, now: Date): AuthEntryView {
    const view: AuthEntryView = {
      id: e.id,
      keyStoreId: e.keyStoreId,
      kind: e.kind,
      name: e.name,
      description: e.description,
      status: e.lifecycle.status,
      deletionDate: e.lifecycle.deletionDate,
      createdAt: e.createdAt,
    };
    if (e.certificate) {
      const { serial, fingerprint, validFrom, validTo, certPem } = e.certificate;
      view.certificate = { serial, fingerprint, validFrom, validTo, expired: isExpired(certPem, now) };
    }
    return view;
  }
}
