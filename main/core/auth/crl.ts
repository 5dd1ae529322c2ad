import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { signSha256WithRsa, type IssuedPair } from './certificates';

/**
 * The certificate revocation list of a key store's CA (RFC 5280 section 5): an X.509 v2 CRL signed by the CA with
 * SHA-256. node-forge has no CRL writer, so the DER is assembled with its ASN.1 helpers and node:crypto signs.
 */
const { asn1 } = forge;

/** RFC 5280 CRLReason values this app uses. */
// certificateHold for Scheduled to be Deleted: RFC 5280 lets only a hold be lifted again (Cancel Deletion);
// once deleted, the certificate is listed for good as cessationOfOperation.
export const REVOCATION_REASONS = { superseded: 4, cessationOfOperation: 5, certificateHold: 6 } as const;
export type RevocationReason = keyof typeof REVOCATION_REASONS;

export interface Revocation {
  /** Lowercase hex, as X509Certificate reports it. */
  serial: string;
  revokedAt: Date;
  reason: RevocationReason;
}

export interface CrlOptions {
  number: number;
  thisUpdate: Date;
  nextUpdate: Date;
}

const OID_AUTHORITY_KEY_ID = '2.5.29.35';
const OID_CRL_NUMBER = '2.5.29.20';
const OID_REASON_CODE = '2.5.29.21';

const seq = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const oid = (id: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const integer = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const der = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
function time(date: Date): forge.asn1.Asn1 {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(asn1.Class.UNIVERSAL, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

/** A positive DER INTEGER from hex: minimal length, with a 0x00 in front only when the top bit would read as a sign. */
function serialInteger(hex: string): forge.asn1.Asn1 {
  let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  while (bytes.length > 1 && bytes[0] === 0 && bytes[1]! < 0x80) bytes = bytes.subarray(1);
  if (bytes[0]! >= 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, bytes.toString('binary'));
}

const extension = (id: string, value: forge.asn1.Asn1) => seq([oid(id), octets(der(value))]);

/**
 * The CA's subject exactly as encoded in its certificate: a CRL's issuer must match it byte for byte for
 * `openssl verify -crl_check` to find the CRL.
 */
function caSubject(caCertDer: Buffer): forge.asn1.Asn1 {
  const cert = asn1.fromDer(caCertDer.toString('binary'));
  const tbs = (cert.value as forge.asn1.Asn1[])[0]!;
  const fields = tbs.value as forge.asn1.Asn1[];
  const hasVersion = fields[0]!.tagClass === asn1.Class.CONTEXT_SPECIFIC;
  // version?, serialNumber, signature, issuer, validity, subject
  return fields[(hasVersion ? 1 : 0) + 4]!;
}

/** The CA's subject key identifier, so the CRL's authority key identifier points at the same key. */
function caKeyIdentifier(caCertPem: string): string {
  const caCert = forge.pki.certificateFromPem(caCertPem);
  const ski = caCert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
  return ski?.subjectKeyIdentifier ? forge.util.hexToBytes(ski.subjectKeyIdentifier) : caCert.generateSubjectKeyIdentifier().getBytes();
}

/** Returns the CRL as PEM. Entries are listed in serial order so the same state always gives the same list. */
export async function buildCrl(ca: IssuedPair, revoked: readonly Revocation[], options: CrlOptions): Promise<string> {
  const sha256WithRsa = seq([oid(forge.pki.oids.sha256WithRSAEncryption!), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]);
  const entries = [...revoked]
    .sort((a, b) => a.serial.localeCompare(b.serial))
    .map((r) =>
      seq([
        serialInteger(r.serial),
        time(r.revokedAt),
        seq([extension(OID_REASON_CODE, asn1.create(asn1.Class.UNIVERSAL, asn1.Type.ENUMERATED, false, String.fromCharCode(REVOCATION_REASONS[r.reason])))]),
      ]),
    );
  const crlExtensions = asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
    seq([
      extension(OID_AUTHORITY_KEY_ID, seq([asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, false, caKeyIdentifier(ca.certPem))])),
      extension(OID_CRL_NUMBER, integer(options.number)),
    ]),
  ]);
  const tbsCertList = seq([
    integer(1), // v2
    sha256WithRsa,
    caSubject(new X509Certificate(ca.certPem).raw),
    time(options.thisUpdate),
    time(options.nextUpdate),
    // An empty revokedCertificates is left out altogether (RFC 5280 5.1.2.6).
    ...(entries.length > 0 ? [seq(entries)] : []),
    crlExtensions,
  ]);
  const tbsDer = Buffer.from(der(tbsCertList), 'binary');
  const signature = await signSha256WithRsa(tbsDer, ca.privateKeyPem);
  const certificateList = seq([
    tbsCertList,
    sha256WithRsa,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  const base64 = Buffer.from(der(certificateList), 'binary').toString('base64');
  return `-----BEGIN X509 CRL-----\n${base64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END X509 CRL-----\n`;
}
