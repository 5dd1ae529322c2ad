import { execFileSync } from 'node:child_process';
import { createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/core/bridge';
import type { FileSaver, OutgoingFile } from '../../main/core/files/file-saver';
import { KeyManager } from '../../main/core/key-manager';
import { DestinationRules, type Destination } from '../../shared/transfer';
import { FAST_KDF, FAST_PKCS12, FakeClock, PASSPHRASE, allFileText, caller } from './helpers';

/**
 * Issue 13: keys exported wrapped for Vault/OpenBao transit and the cloud KMSs, and wrapped keys imported, checked
 * with a second implementation (the openssl command line) in both directions, through the real dispatcher.
 */

const SLOW = { timeout: 180_000 };

// ---- openssl, the second implementation ----

const work = mkdtempSync(path.join(tmpdir(), 'skm-transfer-'));
const managers: KeyManager[] = [];
afterAll(async () => {
  for (const km of managers) await km.shutdown();
  rmSync(work, { recursive: true, force: true });
});

const file = (name: string, bytes?: Buffer | string): string => {
  const at = path.join(work, name);
  if (bytes !== undefined) writeFileSync(at, bytes);
  return at;
};
const openssl = (args: string[], input?: Buffer | string): Buffer =>
  execFileSync('openssl', args, { ...(input !== undefined ? { input } : {}), stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 24 });

/** A key made by openssl: its PEM file, its public PEM (text), and its PKCS#8 DER (what a KMS imports). */
interface OpensslKey {
  pem: string;
  publicPem: string;
  pkcs8: Buffer;
}
function opensslKey(name: string, args: string[]): OpensslKey {
  const pem = file(`${name}.pem`);
  openssl(['genpkey', '-quiet', ...args, '-out', pem]);
  return {
    pem,
    publicPem: openssl(['pkey', '-in', pem, '-pubout']).toString('utf8'),
    pkcs8: openssl(['pkcs8', '-topk8', '-nocrypt', '-in', pem, '-outform', 'DER']),
  };
}
const rsaKey = (bits: number) => opensslKey(`rsa${bits}-${randomBytes(4).toString('hex')}`, ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`]);

/** SHA-256 of the SubjectPublicKeyInfo DER, as openssl computes it, in the app's colon-separated upper-case hex. */
const opensslFingerprint = (publicPem: string): string => {
  const der = openssl(['pkey', '-pubin', '-outform', 'DER'], publicPem);
  const hex = openssl(['dgst', '-sha256', '-r'], der).toString('utf8').split(' ')[0]!;
  return hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
};

/** CKM_RSA_AES_KEY_WRAP with openssl alone: pkeyutl (RSA-OAEP, SHA-256) for the ephemeral key, enc for RFC 5649. */
function opensslWrap(wrappingPublicPem: string, target: Buffer): Buffer {
  const ephemeral = randomBytes(32);
  const rsa = openssl(
    ['pkeyutl', '-encrypt', '-pubin', '-inkey', file(`wrap-${randomBytes(4).toString('hex')}.pem`, wrappingPublicPem), ...oaepOptions('sha256')],
    ephemeral,
  );
  const kwp = openssl(['enc', '-id-aes256-wrap-pad', '-K', ephemeral.toString('hex'), '-iv', 'A65959A6'], target);
  return Buffer.concat([rsa, kwp]);
}
const oaepOptions = (md: 'sha256' | 'sha1') => ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${md}`, '-pkeyopt', `rsa_mgf1_md:${md}`];

/** Unwrap an exported blob with openssl and the destination's private key: the ephemeral key, then the key bytes. */
function opensslUnwrap(destination: OpensslKey, bits: number, blob: Buffer, md: 'sha256' | 'sha1'): { ephemeral: Buffer; key: Buffer } {
  const ephemeral = openssl(['pkeyutl', '-decrypt', '-inkey', destination.pem, ...oaepOptions(md)], blob.subarray(0, bits / 8));
  const key = openssl(['enc', '-d', '-id-aes256-wrap-pad', '-K', ephemeral.toString('hex'), '-iv', 'A65959A6'], blob.subarray(bits / 8));
  return { ephemeral, key };
}

// ---- the app ----

async function transferVault() {
  const dir = mkdtempSync(path.join(work, 'vault-'));
  const saved: OutgoingFile[] = [];
  const files: FileSaver = { save: async (f) => (saved.push(f), { status: 'saved', path: f.suggestedName }) };
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, pkcs12Iterations: FAST_PKCS12, backoff: () => 0, clock: new FakeClock(), files });
  managers.push(km);
  const dispatch = createDispatcher(km);
  const call = caller(dispatch);
  await call('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
  /** The refusal a call answers with (the test fails if it succeeds). */
  const refusal = async (channel: string, input: unknown) => {
    const result = await dispatch(channel, input);
    if (result.ok) throw new Error(`${channel} was expected to be refused`);
    return result.error;
  };
  return { km, dir, saved, dispatch, call, store, refusal };
}
type Vault = Awaited<ReturnType<typeof transferVault>>;

const keyDataOf = (bytes: Buffer) => [...bytes].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
/** Every text form of some secret bytes that could leak: base64, base64url, hex (both cases), and a 24-byte run of each. */
const secretForms = (b: Buffer): string[] => {
  const mid = b.subarray(Math.max(0, (b.length >> 1) - 12), (b.length >> 1) + 12);
  return [b, mid].flatMap((x) => [x.toString('base64'), x.toString('base64url'), x.toString('hex'), x.toString('hex').toUpperCase()]);
};
const expectNone = (where: string, haystack: string, secrets: readonly string[]) => {
  for (const s of secrets) expect(haystack.includes(s), `${where} holds a secret (${s.slice(0, 10)}...)`).toBe(false);
};

