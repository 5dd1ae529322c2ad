import { X509Certificate, randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';
import { generateAsymmetric } from '../engine/asymmetric';

/**
 * X.509 for client authentication (node-forge builds the certificates; node:crypto generates the RSA keys and signs,
 * both asynchronously, and reads certificates back). Each key store has its own CA; client certificates are issued by it.
 */
export interface IssuedPair {
  certPem: string;
  privateKeyPem: string;
}

/**
 * Sign with node:crypto in the thread pool: node-forge's pure-JS RSA signature would hold main's event loop for
 * ~80 ms with a 3072-bit CA key.
 */
export const signSha256WithRsa = (data: Buffer, privateKeyPem: string): Promise<Buffer> =>
  new Promise((resolve, reject) => sign('sha256', data, privateKeyPem, (err, sig) => (err ? reject(err) : resolve(sig))));

/** forge builds the TBSCertificate and the final DER; node:crypto signs. */
async function signCertificate(cert: forge.pki.Certificate, caPrivateKeyPem: string): Promise<string> {
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption!;
  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption!;
  // getTBSCertificate is public in node-forge but missing from its type definitions.
  const tbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  (cert as unknown as { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate = tbs;
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  const signature = await signSha256WithRsa(der, caPrivateKeyPem);
  cert.signature = signature.toString('binary');
  return forge.pki.certificateToPem(cert);
}

/** A random positive serial of 16 bytes (RFC 5280: positive, at most 20 octets, unpredictable). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01; // top bit clear (positive), never a leading zero byte
  return bytes.toString('hex');
}

const CA_YEARS = 25;

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

/**
 * A new CA is valid from the start of today (UTC) to the end of the same day 25 years on: certificates are issued
 * for whole UTC days from today, so each one fits inside its CA from its first second to its last.
 */
export function newCaValidity(now: Date): Validity {
  const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
  return { notBefore: new Date(Date.UTC(y, m, d)), notAfter: new Date(Date.UTC(y + CA_YEARS, m, d, 23, 59, 59)) };
}

/** The validity the CA certificate itself states (CAs made before whole-day alignment start and end mid-day). */
export function certificateValidity(certPem: string): Validity {
  const x509 = new X509Certificate(certPem);
  return { notBefore: new Date(x509.validFrom), notAfter: new Date(x509.validTo) };
}

export const createKeyStoreCa = (keyStoreId: string, now: Date): Promise<IssuedPair> => createCa(`Secure Key Manager Key Store CA ${keyStoreId}`, now);

/** A self-signed RSA-3072 CA (key store CAs, the Key API's CA), valid for whole UTC days over 25 years. */
export async function createCa(commonName: string, now: Date): Promise<IssuedPair> {
  const { publicKeyPem, privateKeyPem } = await generateAsymmetric('RSA-3072');
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = randomSerial();
  const validity = newCaValidity(now);
  cert.validity.notBefore = validity.notBefore;
  cert.validity.notAfter = validity.notAfter;
  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Secure Key Manager Desktop' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  return { certPem: await signCertificate(cert, privateKeyPem), privateKeyPem };
}

export interface ClientCertificate extends IssuedPair {
  serial: string;
  fingerprint: string;
  validFrom: string;
  validTo: string;
}

/** Client certificate: CN = name, extended key usage clientAuth, key identifiers, signed by the key store's CA. */
export async function issueClientCertificate(ca: IssuedPair, name: string, validFrom: Date, validTo: Date): Promise<ClientCertificate> {
  const { publicKeyPem, privateKeyPem } = await generateAsymmetric('RSA-2048');
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = validFrom;
  cert.validity.notAfter = validTo;
  cert.setSubject([{ name: 'commonName', value: name, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  const certPem = await signCertificate(cert, ca.privateKeyPem);
  const x509 = new X509Certificate(certPem);
  return {
    certPem,
    privateKeyPem,
    serial: x509.serialNumber.toLowerCase(),
    fingerprint: x509.fingerprint256,
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
  };
}

/** Expiry comes from the certificate itself, not from what we stored beside it. */
export const isExpired = (certPem: string, now: Date): boolean => new Date(new X509Certificate(certPem).validTo).getTime() < now.getTime();

/**
 * A TLS server certificate for the Key API: a fresh RSA-2048 key (kept in memory only), extended key usage
 * serverAuth, and subject alternative names for every IP address and host name clients may use to reach it.
 */
export async function issueServerCertificate(
  ca: IssuedPair,
  names: { ips: readonly string[]; dns: readonly string[] },
  validity: Validity,
): Promise<IssuedPair> {
  const { publicKeyPem, privateKeyPem } = await generateAsymmetric('RSA-2048');
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = validity.notBefore;
  cert.validity.notAfter = validity.notAfter;
  cert.setSubject([{ name: 'commonName', value: names.dns[0] ?? names.ips[0] ?? 'Secure Key Manager Key API' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...names.dns.map((value) => ({ type: 2, value })), ...names.ips.map((ip) => ({ type: 7, ip }))] },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  return { certPem: await signCertificate(cert, ca.privateKeyPem), privateKeyPem };
}
