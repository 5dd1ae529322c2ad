import { AuthEntryView, type AuthKind, type SaveResult } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import { SkmError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { FileSaver } from '../files/file-saver';
import { safeFileName } from '../files/file-saver';
import { assertAcceptsNewItems, assertCaServes, findKeyStore } from '../keystores/keystores';
import { assertImmediatelyDeletable, assertInService, cancelDeletion, inService, isDeletionDue, requestDeletion, type ItemKind } from '../lifecycle/lifecycle';
import { namedAs } from '../names';
import type { AuthEntryRecord, KeyStoreRecord, VaultDocument } from '../vault/document';
import { newId, type Vault } from '../vault/vault';
import { editable } from '../vault/draft';
import { certificatePeriod } from './certificate-period';
import { certificateValidity, createKeyStoreCa, isExpired, issueClientCertificate, newCaValidity, type IssuedPair } from './certificates';
import { buildCrl } from './crl';
import { buildPkcs12 } from './pkcs12';
import { CRL_VALIDITY_DAYS, rememberRevoked, revocationsOf } from './revocations';

type CaRecord = NonNullable<KeyStoreRecord['ca']>;
const newCaRecord = (pair: IssuedPair, now: Date): CaRecord => ({ ...pair, createdAt: now.toISOString(), revoked: [], crlNumber: 0 });
const DAY_MS = 24 * 60 * 60 * 1000;

/** Another call gave the key store its CA while this one was issuing under a CA of its own. */
class CaCreatedMeanwhile extends Error {}

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
  const named = namedAs(name);
  if (doc.authEntries.some((e) => e.keyStoreId === keyStoreId && e.kind === kind && named(e))) {
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
    /** Tests lower the .p12's key-derivation cost; hosts keep the default (PKCS12_ITERATIONS). */
    private readonly pkcs12Iterations?: number,
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
    for (let round = 1; ; round++) {
      const now = this.clock.now();
      const doc = this.vault.data;
      const store = findKeyStore(doc, input.keyStoreId);
      assertAcceptsNewItems(store);
      const existing = store.ca;
      assertUnique(doc, input.keyStoreId, 'certificate', input.name);
      // Checked before any key is generated: a new CA's validity is known before the CA exists.
      const period = certificatePeriod(input.validFrom, input.validTo, existing ? certificateValidity(existing.certPem) : newCaValidity(now), now, !existing);
      const ca = existing ?? newCaRecord(await createKeyStoreCa(input.keyStoreId, now), now);
      const issued = await issueClientCertificate(ca, input.name, period.notBefore, period.notAfter);
      const pkcs12 = await buildPkcs12({
        certPem: issued.certPem,
        caCertPem: ca.certPem,
        privateKeyPem: issued.privateKeyPem,
        password: input.password,
        friendlyName: input.name,
        ...(this.pkcs12Iterations ? { iterations: this.pkcs12Iterations } : {}),
      });
      const { privateKeyPem: _dropped, ...certificate } = issued;
      try {
        return await this.insert(
          input.keyStoreId,
          'certificate',
          input.name,
          input.description,
          { certificate: { ...certificate, pkcs12: pkcs12.toString('base64') } },
          (draft) => {
            // A new CA is written with its first certificate, in one update: a failed issue leaves no CA behind.
            const store = findKeyStore(draft, input.keyStoreId);
            if (!store.ca) editable(draft.keyStores, store).ca = ca;
            else if (store.ca.certPem !== ca.certPem) throw new CaCreatedMeanwhile();
          },
        );
      } catch (err) {
        // The CA never changes once kept, so a second round, under the kept CA, cannot meet this again.
        if (err instanceof CaCreatedMeanwhile && round === 1) continue;
        throw err;
      }
    }
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
        rememberRevoked(doc, [entry], this.clock.now());
      },
      { purgeBackup: true },
    );
  }

  /** Download: the .p12 as issued. Refused while the certificate is Scheduled to be Deleted. */
  downloadCertificate(id: string): Promise<SaveResult> {
    const entry = findEntry(this.vault.data, id);
    if (!entry.certificate) throw new SkmError('OPERATION_NOT_SUPPORTED', 'Only certificates can be downloaded.');
    assertInService(entry, KINDS.certificate);
    assertCaServes(findKeyStore(this.vault.data, entry.keyStoreId), 'certificates');
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
    assertCaServes(store, 'CA certificate');
    const ca = await this.ensureCa(keyStoreId, 'CA certificate');
    return this.files.save({
      suggestedName: `${safeFileName(store.name)}-ca.pem`,
      bytes: Buffer.from(ca.certPem),
      mime: 'application/x-pem-file',
      description: 'PEM certificate',
    });
  }

  /**
   * Download CRL: the revocation list of the key store's CA as PEM, listing its certificates that are Scheduled to be
   * Deleted or deleted. It is valid for 7 days; relying parties need a fresh one after each Request for Deletion.
   */
  async downloadCrl(keyStoreId: string): Promise<SaveResult> {
    const store = findKeyStore(this.vault.data, keyStoreId);
    assertCaServes(store, 'CRL');
    await this.ensureCa(keyStoreId, 'CRL');
    const now = this.clock.now();
    // Each CRL gets the next number, so relying parties can tell the newest; counting takes one write.
    const { ca, revoked } = await this.vault.update((doc) => {
      const kept = findKeyStore(doc, keyStoreId);
      assertCaServes(kept, 'CRL');
      const ca = editable(doc.keyStores, kept).ca!;
      ca.crlNumber += 1;
      return { ca, revoked: revocationsOf(doc, keyStoreId) };
    });
    const pem = await buildCrl(ca, revoked, { number: ca.crlNumber, thisUpdate: now, nextUpdate: new Date(now.getTime() + CRL_VALIDITY_DAYS * DAY_MS) });
    return this.files.save({
      suggestedName: `${safeFileName(store.name)}-ca.crl`,
      bytes: Buffer.from(pem),
      mime: 'application/pkix-crl',
      description: 'Certificate revocation list',
    });
  }

  /** Deletions whose 7 days have passed by `dueBy` (normally now; earlier while a clock jump holds deletions). */
  async applyDueDeletions(dueBy: Date): Promise<number> {
    if (!this.vault.data.authEntries.some((e) => isDeletionDue(e, dueBy))) return 0;
    return this.vault.update(
      (doc) => {
        const due = doc.authEntries.filter((e) => isDeletionDue(e, dueBy));
        doc.authEntries = doc.authEntries.filter((e) => !isDeletionDue(e, dueBy));
        rememberRevoked(doc, due, this.clock.now());
        return due.length;
      },
      { purgeBackup: true },
    );
  }

  /** `what` names the download in the refusal if the key store was Scheduled to be Deleted while the CA was made. */
  private async ensureCa(keyStoreId: string, what: string): Promise<CaRecord> {
    const existing = findKeyStore(this.vault.data, keyStoreId).ca;
    if (existing) return existing;
    const created = await createKeyStoreCa(keyStoreId, this.clock.now());
    return this.vault.update((doc) => {
      const kept = findKeyStore(doc, keyStoreId);
      assertCaServes(kept, what);
      const store = editable(doc.keyStores, kept);
      // Another call may have created it meanwhile: keep the first, so certificates already issued stay valid.
      store.ca ??= newCaRecord(created, this.clock.now());
      return store.ca;
    });
  }

  /** `alongside` makes further changes in the same vault update as the new entry: both are kept, or neither. */
  private async insert(
    keyStoreId: string,
    kind: AuthKind,
    name: string,
    description: string,
    extra: Pick<AuthEntryRecord, 'ipv4' | 'certificate'>,
    alongside?: (draft: VaultDocument) => void,
  ): Promise<AuthEntryView> {
    const record = await this.vault.update((doc) => {
      assertAcceptsNewItems(findKeyStore(doc, keyStoreId));
      assertUnique(doc, keyStoreId, kind, name);
      alongside?.(doc);
      const at = this.clock.now().toISOString();
      const entry: AuthEntryRecord = { id: newId(), keyStoreId, kind, name, description, lifecycle: inService(), createdAt: at, updatedAt: at, ...extra };
      doc.authEntries.push(entry);
      return entry;
    });
    return this.view(record, this.clock.now());
  }

  private async mutate(id: string, change: (entry: AuthEntryRecord, now: Date) => void): Promise<AuthEntryView> {
    const now = this.clock.now();
    return this.view(
      (await this.vault.updateRecord(
        'authEntries',
        (doc) => findEntry(doc, id),
        (entry) => change(entry as AuthEntryRecord, now),
        now,
      )) as AuthEntryRecord,
      now,
    );
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