// ---- destinations and keys ----

const DEST_BITS: Record<Destination, number> = { 'vault-transit': 4096, 'aws-kms': 2048, 'gcp-kms': 3072, 'azure-key-vault': 4096, generic: 2048 };
const KEK_ID = 'https://contoso.vault.azure.net/keys/KEKforBYOK/0123456789abcdef0123456789abcdef';
const destinationKeys: Record<number, OpensslKey> = {};

beforeAll(() => {
  for (const bits of [2048, 3072, 4096]) destinationKeys[bits] = rsaKey(bits);
}, 120_000);

/** The blob inside a saved export, as each destination's file carries it. */
function blobOf(destination: Destination, saved: OutgoingFile): Buffer {
  if (destination === 'vault-transit') {
    const text = saved.bytes.toString('ascii');
    expect(text).toMatch(/^[A-Za-z0-9+/]+={0,2}$/); // transit's ciphertext: standard base64, no line break
    return Buffer.from(text, 'base64');
  }
  if (destination === 'azure-key-vault') {
    const byok = JSON.parse(saved.bytes.toString('utf8'));
    expect(byok).toMatchObject({ schema_version: '1.0.0', header: { kid: KEK_ID, alg: 'dir', enc: 'CKM_RSA_AES_KEY_WRAP' } });
    expect(byok.generator).toMatch(/Secure Key Manager/);
    expect(byok.ciphertext).toMatch(/^[A-Za-z0-9_-]+$/); // base64url
    return Buffer.from(byok.ciphertext, 'base64url');
  }
  return saved.bytes;
}

describe('Export wrapped: openssl recovers the exact key bytes', () => {
  let v: Vault;
  let keys: { id: string; algorithm: string; bytes: Buffer; publicPem: string | null }[];
  beforeAll(async () => {
    v = await transferVault();
    const aesBytes = randomBytes(32);
    const aes = await v.call('keys.import', { keyStoreId: v.store.id, name: 'Card data key', keyData: keyDataOf(aesBytes) });
    keys = [{ id: aes.id, algorithm: 'AES-256-GCM', bytes: aesBytes, publicPem: null }];
    for (const algorithm of ['RSA-2048', 'ECDSA-P256', 'ECDSA-P384', 'Ed25519']) {
      const key = await v.call('keys.create', { type: 'asymmetric', keyStoreId: v.store.id, name: `Signer ${algorithm}`, algorithm });
      keys.push({ id: key.id, algorithm, bytes: Buffer.alloc(0), publicPem: (await v.call('keys.publicKey', { keyId: key.id })).pem });
    }
    for (const key of keys) await v.call('keys.update', { keyId: key.id, allowExport: true });
    // The key's PKCS#8 DER as openssl writes it from the vault's own PEM (read in-process, for the comparison only).
    for (const key of keys.filter((k) => k.publicPem)) {
      key.bytes = openssl(['pkcs8', '-topk8', '-nocrypt', '-outform', 'DER'], v.km.keys().exportPrivateKey(key.id).pem);
    }
  }, 120_000);

  it.each(Object.keys(DEST_BITS) as Destination[])('%s: every key type it takes, unwrapped by openssl pkeyutl + enc', SLOW, async (destination) => {
    const bits = DEST_BITS[destination];
    const dest = destinationKeys[bits]!;
    const md = destination === 'azure-key-vault' ? 'sha1' : 'sha256';
    const fingerprint = opensslFingerprint(dest.publicPem);
    const extra = destination === 'azure-key-vault' ? { azureKekId: KEK_ID } : {};
    for (const key of keys) {
      const input = { keyId: key.id, destination, wrappingKeyPem: dest.publicPem, ...extra };
      if (!DestinationRules[destination].algorithms.includes(key.algorithm as never)) {
        const refused = await v.refusal('transfer.exportWrapped', input);
        expect(refused, `${destination} ${key.algorithm}`).toMatchObject({ code: 'DESTINATION_REFUSED', field: 'destination' });
        expect(refused.message).toContain('Ed25519');
        continue;
      }
      const before = v.saved.length;
      const out = await v.call('transfer.exportWrapped', input);
      expect(v.saved.length).toBe(before + 1);
      const saved = v.saved.at(-1)!;
      expect(out).toMatchObject({ destination, version: 1, wrappingKeyFingerprint: fingerprint, fileName: saved.suggestedName, saved: { status: 'saved' } });
      const blob = blobOf(destination, saved);
      const { ephemeral, key: recovered } = opensslUnwrap(dest, bits, blob, md);
      expect(ephemeral.length, `${destination} ${key.algorithm}: the ephemeral key is AES-256`).toBe(32);
      expect(recovered.equals(key.bytes), `${destination} ${key.algorithm}: the exact key bytes`).toBe(true);
      if (key.publicPem) {
        // PKCS#8 DER of the very key the app signs with: its public half is the app's public key.
        expect(openssl(['pkey', '-inform', 'DER', '-pubout'], recovered).toString('utf8')).toBe(key.publicPem);
      }
      // No key bytes in the answer; the import command names the file and the destination's fingerprint.
      expectNone(`${destination} answer`, JSON.stringify(out), secretForms(key.bytes));
      expect(out.command.text).toContain(saved.suggestedName);
      expect(out.command.text).toContain(fingerprint);
      expectNone(`${destination} command`, out.command.text, secretForms(key.bytes));
      const download = await v.call('transfer.downloadImportCommand', input);
      expect(download).toMatchObject({ status: 'saved', path: out.command.fileName });
      expect(v.saved.at(-1)!.bytes.toString('utf8')).toBe(out.command.text);
    }
  });

  it('each import command is the destination’s own, with the key type in its words', async () => {
    const aes = keys[0]!;
    const rsa = keys[1]!;
    const ec = keys[2]!;
    const command = async (keyId: string, destination: Destination) =>
      (
        await v.call('transfer.exportWrapped', {
          keyId,
          destination,
          wrappingKeyPem: destinationKeys[DEST_BITS[destination]]!.publicPem,
          ...(destination === 'azure-key-vault' ? { azureKekId: KEK_ID } : {}),
        })
      ).command.text as string;
    expect(await command(aes.id, 'vault-transit')).toMatch(
      /^vault write <MOUNT>\/keys\/<TRANSIT_KEY_NAME>\/import ciphertext=@Card data key-v1-transit\.transit\.b64 hash_function=SHA256 type=aes256-gcm96$/m,
    );
    expect(await command(ec.id, 'vault-transit')).toMatch(/type=ecdsa-p256$/m);
    expect(await command(rsa.id, 'aws-kms')).toMatch(
      /^aws kms import-key-material --key-id <KEY_ID> --encrypted-key-material fileb:\/\/Signer RSA-2048-v1-aws-kms\.bin --import-token fileb:\/\/<IMPORT_TOKEN_FILE>/m,
    );
    expect(await command(rsa.id, 'aws-kms')).toContain('--wrapping-algorithm RSA_AES_KEY_WRAP_SHA_256 --wrapping-key-spec RSA_2048');
    expect(await command(rsa.id, 'aws-kms')).toContain('--key-spec RSA_2048 --key-usage SIGN_VERIFY');
    expect(await command(aes.id, 'gcp-kms')).toMatch(/^gcloud kms keys versions import .* --algorithm google-symmetric-encryption --wrapped-key-file /m);
    expect(await command(aes.id, 'gcp-kms')).toContain('--import-method rsa-oaep-3072-sha256-aes-256');
    expect(await command(ec.id, 'azure-key-vault')).toMatch(
      /^az keyvault key import --vault-name contoso --name <KEY_NAME> --byok-file Signer ECDSA-P256-v1-azure\.byok --kty EC-HSM --curve-name P-256 --ops sign verify$/m,
    );
    expect(await command(aes.id, 'azure-key-vault')).toMatch(/^az keyvault key import --hsm-name <MANAGED_HSM_NAME> .* --kty oct-HSM /m);
    expect(await command(rsa.id, 'generic')).toContain('rsa_oaep_md:sha256');
  });

  it('an older version is exported when asked for, and the current one by default', async () => {
    const key = await v.call('keys.create', { type: 'symmetric', keyStoreId: v.store.id, name: 'Rotating' });
    await v.call('keys.update', { keyId: key.id, allowExport: true });
    await v.call('keys.rotate', { keyId: key.id });
    const dest = destinationKeys[2048]!;
    const input = { keyId: key.id, destination: 'generic', wrappingKeyPem: dest.publicPem };
    const v1 = await v.call('transfer.exportWrapped', { ...input, version: 1 });
    const blob1 = v.saved.at(-1)!.bytes;
    const current = await v.call('transfer.exportWrapped', input);
    const blob2 = v.saved.at(-1)!.bytes;
    expect([v1.version, current.version]).toEqual([1, 2]);
    expect(opensslUnwrap(dest, 2048, blob1, 'sha256').key.equals(v.km.keys().exportSymmetric(key.id, 1).key)).toBe(true);
    expect(opensslUnwrap(dest, 2048, blob2, 'sha256').key.equals(v.km.keys().exportSymmetric(key.id, 2).key)).toBe(true);
    expect(await v.refusal('transfer.exportWrapped', { ...input, version: 3 })).toMatchObject({ code: 'KEY_VERSION_NOT_FOUND', field: 'version' });
  });
});

