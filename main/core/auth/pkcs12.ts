import { X509Certificate, createCipheriv, createHash, createHmac, createPrivateKey, pbkdf2, randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import forge from 'node-forge';

/**
 * A password-protected PKCS#12 (.p12) with the client's private key, its certificate and the CA certificate.
 * The private key is PKCS#8-encrypted with PBES2 (PBKDF2-HMAC-SHA256 + AES-256-CBC); the file's integrity MAC is
 * HMAC-SHA256 with the PKCS#12 key derivation (RFC 7292 appendix B). node-forge only assembles the ASN.1, because
 * its own PKCS#12 writer fixes the MAC to SHA-1 and handles RSA keys only. node:crypto's own PKCS#8 export is not
 * used for the key: it always writes OpenSSL's default of 2,048 PBKDF2 iterations.
 */
const { asn1 } = forge;
const oids = forge.pki.oids;

/**
 * OWASP's figure for PBKDF2-HMAC-SHA256, used for both the key's PBES2 and the MAC. A stolen .p12 is attacked
 * offline, so its password is only as strong as the work each guess costs. Java's keytool accepts MAC iteration
 * counts up to 5,000,000.
 */
export const PKCS12_ITERATIONS = 600_000;

const seq = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
const set = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
const oid = (id: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes);
const explicit0 = (inner: forge.asn1.Asn1) => asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [inner]);
const integer = (n: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const asnNull = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '');
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

const pbkdf2Sha256 = (password: string, salt: Buffer, iterations: number): Promise<Buffer> =>
  new Promise((resolve, reject) => pbkdf2(password, salt, iterations, 32, 'sha256', (err, key) => (err ? reject(err) : resolve(key))));

/**
 * EncryptedPrivateKeyInfo (RFC 5208) with PBES2 (RFC 8018): the same structure OpenSSL writes, with our iteration
 * count. PBKDF2 runs in libuv's thread pool, so main's event loop stays free.
 */
async function encryptPrivateKey(privateKeyPem: string, password: string, iterations: number): Promise<forge.asn1.Asn1> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await pbkdf2Sha256(password, salt, iterations);
  const plain = createPrivateKey(privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  key.fill(0);
  const pbkdf2Params = seq([octets(binary(salt)), integer(iterations), seq([oid(oids.hmacWithSHA256!), asnNull()])]);
  const pbes2Params = seq([seq([oid(oids.pkcs5PBKDF2!), pbkdf2Params]), seq([oid(oids['aes256-CBC']!), octets(binary(iv))])]);
  return seq([seq([oid(oids.pkcs5PBES2!), pbes2Params]), octets(binary(encrypted))]);
}

/**
 * The hash loop of the PKCS#12 KDF, in a worker thread: 600,000 chained SHA-256 calls take about a second, and
 * Node has no native iterated hash to hand to its thread pool (pbkdf2 is HMAC-based, a different function).
 * Plain CommonJS source rather than a file of its own, so it runs the same under vitest and in every host's bundle.
 */
const HASH_LOOP_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
let a = workerData.input;
for (let i = 0; i < workerData.iterations; i++) a = hash('sha256', a, 'buffer');
workerData.input.fill(0);
const out = new Uint8Array(a);
parentPort.postMessage(out, [out.buffer]);
`;

function iteratedSha256(input: Buffer, iterations: number): Promise<Buffer> {
  // A private ArrayBuffer to transfer: `input` may sit in Node's shared Buffer pool, which must not be detached.
  const own = new Uint8Array(input);
  input.fill(0);
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_LOOP_WORKER, { eval: true, workerData: { input: own, iterations }, transferList: [own.buffer] });
    let done = false;
    worker.once('message', (out: Uint8Array) => {
      done = true;
      resolve(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      done = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`PKCS#12 key derivation worker stopped with code ${code}`));
    });
  });
}

/**
 * The PKCS#12 key derivation (RFC 7292 B.2) with SHA-256 for the MAC key (ID 3). One 32-byte output block is all a
 * SHA-256 HMAC key needs, so only A1 = H^iterations(D || S || P) is computed.
 */
export function pkcs12MacKey(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  const v = 64; // SHA-256 block size
  const bmp = Buffer.alloc((password.length + 1) * 2); // UTF-16BE code units and a trailing 0x0000 (B.1)
  for (let i = 0; i < password.length; i++) bmp.writeUInt16BE(password.charCodeAt(i), i * 2);
  const repeatToBlocks = (b: Buffer) => Buffer.from(Uint8Array.from({ length: v * Math.ceil(b.length / v) }, (_, i) => b[i % b.length]!));
  const passwordBlocks = repeatToBlocks(bmp);
  const d = Buffer.concat([Buffer.alloc(v, 3), repeatToBlocks(salt), passwordBlocks]);
  bmp.fill(0);
  passwordBlocks.fill(0);
  return iteratedSha256(d, iterations);
}

function macData(authSafeDer: string, key: Buffer, salt: Buffer, iterations: number): forge.asn1.Asn1 {
  const mac = createHmac('sha256', key).update(Buffer.from(authSafeDer, 'binary')).digest();
  key.fill(0);
  return seq([seq([seq([oid(oids.sha256!), asnNull()]), octets(binary(mac))]), octets(binary(salt)), integer(iterations)]);
}

export async function buildPkcs12(options: {
  certPem: string;
  caCertPem: string;
  privateKeyPem: string;
  password: string;
  friendlyName: string;
  /** Tests lower it (as they lower the vault's KDF); every host keeps PKCS12_ITERATIONS. */
  iterations?: number;
}): Promise<Buffer> {
  const iterations = options.iterations ?? PKCS12_ITERATIONS;
  const macSalt = randomBytes(16);
  // The MAC key depends only on the password and salt, so it is derived while the private key is being encrypted.
  const [encryptedKey, macKey] = await Promise.all([
    encryptPrivateKey(options.privateKeyPem, options.password, iterations),
    pkcs12MacKey(options.password, macSalt, iterations),
  ]);
  const localKeyId = binary(createHash('sha1').update(new X509Certificate(options.certPem).raw).digest());
  const attrs = bagAttributes(localKeyId, options.friendlyName);
  const keyBag = seq([oid(oids.pkcs8ShroudedKeyBag!), explicit0(encryptedKey), attrs]);
  const authSafe = seq([
    dataContent(der(seq([certBag(options.certPem, bagAttributes(localKeyId, options.friendlyName)), certBag(options.caCertPem)]))),
    dataContent(der(seq([keyBag]))),
  ]);
  const authSafeDer = der(authSafe);
  const pfx = seq([integer(3), dataContent(authSafeDer), macData(authSafeDer, macKey, macSalt, iterations)]);
  return Buffer.from(der(pfx), 'binary');
}
