import { X509Certificate } from 'node:crypto';
import { parseMac } from '../../../shared/auth-formats';
import type { AuthMethod } from '../../../shared/domain';
import type { AuthEntryRecord, KeyStoreRecord, VaultDocument } from '../vault/document';
import type { ApiResultName } from './results';

/** What the server knows of the caller: the TCP peer, the MAC header as sent, and the TLS client certificate. */
export interface ClientFacts {
  /** The TCP peer address as a number (never from a header such as X-Forwarded-For); null when not IPv4. */
  ip: number | null;
  /** The X-TOAST-CLIENT-MAC-ADDR header, normalised as at registration; null when missing or not a MAC address. */
  mac: string | null;
  certificate: X509Certificate | undefined;
}

/** The MAC header as registration normalises it (aa:bb:cc:dd:ee:ff), or null. */
export function normaliseMac(header: string | undefined): string | null {
  if (header === undefined) return null;
  const parsed = parseMac(header);
  return parsed.ok ? parsed.value : null;
}

/** The In Service entries of one key store, indexed for the hot path. */
interface StoreRules {
  ranges: { network: number; mask: number }[];
  macs: Set<string>;
  /** SHA-256 fingerprint -> the certificate entry (validity is read from the certificate itself). */
  certificates: Map<string, AuthEntryRecord>;
  ca: X509Certificate | null;
}

const maskOf = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** `::ffff:10.1.2.3` (an IPv4 peer on a dual-stack socket) -> `10.1.2.3`; anything else as it is. */
export const unwrapIpv4 = (address: string): string => (address.startsWith('::ffff:') ? address.slice(7) : address);

/** A peer address as a 32-bit number (IPv4-mapped IPv6 unwrapped); anything not IPv4 -> null. */
export function ipv4Number(address: string): number | null {
  const text = unwrapIpv4(address);
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

type Failure = Extract<ApiResultName, 'IPV4_AUTH_FAILURE' | 'MAC_AUTH_FAILURE' | 'CERTIFICATE_AUTH_FAILURE'>;
const FAILURE: Record<AuthMethod, Failure> = { ipv4: 'IPV4_AUTH_FAILURE', mac: 'MAC_AUTH_FAILURE', certificate: 'CERTIFICATE_AUTH_FAILURE' };

/**
 * Checks a caller against the key store that owns the key: its In Service IPv4 addresses and ranges, MAC
 * addresses, and certificates issued by its own CA. The rules are indexed once per vault document (the live
 * document is replaced, never edited, on each change), so a change in the console applies to the next call.
 */
export class ClientAuthenticator {
  private readonly rulesByDoc = new WeakMap<object, Map<string, StoreRules>>();
  /** Per TLS connection: which CA certificates its client certificate chains to (a signature check is done once). */
  private readonly chains = new WeakMap<X509Certificate, Map<X509Certificate, boolean>>();
  /** CA certificates parsed once per PEM (a key store's CA never changes once made). */
  private readonly cas = new Map<string, X509Certificate>();
  /** Client certificates' validity as numbers, read once per certificate. */
  private readonly validity = new WeakMap<X509Certificate, { from: number; to: number }>();

  /** Null when the caller passes; otherwise the first method (IPv4, MAC, certificate order) that refused it. */
  check(doc: Readonly<VaultDocument>, store: KeyStoreRecord, client: ClientFacts, now: number): Failure | null {
    const rules = this.rules(doc, store);
    let firstFailure: Failure | null = null;
    for (const method of store.authMethods) {
      const passed = this.passes(method, rules, client, now);
      if (passed && store.authMode === 'any') return null;
      if (!passed) {
        firstFailure ??= FAILURE[method];
        if (store.authMode === 'all') return firstFailure;
      }
    }
    return firstFailure;
  }

  private passes(method: AuthMethod, rules: StoreRules, client: ClientFacts, now: number): boolean {
    switch (method) {
      case 'ipv4': {
        const ip = client.ip;
        return ip !== null && rules.ranges.some((r) => (ip & r.mask) >>> 0 === r.network);
      }
      case 'mac':
        return client.mac !== null && rules.macs.has(client.mac);
      case 'certificate':
        return this.certificatePasses(rules, client.certificate, now);
    }
  }

  /**
   * The client certificate must be one this key store issued and still has In Service, chain to this key store's
   * own CA (a certificate of another key store's CA never passes, even with the same name), and be inside its
   * validity period now. The TLS handshake has already proved the client holds its private key.
   */
  private certificatePasses(rules: StoreRules, cert: X509Certificate | undefined, now: number): boolean {
    if (!cert || !rules.ca) return false;
    if (!rules.certificates.has(cert.fingerprint256)) return false;
    let validity = this.validity.get(cert);
    if (!validity) this.validity.set(cert, (validity = { from: Date.parse(cert.validFrom), to: Date.parse(cert.validTo) }));
    if (now < validity.from || now > validity.to) return false;
    return this.chainsTo(cert, rules.ca);
  }

  private chainsTo(cert: X509Certificate, ca: X509Certificate): boolean {
    let known = this.chains.get(cert);
    if (!known) this.chains.set(cert, (known = new Map()));
    let ok = known.get(ca);
    if (ok === undefined) {
      ok = cert.checkIssued(ca) && cert.verify(ca.publicKey);
      known.set(ca, ok);
    }
    return ok;
  }

  private rules(doc: Readonly<VaultDocument>, store: KeyStoreRecord): StoreRules {
    let byStore = this.rulesByDoc.get(doc);
    if (!byStore) this.rulesByDoc.set(doc, (byStore = indexRules(doc, (s) => this.caOf(s))));
    return byStore.get(store.id) ?? { ranges: [], macs: new Set(), certificates: new Map(), ca: null };
  }

  private caOf(store: KeyStoreRecord): X509Certificate | null {
    if (!store.ca) return null;
    let ca = this.cas.get(store.ca.certPem);
    if (!ca) this.cas.set(store.ca.certPem, (ca = new X509Certificate(store.ca.certPem)));
    return ca;
  }
}

function indexRules(doc: Readonly<VaultDocument>, caOf: (store: KeyStoreRecord) => X509Certificate | null): Map<string, StoreRules> {
  const byStore = new Map<string, StoreRules>();
  for (const store of doc.keyStores) byStore.set(store.id, { ranges: [], macs: new Set(), certificates: new Map(), ca: caOf(store) });
  for (const entry of doc.authEntries) {
    // Only In Service entries authenticate: one Scheduled to be Deleted stops working at once (Cancel Deletion restores it).
    if (entry.lifecycle.status !== 'in-service') continue;
    const rules = byStore.get(entry.keyStoreId);
    if (!rules) continue;
    if (entry.kind === 'ipv4' && entry.ipv4) rules.ranges.push({ network: entry.ipv4.network, mask: maskOf(entry.ipv4.prefix) });
    else if (entry.kind === 'mac') rules.macs.add(entry.name);
    else if (entry.kind === 'certificate' && entry.certificate) rules.certificates.set(entry.certificate.fingerprint, entry);
  }
  return byStore;
}