describe('Export wrapped: refusals in words, and nothing saved', () => {
  let v: Vault;
  beforeAll(async () => {
    v = await transferVault();
  });

  it('refuses a key without Allow export, Scheduled to be Deleted, Confidential Data, and Ed25519 where the destination has none', async () => {
    const dest = destinationKeys[4096]!.publicPem;
    const sym = await v.call('keys.create', { type: 'symmetric', keyStoreId: v.store.id, name: 'Locked in' });
    const input = { keyId: sym.id, destination: 'generic', wrappingKeyPem: dest };
    const saved = v.saved.length;
    expect(await v.refusal('transfer.exportWrapped', input)).toEqual({
      code: 'EXPORT_NOT_ALLOWED',
      message: '"Locked in" does not allow export. A member can turn on Allow export in Detail Key Information.',
    });
    await v.call('keys.update', { keyId: sym.id, allowExport: true });
    await v.call('keys.requestDeletion', { keyId: sym.id });
    expect(await v.refusal('transfer.exportWrapped', input)).toMatchObject({ code: 'KEY_SCHEDULED_FOR_DELETION' });
    expect(await v.refusal('transfer.downloadImportCommand', input)).toMatchObject({ code: 'KEY_SCHEDULED_FOR_DELETION' });
    const note = await v.call('keys.create', { type: 'confidential', keyStoreId: v.store.id, name: 'PIN', data: 'secret pin 4412' });
    expect(await v.refusal('transfer.exportWrapped', { ...input, keyId: note.id })).toEqual({
      code: 'OPERATION_NOT_SUPPORTED',
      message: '"PIN" is Confidential Data: there is no key to wrap. Export wrapped is for Symmetric and Asymmetric Keys.',
    });
    const ed = await v.call('keys.create', { type: 'asymmetric', keyStoreId: v.store.id, name: 'Ed', algorithm: 'Ed25519' });
    await v.call('keys.update', { keyId: ed.id, allowExport: true });
    const azure = await v.refusal('transfer.exportWrapped', { keyId: ed.id, destination: 'azure-key-vault', wrappingKeyPem: dest, azureKekId: KEK_ID });
    expect(azure).toEqual({
      code: 'DESTINATION_REFUSED',
      field: 'destination',
      message: 'Azure Key Vault does not take Ed25519 keys. Azure Key Vault imports RSA and EC keys (and AES keys into a Managed HSM); it has no Ed25519 keys.',
    });
    expect(await v.refusal('transfer.exportWrapped', { keyId: ed.id, destination: 'aws-kms', wrappingKeyPem: dest })).toMatchObject({
      code: 'DESTINATION_REFUSED',
      message: expect.stringMatching(/^AWS KMS does not take Ed25519 keys\. .*Use Generic if your account accepts it\.$/),
    });
    // Vault/OpenBao transit, Google Cloud KMS and Generic take Ed25519 (PKCS#8).
    await v.call('transfer.exportWrapped', { keyId: ed.id, destination: 'vault-transit', wrappingKeyPem: dest });
    expect(v.saved.length).toBe(saved + 1);
  });

  it('refuses a destination key of 1024 bits, a size the destination has no key of, a non-RSA key, a private key and garbage', async () => {
    const key = await v.call('keys.create', { type: 'symmetric', keyStoreId: v.store.id, name: 'Going out' });
    await v.call('keys.update', { keyId: key.id, allowExport: true });
    const saved = v.saved.length;
    const weak = rsaKey(1024);
    const ec = opensslKey('ec-dest', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const refused = (wrappingKeyPem: string, destination: Destination = 'generic') =>
      v.refusal('transfer.exportWrapped', { keyId: key.id, destination, wrappingKeyPem });
    expect(await refused(weak.publicPem)).toEqual({
      code: 'WRAPPING_KEY_REFUSED',
      field: 'wrappingKeyPem',
      message: 'This RSA key has 1024 bits: too short to protect a key in transit. Use a wrapping key of 2048, 3072 or 4096 bits.',
    });
    expect(await refused(destinationKeys[2048]!.publicPem, 'vault-transit')).toMatchObject({
      code: 'WRAPPING_KEY_REFUSED',
      message: expect.stringMatching(/^Vault \/ OpenBao transit wrapping keys are 4096 bits; this one has 2048\./),
    });
    expect(await refused(destinationKeys[2048]!.publicPem, 'gcp-kms')).toMatchObject({
      code: 'WRAPPING_KEY_REFUSED',
      message: expect.stringMatching(/^Google Cloud KMS wrapping keys are 3072 or 4096 bits; this one has 2048\./),
    });
    expect(await refused(ec.publicPem)).toMatchObject({ code: 'WRAPPING_KEY_REFUSED', message: expect.stringMatching(/^This is an EC key\. Wrapping needs/) });
    const privatePem = openssl(['pkey', '-in', destinationKeys[2048]!.pem]).toString('utf8');
    const pasted = await refused(privatePem);
    expect(pasted).toMatchObject({ code: 'WRAPPING_KEY_REFUSED', message: expect.stringMatching(/^This is a private key\./) });
    expectNone('the refusal', JSON.stringify(pasted), [privatePem.split('\n')[3]!]);
    expect(await refused('-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----')).toMatchObject({ code: 'WRAPPING_KEY_REFUSED' });
    expect(await refused('not base64 at all ###')).toMatchObject({ code: 'WRAPPING_KEY_REFUSED' });
    // Azure's .byok names the key exchange key: without it, the form says so under its field.
    expect(
      await v.refusal('transfer.exportWrapped', { keyId: key.id, destination: 'azure-key-vault', wrappingKeyPem: destinationKeys[4096]!.publicPem }),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'azureKekId' });
    expect(v.saved.length).toBe(saved);
  });

  it('inspects a pasted destination key: size, SHA-256 fingerprint (as openssl computes it), the destinations that take it', async () => {
    for (const bits of [2048, 3072, 4096]) {
      const dest = destinationKeys[bits]!;
      const view = await v.call('transfer.inspectDestinationKey', { wrappingKeyPem: dest.publicPem });
      expect(view).toEqual({
        bits,
        fingerprint: opensslFingerprint(dest.publicPem),
        destinations: (Object.keys(DestinationRules) as Destination[]).filter((d) => DestinationRules[d].wrappingKeyBits.includes(bits)),
      });
    }
    // AWS answers GetParametersForImport with the key as base64 DER: taken as it is.
    const der = openssl(['pkey', '-pubin', '-outform', 'DER'], destinationKeys[2048]!.publicPem).toString('base64');
    expect(await v.call('transfer.inspectDestinationKey', { wrappingKeyPem: der, destination: 'aws-kms' })).toMatchObject({ bits: 2048 });
    expect(await v.refusal('transfer.inspectDestinationKey', { wrappingKeyPem: der, destination: 'vault-transit' })).toMatchObject({
      code: 'WRAPPING_KEY_REFUSED',
    });
  });
});

