import { X509Certificate, createHash, createHmac, createPrivateKey, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * A password-protected PKCS#12 (.p12) with the client's private key, its certificate and the CA certificate.
 * The private key is PKCS#8-encrypted by node:crypto (PBES2: PBKDF2-HMAC-SHA256 + AES-256-CBC); the file's integrity
 * MAC is HMAC-SHA256 with the PKCS#12 key derivation (RFC 7292 appendix B). node-forge only assembles the ASN.1,
 * because its own PKCS#12 writer fixes the MAC to SHA-1 and handles RSA keys only.
 */
const { asn1 } = forge;
const oids = forge.pki.oids;
const MAC_ITERATIONS = 2048;

const seq = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const oid = (id: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const explicit0 = (inner: forge.asn1.Asn1) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [inner]);
const integer = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const binary = (b: Buffer) => b.toString('binary');
const der = (node: forge.asn1.Asn1) => asn1.toDer(node).getBytes();

/** ContentInfo of type data wrapping DER bytes. */
const dataContent = (bytes: string) => seq([oid(oids.data!), explicit0(octets(bytes))]);

function bagAttributes(localKeyId: string, friendlyName?: string): forge.asn1.Asn1 {
  const attrs = [seq([oid(oids.localKeyId!), set([octets(localKeyId)])])];
  if (friendlyName !== undefined) {
    attrs.push(seq([oid(oids.friendlyName!), set([asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BMPSTRING, false, friendlyName)])]));
  }
  return set(attrs);
}

function certBag(certPem: string, attrs?: forge.asn1.Asn1): forge.asn1.Asn1 {
  const certDer = binary(new X509Certificate(certPem).raw);
  const items = [oid(oids.certBag!), explicit0(seq([oid(oids.x509Certificate!), explicit0(octets(certDer))]))];
  if (attrs) items.push(attrs);
  return seq(items);
}

/**
 * The PKCS#12 key derivation (RFC 7292 B.2) with SHA-256 for the MAC key (ID 3). One 32-byte output block is all a
 * SHA-256 HMAC key needs, so only A1 = H^iterations(D || S || P) is computed. Native hashing: a few milliseconds.
 */
export function pkcs12MacKey(password: string, salt: Buffer, iterations: number): Buffer {
  const v = 64; // SHA-256 block size
  const bmp = Buffer.alloc((password.length + 1) * 2); // UTF-16BE code units and a trailing 0x0000 (B.1)
  for (let i = 0; i < password.length; i++) bmp.writeUInt16BE(password.charCodeAt(i), i * 2);
  const repeatToBlocks = (b: Buffer) => Buffer.from(Uint8Array.from({ length: v * Math.ceil(b.length / v) }, (_, i) => b[i % b.length]!));
  let a = Buffer.concat([Buffer.alloc(v, 3), repeatToBlocks(salt), repeatToBlocks(bmp)]);
  for (let i = 0; i < iterations; i++) a = createHash('sha256').update(a).digest();
  bmp.fill(0);
  return a;
}

function macData(authSafeDer: string, password: string): forge.asn1.Asn1 {
  const salt = randomBytes(16);
  const key = pkcs12MacKey(password, salt, MAC_ITERATIONS);
  const mac = createHmac('sha256', key).update(Buffer.from(authSafeDer, 'binary')).digest();
  key.fill(0);
  return seq([
    seq([seq([oid(oids.sha256!), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]), octets(binary(mac))]),
    octets(binary(salt)),
    integer(MAC_ITERATIONS),
  ]);
}

export function buildPkcs12(options: { certPem: string; caCertPem: string; privateKeyPem: string; password: string; friendlyName: string }): Buffer {
  const localKeyId = binary(createHash('sha1').update(new X509Certificate(options.certPem).raw).digest());
  const attrs = bagAttributes(localKeyId, options.friendlyName);
  const encryptedKey = createPrivateKey(options.privateKeyPem).export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: options.password });
  const keyBag = seq([oid(oids.pkcs8ShroudedKeyBag!), explicit0(asn1.fromDer(binary(encryptedKey))), attrs]);
  const authSafe = seq([
    dataContent(der(seq([certBag(options.certPem, bagAttributes(localKeyId, options.friendlyName)), certBag(options.caCertPem)]))),
    dataContent(der(seq([keyBag]))),
  ]);
  const authSafeDer = der(authSafe);
  const pfx = seq([integer(3), dataContent(authSafeDer), macData(authSafeDer, options.password)]);
  return Buffer.from(der(pfx), 'binary');
}