describe('Import Key, Wrapped key material: blobs made with openssl', () => {
  let v: Vault;
  let first: { publicKeyPem: string; fingerprint: string; bits: number; created: boolean; createdAt: string };
  let wrappingPem: string;
  beforeAll(async () => {
    v = await transferVault();
    first = await v.call('transfer.wrappingKey');
    wrappingPem = first.publicKeyPem;
  }, 60_000);

  it('the vault’s wrapping key: RSA-4096, made once, its fingerprint as openssl computes it, downloadable as PEM', async () => {
    expect(first).toMatchObject({ bits: 4096, created: true });
    expect(await v.call('transfer.wrappingKey')).toEqual({ ...first, created: false });
    expect(openssl(['pkey', '-pubin', '-text', '-noout'], first.publicKeyPem).toString('utf8')).toMatch(/Public-Key: \(4096 bit\)/);
    expect(first.fingerprint).toBe(opensslFingerprint(first.publicKeyPem));
    expect(await v.call('transfer.downloadWrappingKey')).toMatchObject({ status: 'saved', path: expect.stringMatching(/^skm-wrapping-key-[0-9a-f]{8}\.pem$/) });
    expect(v.saved.at(-1)!.bytes.toString('utf8')).toBe(first.publicKeyPem);
  });

  it('an AES-256 key: imports, encrypts and decrypts as the original bytes do', async () => {
    const target = randomBytes(32);
    const imported = await v.call('keys.import', {
      keyStoreId: v.store.id,
      name: 'From the HSM',
      wrapped: { algorithm: 'AES-256-GCM', blob: opensslWrap(wrappingPem, target).toString('base64') },
    });
    expect(imported).toMatchObject({ type: 'symmetric', algorithm: 'AES-256-GCM', origin: 'imported', currentVersion: 1 });
    const sealed = await v.call('keys.encrypt', { keyId: imported.id, payload: { data: 'settlement batch 7731' } });
    expect((await v.call('keys.decrypt', { keyId: imported.id, ciphertext: sealed.ciphertext })).text).toBe('settlement batch 7731');
    // The original bytes open the app's ciphertext (AES-256-GCM, iv | ciphertext | tag, the key id and version as AAD).
    const bytes = Buffer.from(sealed.ciphertext.split(':')[2], 'base64');
    const decipher = createDecipheriv('aes-256-gcm', target, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(`skm:${imported.id}:v1`));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    expect(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8')).toBe('settlement batch 7731');
    // And the key check value the officers compare: AES-ECB of a zero block under the original bytes, by openssl.
    const kcv = openssl(['enc', '-aes-256-ecb', '-nopad', '-K', target.toString('hex')], Buffer.alloc(16))
      .subarray(0, 3)
      .toString('hex')
      .toUpperCase();
    expect(v.km.keys().fingerprints(imported.id).keyCheckValue).toBe(kcv);
  });

  const asymmetric: {
    algorithm: string;
    args: string[];
    sign: (k: OpensslKey, data: string) => Buffer;
    verify: (k: OpensslKey, data: string, signature: Buffer) => Buffer;
  }[] = [
    {
      algorithm: 'RSA-2048',
      args: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
      sign: (k, data) => openssl(['dgst', '-sha256', '-sign', k.pem, '-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32'], data),
      verify: (k, data, sig) =>
        openssl(
          [
            'dgst',
            '-sha256',
            '-verify',
            file('rsa-pub.pem', k.publicPem),
            '-sigopt',
            'rsa_padding_mode:pss',
            '-sigopt',
            'rsa_pss_saltlen:32',
            '-signature',
            file('rsa.sig', sig),
          ],
          data,
        ),
    },
    {
      algorithm: 'ECDSA-P256',
      args: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
      sign: (k, data) => openssl(['dgst', '-sha256', '-sign', k.pem], data),
      verify: (k, data, sig) => openssl(['dgst', '-sha256', '-verify', file('ec-pub.pem', k.publicPem), '-signature', file('ec.sig', sig)], data),
    },
    {
      algorithm: 'ECDSA-P384',
      args: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384'],
      sign: (k, data) => openssl(['dgst', '-sha384', '-sign', k.pem], data),
      verify: (k, data, sig) => openssl(['dgst', '-sha384', '-verify', file('ec384-pub.pem', k.publicPem), '-signature', file('ec384.sig', sig)], data),
    },
    {
      algorithm: 'Ed25519',
      args: ['-algorithm', 'ED25519'],
      sign: (k, data) => openssl(['pkeyutl', '-sign', '-inkey', k.pem, '-rawin', '-in', file('ed-data', data)]),
      verify: (k, data, sig) =>
        openssl([
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          file('ed-pub.pem', k.publicPem),
          '-rawin',
          '-in',
          file('ed-data', data),
          '-sigfile',
          file('ed.sig', sig),
        ]),
    },
  ];

  it.each(asymmetric)('$algorithm (PKCS#8 from openssl genpkey): signatures cross both ways with the original', async ({ algorithm, args, sign, verify }) => {
    const original = opensslKey(`import-${algorithm}`, args);
    const imported = await v.call('keys.import', {
      keyStoreId: v.store.id,
      name: `Imported ${algorithm}`,
      wrapped: { algorithm, blob: opensslWrap(wrappingPem, original.pkcs8).toString('base64') },
    });
    expect(imported).toMatchObject({ type: 'asymmetric', algorithm, origin: 'imported' });
    expect((await v.call('keys.publicKey', { keyId: imported.id })).pem).toBe(original.publicPem);
    const data = `contract ${algorithm} to be signed`;
    // A signature by the original key verifies through the app's keys.verify...
    const theirs = sign(original, data).toString('base64');
    expect(await v.call('keys.verify', { keyId: imported.id, payload: { data }, signature: theirs })).toEqual({ valid: true, version: 1 });
    // ...and the app's signature verifies with openssl and the original public key.
    const ours = await v.call('keys.sign', { keyId: imported.id, payload: { data } });
    expect(verify(original, data, Buffer.from(ours.signature.split(':')[2], 'base64')).toString('utf8')).toMatch(/Verified (OK|Successfully)/);
  });

  it('refuses a blob for another wrapping key, a truncated or damaged blob, and a wrong key type, in words, creating nothing', async () => {
    const count = (await v.call('keys.list', { keyStoreId: v.store.id })).length;
    const { fingerprint } = await v.call('transfer.wrappingKey');
    const aes = randomBytes(32);
    const importing = (wrapped: { algorithm: string; blob: Buffer }, name = 'refused') =>
      v.refusal('keys.import', { keyStoreId: v.store.id, name, wrapped: { algorithm: wrapped.algorithm, blob: wrapped.blob.toString('base64') } });
    const good = opensslWrap(wrappingPem, aes);
    const secrets = [...secretForms(aes), good.toString('base64').slice(100, 160)];

    const other = await importing({ algorithm: 'AES-256-GCM', blob: opensslWrap(destinationKeys[4096]!.publicPem, aes) });
    expect(other).toEqual({
      code: 'WRAPPED_KEY_MISMATCH',
      field: 'wrapped.blob',
      message: `The key was not wrapped for this vault’s wrapping key (fingerprint ${fingerprint}), or not with RSA-OAEP SHA-256. Wrap it again for the wrapping key shown under Import Key, Wrapped key material.`,
    });
    const short = await importing({ algorithm: 'AES-256-GCM', blob: good.subarray(0, 300) });
    expect(short).toMatchObject({
      code: 'WRAPPED_KEY_INVALID',
      field: 'wrapped.blob',
      message: expect.stringMatching(/^The wrapped key file is 300 bytes: too short\./),
    });
    const cut = await importing({ algorithm: 'AES-256-GCM', blob: good.subarray(0, good.length - 8) });
    expect(cut).toMatchObject({ code: 'WRAPPED_KEY_INVALID', message: expect.stringMatching(/^The wrapped key file is truncated or damaged/) });
    const flipped = Buffer.from(good);
    flipped[flipped.length - 3]! ^= 0x10;
    expect(await importing({ algorithm: 'AES-256-GCM', blob: flipped })).toMatchObject({ code: 'WRAPPED_KEY_INVALID' });

    const ec = opensslKey('wrong-type-ec', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    expect(await importing({ algorithm: 'AES-256-GCM', blob: opensslWrap(wrappingPem, ec.pkcs8) })).toEqual({
      code: 'INVALID_KEY_DATA',
      field: 'wrapped.algorithm',
      message: 'The wrapped key is an ECDSA P-256 key in PKCS#8, not an AES-256 key. Choose ECDSA-P256 as the algorithm, or wrap the right key.',
    });
    expect(await importing({ algorithm: 'AES-256-GCM', blob: opensslWrap(wrappingPem, randomBytes(16)) })).toMatchObject({
      code: 'INVALID_KEY_DATA',
      message: 'An AES-256 key is exactly 32 bytes; the wrapped key is 16 bytes. Wrap the raw key bytes, not an encoding of them.',
    });
    // A key that is no secret is refused however it arrives (as typed Key Data is): all zero bytes, a repeated pattern.
    for (const weak of [Buffer.alloc(32), Buffer.alloc(32, Buffer.from([0xde, 0xad, 0xbe, 0xef]))]) {
      expect(await importing({ algorithm: 'AES-256-GCM', blob: opensslWrap(wrappingPem, weak) })).toMatchObject({
        code: 'INVALID_KEY_DATA',
        field: 'wrapped.blob',
      });
    }
    expect(await importing({ algorithm: 'ECDSA-P384', blob: opensslWrap(wrappingPem, ec.pkcs8) })).toMatchObject({
      code: 'INVALID_KEY_DATA',
      message: 'The wrapped key is an ECDSA P-256 key, not an ECDSA P-384 key. Choose ECDSA-P256 as the algorithm, or wrap the right key.',
    });
    expect(await importing({ algorithm: 'RSA-2048', blob: good })).toMatchObject({
      code: 'INVALID_KEY_DATA',
      message: expect.stringMatching(/^The wrapped key is 32 raw bytes \(an AES-256 key\?\), not an RSA 2048 key in PKCS#8 DER\./),
    });
    const rsa3072 = rsaKey(3072);
    expect(await importing({ algorithm: 'RSA-2048', blob: opensslWrap(wrappingPem, rsa3072.pkcs8) })).toMatchObject({
      code: 'INVALID_KEY_DATA',
      message: 'The wrapped key is an RSA 3072 key, not an RSA 2048 key. Choose RSA-3072 as the algorithm, or wrap the right key.',
    });
    const p521 = opensslKey('wrong-type-p521', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']);
    expect(await importing({ algorithm: 'ECDSA-P384', blob: opensslWrap(wrappingPem, p521.pkcs8) })).toMatchObject({
      code: 'INVALID_KEY_DATA',
      message:
        'The wrapped key is an EC key on secp521r1, not an ECDSA P-384 key. This app holds RSA 2048, 3072 and 4096, ECDSA P-256 and P-384, and Ed25519 keys: wrap one of those.',
    });
    // A file that is no base64 is refused by the form's own check.
    expect(await v.refusal('keys.import', { keyStoreId: v.store.id, name: 'x', wrapped: { algorithm: 'AES-256-GCM', blob: 'not base64!' } })).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'wrapped.blob',
    });
    expect((await v.call('keys.list', { keyStoreId: v.store.id })).length).toBe(count);
    expectNone('the refusals', JSON.stringify([other, short, cut]), secrets);
  });

  it('a vault without a wrapping key yet says so', async () => {
    const fresh = await transferVault();
    expect(
      await fresh.refusal('keys.import', {
        keyStoreId: fresh.store.id,
        name: 'x',
        wrapped: { algorithm: 'AES-256-GCM', blob: randomBytes(600).toString('base64') },
      }),
    ).toMatchObject({ code: 'WRAPPED_KEY_MISMATCH', message: expect.stringMatching(/^This vault has no wrapping key yet/) });
  });
});

describe('the wrapping key’s private half never leaves the vault', () => {
  it('no answer carries it, no audit record, and the data folder holds it only encrypted', SLOW, async () => {
    const v = await transferVault();
    const answers: unknown[] = [];
    const keep = async (channel: string, input?: unknown) => {
      const value = await v.call(channel, input);
      answers.push(value);
      return value;
    };
    const wrapping = await keep('transfer.wrappingKey');
    await keep('transfer.downloadWrappingKey');
    const dest = destinationKeys[4096]!.publicPem;
    await keep('transfer.inspectDestinationKey', { wrappingKeyPem: wrapping.publicKeyPem });
    const key = await keep('keys.create', { type: 'asymmetric', keyStoreId: v.store.id, name: 'Signer', algorithm: 'ECDSA-P256' });
    await keep('keys.update', { keyId: key.id, allowExport: true });
    await keep('transfer.exportWrapped', { keyId: key.id, destination: 'vault-transit', wrappingKeyPem: dest });
    await keep('transfer.downloadImportCommand', { keyId: key.id, destination: 'vault-transit', wrappingKeyPem: dest });
    const target = randomBytes(32);
    await keep('keys.import', {
      keyStoreId: v.store.id,
      name: 'In',
      wrapped: { algorithm: 'AES-256-GCM', blob: opensslWrap(wrapping.publicKeyPem, target).toString('base64') },
    });
    // Read in-process, for the search only.
    const privatePem = v.km.document()!.wrappingKey!.privateKeyPem;
    const der = createPrivateKey(privatePem).export({ type: 'pkcs8', format: 'der' });
    const lines = privatePem.split('\n').filter((l) => l.length === 64);
    const secrets = [...lines.slice(2, 6), ...secretForms(der), ...secretForms(target)];
    expectNone('the answers', JSON.stringify(answers), secrets);
    expectNone('the saved files', v.saved.map((f) => f.bytes.toString('latin1')).join('\n'), secrets);
    const records = await v.km.auditLog().records();
    expectNone('the audit records', JSON.stringify(records), secrets);
    // Lock: everything on disk, then search every file of the data folder, as text and as raw bytes.
    await v.km.lock();
    const disk = await allFileText(v.dir);
    expectNone('the data folder', disk, [...secrets, der.subarray(100, 148).toString('latin1'), target.toString('latin1')]);
    // The search can see: the public half is in the answers in the clear, and its fingerprint in the records.
    expect(JSON.stringify(answers)).toContain(wrapping.publicKeyPem.split('\n')[2]);
    expect(JSON.stringify(records)).toContain(wrapping.fingerprint);
  });
});

describe('through the dispatcher: roles, approvals, audit', () => {
  it('a VIEWER may not export or see the wrapping key; a MEMBER may', async () => {
    const v = await transferVault();
    const key = await v.call('keys.create', { type: 'symmetric', keyStoreId: v.store.id, name: 'K' });
    await v.call('keys.update', { keyId: key.id, allowExport: true });
    for (const [username, role] of [
      ['viewer', 'VIEWER'],
      ['member', 'MEMBER'],
    ]) {
      await v.call('members.add', { username, passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE, role });
    }
    const input = { keyId: key.id, destination: 'generic', wrappingKeyPem: destinationKeys[2048]!.publicPem };
    await v.km.lock();
    await v.call('vault.unlock', { username: 'viewer', passphrase: PASSPHRASE });
    for (const [channel, payload] of [
      ['transfer.exportWrapped', input],
      ['transfer.downloadImportCommand', input],
      ['transfer.wrappingKey', undefined],
      ['transfer.downloadWrappingKey', undefined],
      ['transfer.inspectDestinationKey', { wrappingKeyPem: input.wrappingKeyPem }],
    ] as const) {
      expect(await v.refusal(channel, payload), channel).toMatchObject({
        code: 'FORBIDDEN',
        message:
          'Your role (VIEWER) cannot use keys (encrypt, decrypt, sign, create data keys), reveal data or download certificates. Ask an ADMIN to change your role.',
      });
    }
    await v.km.lock();
    await v.call('vault.unlock', { username: 'member', passphrase: PASSPHRASE });
    expect(await v.call('transfer.exportWrapped', input)).toMatchObject({ destination: 'generic', version: 1 });
  });

  it('with the Approval Feature on, a wrapped import is staged (checked at once), approved, and its blob dropped from the decided request', SLOW, async () => {
    const v = await transferVault();
    const add = (username: string, approvalRoles: string[]) =>
      v.call('members.add', { username, passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE, role: 'MEMBER', approvalRoles });
    await add('requester', ['APPROVAL_MEMBER']);
    await add('approver', ['APPROVAL_ADMIN']);
    const { publicKeyPem, fingerprint } = await v.call('transfer.wrappingKey');
    await v.call('governance.update', { approvalFeature: true });
    const as = async (username: string) => {
      await v.km.lock();
      await v.call('vault.unlock', { username, passphrase: PASSPHRASE });
    };
    await as('requester');
    const original = opensslKey('staged-ec', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']);
    const input = {
      keyStoreId: v.store.id,
      name: 'From the old HSM',
      wrapped: { algorithm: 'ECDSA-P384', blob: opensslWrap(publicKeyPem, original.pkcs8).toString('base64') },
    };
    expect(await v.refusal('keys.import', input)).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    // Checked when staged, as the import would be: another wrapping key, or a wrong algorithm, is refused at once.
    expect(
      await v.refusal('staging.stage', {
        channel: 'keys.import',
        input: { ...input, wrapped: { ...input.wrapped, blob: opensslWrap(destinationKeys[4096]!.publicPem, original.pkcs8).toString('base64') } },
      }),
    ).toMatchObject({ code: 'WRAPPED_KEY_MISMATCH', field: 'input.wrapped.blob' });
    expect(
      await v.refusal('staging.stage', { channel: 'keys.import', input: { ...input, wrapped: { ...input.wrapped, algorithm: 'ECDSA-P256' } } }),
    ).toMatchObject({
      code: 'INVALID_KEY_DATA',
      field: 'input.wrapped.algorithm',
    });
    const staged = await v.call('staging.stage', { channel: 'keys.import', input });
    expect(staged).toMatchObject({ status: 'Added', itemKind: 'Asymmetric Key', itemName: 'From the old HSM' });
    expect(staged.fields).toEqual(
      expect.arrayContaining([
        { field: 'Type', before: null, after: 'Asymmetric Key (imported)' },
        { field: 'Algorithm', before: null, after: 'ECDSA P-384' },
        { field: 'Key data', before: null, after: `(secret), wrapped for the vault's wrapping key ${fingerprint}` },
      ]),
    );
    expect(JSON.stringify(staged)).not.toContain(input.wrapped.blob.slice(0, 40));
    // The audit trail says a wrapped key came in for approval, and under which wrapping key (never the blob).
    const stagedRecord = (await v.km.auditLog().records()).filter((r) => r.action === 'staging.stage' && r.outcome === 'ok').at(-1);
    expect(stagedRecord?.facts).toMatchObject({ wrapped: true, wrappingKeyFingerprint: fingerprint });
    expect(JSON.stringify(await v.km.auditLog().records())).not.toContain(input.wrapped.blob.slice(0, 40));
    const request = await v.call('approvals.request', { keyStoreId: v.store.id, comment: 'HSM migration' });
    await as('approver');
    expect(await v.call('approvals.approve', { requestId: request.id })).toMatchObject({ status: 'Approved' });
    const imported = (await v.call('keys.list', { keyStoreId: v.store.id })).find((k: { name: string }) => k.name === 'From the old HSM');
    expect(imported).toMatchObject({ type: 'asymmetric', algorithm: 'ECDSA-P384', origin: 'imported' });
    expect((await v.call('keys.publicKey', { keyId: imported.id })).pem).toBe(original.publicPem);
    // The decided request keeps no blob (nor anything of the key).
    const decided = v.km.document()!.approvals!.requests.find((r) => r.id === request.id)!;
    expect(decided.changes[0]!.input).not.toHaveProperty('wrapped');
    expect(JSON.stringify(v.km.document()!.approvals)).not.toContain(input.wrapped.blob.slice(0, 40));
  });

  it('every export and wrapped import is an audit record naming the destination and the wrapping key’s fingerprint, and no key bytes', SLOW, async () => {
    const v = await transferVault();
    const aes = randomBytes(32);
    const key = await v.call('keys.import', { keyStoreId: v.store.id, name: 'Tokens', keyData: keyDataOf(aes) });
    await v.call('keys.update', { keyId: key.id, allowExport: true });
    const dest = destinationKeys[3072]!;
    const exportInput = { keyId: key.id, destination: 'gcp-kms', wrappingKeyPem: dest.publicPem };
    await v.call('transfer.exportWrapped', exportInput);
    await v.call('transfer.downloadImportCommand', exportInput);
    await v.refusal('transfer.exportWrapped', { ...exportInput, destination: 'vault-transit' });
    const wrapping = await v.call('transfer.wrappingKey');
    await v.call('transfer.inspectDestinationKey', { wrappingKeyPem: dest.publicPem });
    const target = randomBytes(32);
    const blob = opensslWrap(wrapping.publicKeyPem, target).toString('base64');
    const imported = await v.call('keys.import', { keyStoreId: v.store.id, name: 'Arrived', wrapped: { algorithm: 'AES-256-GCM', blob } });
    const records = (await v.km.auditLog().records()).filter(
      (r) => r.action.startsWith('transfer.') || (r.action === 'keys.import' && r.target?.keyName === 'Arrived'),
    );
    const fingerprint = opensslFingerprint(dest.publicPem);
    const target3 = { keyStoreId: v.store.id, keyStoreName: 'Payments', keyId: key.id, keyName: 'Tokens' };
    expect(records.map((r) => [r.action, r.outcome, r.code ?? null, r.target ?? null, r.facts ?? null])).toEqual([
      ['transfer.exportWrapped', 'ok', null, target3, { version: 1, destination: 'gcp-kms', wrappingKeyFingerprint: fingerprint }],
      ['transfer.downloadImportCommand', 'ok', null, target3, { status: 'saved', destination: 'gcp-kms' }],
      ['transfer.exportWrapped', 'failed', 'WRAPPING_KEY_REFUSED', target3, null],
      ['transfer.wrappingKey', 'ok', null, null, { wrappingKeyFingerprint: wrapping.fingerprint, created: true }],
      [
        'keys.import',
        'ok',
        null,
        { keyStoreId: v.store.id, keyStoreName: 'Payments', keyId: imported.id, keyName: 'Arrived' },
        { version: 1, algorithm: 'AES-256-GCM', status: 'in-service', wrapped: true, wrappingKeyFingerprint: wrapping.fingerprint },
      ],
    ]);
    expectNone('the audit records', JSON.stringify(await v.km.auditLog().records()), [...secretForms(aes), ...secretForms(target), blob.slice(200, 260)]);
  });
});
