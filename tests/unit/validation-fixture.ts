import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createDispatcher } from '../../main/core/bridge';
import type { FileSaver } from '../../main/core/files/file-saver';
import { KeyManager } from '../../main/core/key-manager';
import { rsaAesWrap } from '../../main/core/transfer/rsa-aes-wrap';
import { FAST_KDF, FAST_PKCS12, FakeClock, PASSPHRASE, caller } from './helpers';

/**
 * A vault for the validation and fuzz tests: two key stores, a key of each kind (one Scheduled to be Deleted), and
 * IPv4, MAC and certificate entries (one Scheduled to be Deleted). Built once into a template folder; each test
 * opens a copy, so a call that changes or destroys something is undone by opening a fresh copy.
 */
export interface FixtureIds {
  keyStore: string;
  emptyKeyStore: string;
  confidential: string;
  symmetric: string;
  imported: string;
  ed25519: string;
  ecdsa: string;
  rsa: string;
  scheduledKey: string;
  ipv4: string;
  mac: string;
  certificate: string;
  scheduledAuth: string;
}

/**
 * Key transfer: public wrapping keys to export for (an RSA-2048 destination; the vault's own RSA-4096 wrapping key,
 * the size transit takes) and a key wrapped for the vault's wrapping key, for a wrapped import. The imported AES key
 * and the Ed25519 key have Allow export on.
 */
export interface TransferSamples {
  destinationPem: string;
  transitPem: string;
  wrappedAes: string;
}

export interface Fixture {
  dir: string;
  ids: FixtureIds;
  names: { scheduledKey: string; scheduledAuth: string; certificate: string };
  ciphertext: string;
  signature: string;
  transfer: TransferSamples;
}

export const CERTIFICATE_PASSWORD = 'a long certificate password';
const SCHEDULED_KEY = 'Retired key';
const SCHEDULED_AUTH = '10.9.9.9';
const CERTIFICATE = 'client-1';

/** Hosts save files through this; the tests never need the bytes. */
const cancelSaves: FileSaver = { save: () => Promise.resolve({ status: 'cancelled' }) };

export function fixtureManager(dataDir: string): KeyManager {
  return new KeyManager({ dataDir, kdf: FAST_KDF, pkcs12Iterations: FAST_PKCS12, backoff: () => 0, clock: new FakeClock(), files: cancelSaves });
}

const made: string[] = [];
const newDir = (): string => {
  const dir = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'skm-validation-'));
  made.push(dir);
  return dir;
};

/** Remove every folder made here (call from afterAll). */
export function removeFixtureDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export async function buildFixture(): Promise<Fixture> {
  const dir = newDir();
  const km = fixtureManager(dir);
  const call = caller(createDispatcher(km));
  await call('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  const keyStore = (await call('keystores.create', { name: 'Payments', description: 'Card keys', authMethods: ['ipv4', 'mac', 'certificate'] })).id;
  const emptyKeyStore = (await call('keystores.create', { name: '키 저장소', authMethods: ['ipv4'] })).id;
  const key = async (input: object): Promise<string> => (await call('keys.create', { keyStoreId: keyStore, ...input })).id;
  const ids: FixtureIds = {
    keyStore,
    emptyKeyStore,
    confidential: await key({ type: 'confidential', name: 'Note', data: 'the secret' }),
    symmetric: await key({ type: 'symmetric', name: 'Card data key' }),
    imported: (
      await call('keys.import', {
        keyStoreId: keyStore,
        name: 'Imported',
        keyData: Array.from({ length: 32 }, (_, i) => `0x${i.toString(16).padStart(2, '0')}`).join(', '),
      })
    ).id,
    ed25519: await key({ type: 'asymmetric', name: 'Signer', algorithm: 'Ed25519' }),
    ecdsa: await key({ type: 'asymmetric', name: 'Signer P-256', algorithm: 'ECDSA-P256' }),
    rsa: await key({ type: 'asymmetric', name: 'Signer RSA', algorithm: 'RSA-2048' }),
    scheduledKey: await key({ type: 'symmetric', name: SCHEDULED_KEY }),
    ipv4: (await call('auth.addIpv4', { keyStoreId: keyStore, address: '10.0.0.1' })).id,
    mac: (await call('auth.addMac', { keyStoreId: keyStore, address: 'aa:bb:cc:dd:ee:ff' })).id,
    certificate: (
      await call('auth.addCertificate', {
        keyStoreId: keyStore,
        name: CERTIFICATE,
        password: CERTIFICATE_PASSWORD,
        confirmPassword: CERTIFICATE_PASSWORD,
        validFrom: '2026-11-28',
        validTo: '2027-11-27',
      })
    ).id,
    scheduledAuth: (await call('auth.addIpv4', { keyStoreId: keyStore, address: SCHEDULED_AUTH })).id,
  };
  await call('keys.requestDeletion', { keyId: ids.scheduledKey });
  await call('auth.requestDeletion', { id: ids.scheduledAuth });
  const ciphertext = (await call('keys.encrypt', { keyId: ids.symmetric, payload: { data: 'hello' } })).ciphertext;
  const signature = (await call('keys.sign', { keyId: ids.ed25519, payload: { data: 'hello' } })).signature;
  for (const keyId of [ids.imported, ids.ed25519]) await call('keys.update', { keyId, allowExport: true });
  // Made here, once: the vault's RSA-4096 wrapping key takes seconds, which no fuzz case should pay for.
  const transitPem: string = (await call('transfer.wrappingKey')).publicKeyPem;
  const aesKey = randomBytes(32);
  const transfer: TransferSamples = {
    destinationPem: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string,
    transitPem,
    wrappedAes: rsaAesWrap(createPublicKey(transitPem), aesKey, 'sha256').toString('base64'),
  };
  await km.caughtUp();
  await km.lock('shutdown');
  return { dir, ids, names: { scheduledKey: SCHEDULED_KEY, scheduledAuth: SCHEDULED_AUTH, certificate: CERTIFICATE }, ciphertext, signature, transfer };
}

/** An unlocked copy of the fixture in a folder of its own. */
export async function openFixtureCopy(fixture: Fixture) {
  const dir = newDir();
  cpSync(fixture.dir, dir, { recursive: true, filter: (src) => !/\.lock($|\.)|\.tmp/.test(path.basename(src)) });
  const km = fixtureManager(dir);
  await km.unlock({ username: 'admin', passphrase: PASSPHRASE });
  await km.caughtUp();
  return { km, dir, dispatch: createDispatcher(km) };
}

const hexKey = Array.from({ length: 32 }, (_, i) => `0x${(255 - i).toString(16)}`).join(' ');

/**
 * Valid inputs for each channel, written as a person would send them. A channel added later without samples here is
 * still fuzzed (with arbitrary values and inputs shaped after its schema); add samples to reach its logic too.
 */
export function validInputs(f: Pick<Fixture, 'ids' | 'names' | 'ciphertext' | 'signature' | 'transfer'>): Record<string, unknown[]> {
  const { ids } = f;
  const { destinationPem, transitPem, wrappedAes } = f.transfer;
  const payload = { data: 'hello', encoding: 'utf8' };
  const certificate = {
    keyStoreId: ids.keyStore,
    description: '',
    password: CERTIFICATE_PASSWORD,
    confirmPassword: CERTIFICATE_PASSWORD,
    validFrom: '2026-11-28',
    validTo: '2027-11-27',
  };
  const newPassphrase = 'another long passphrase';
  return {
    'vault.create': [{ username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE }],
    'vault.unlock': [
      { username: 'admin', passphrase: PASSPHRASE },
      { username: 'ADMIN', passphrase: PASSPHRASE },
    ],
    'vault.changePassphrase': [{ currentPassphrase: PASSPHRASE, newPassphrase, confirmPassphrase: newPassphrase }],
    'settings.update': [{ autoLockMinutes: 10 }, {}],
    'keystores.get': [{ id: ids.keyStore }, { id: ids.emptyKeyStore }],
    'keystores.create': [
      { name: 'Payments EU', description: 'Cards, EU', authMethods: ['ipv4', 'mac'] },
      { name: '暗号鍵', authMethods: ['certificate'] },
    ],
    'keystores.update': [
      { id: ids.keyStore, name: 'Müller', description: 'renamed', authMethods: ['certificate'] },
      { id: ids.emptyKeyStore, description: 'x' },
    ],
    'keys.list': [{ keyStoreId: ids.keyStore }, { keyStoreId: ids.emptyKeyStore }],
    'keys.get': [{ keyId: ids.symmetric }, { keyId: ids.rsa }, { keyId: ids.scheduledKey }],
    'keys.create': [
      { type: 'confidential', keyStoreId: ids.keyStore, name: 'New note', description: '', data: 'remember me' },
      { type: 'symmetric', keyStoreId: ids.keyStore, name: 'New key', rotationCycleDays: 30 },
      { type: 'asymmetric', keyStoreId: ids.keyStore, name: 'New signer', algorithm: 'Ed25519' },
      { type: 'asymmetric', keyStoreId: ids.emptyKeyStore, name: '서명 키', algorithm: 'ECDSA-P256', rotationCycleDays: 0 },
    ],
    'keys.import': [
      { keyStoreId: ids.keyStore, name: 'Imported 2', description: 'from the HSM', keyData: hexKey },
      { keyStoreId: ids.keyStore, name: 'Wrapped import', description: 'from another vault', wrapped: { algorithm: 'AES-256-GCM', blob: wrappedAes } },
    ],
    'keys.update': [
      { keyId: ids.symmetric, description: 'new words', rotationCycleDays: 90 },
      { keyId: ids.confidential, description: '' },
    ],
    'keys.rotate': [{ keyId: ids.symmetric }, { keyId: ids.ed25519 }, { keyId: ids.imported }],
    'keys.requestDeletion': [{ keyId: ids.symmetric }, { keyId: ids.scheduledKey }],
    'keys.cancelDeletion': [{ keyId: ids.scheduledKey }, { keyId: ids.symmetric }],
    'keys.deleteNow': [
      { keyId: ids.scheduledKey, confirmName: f.names.scheduledKey },
      { keyId: ids.symmetric, confirmName: 'Card data key' },
    ],
    'keys.encrypt': [
      { keyId: ids.symmetric, payload },
      { keyId: ids.imported, payload: { data: 'aGVsbG8=', encoding: 'base64' } },
    ],
    'keys.decrypt': [{ keyId: ids.symmetric, ciphertext: f.ciphertext }],
    'keys.dataKey': [{ keyId: ids.symmetric }],
    'keys.sign': [
      { keyId: ids.ed25519, payload, scheme: 'pss' },
      { keyId: ids.rsa, payload, scheme: 'pkcs1' },
      { keyId: ids.ecdsa, payload },
    ],
    'keys.verify': [
      { keyId: ids.ed25519, payload, signature: f.signature },
      { keyId: ids.ecdsa, payload, signature: f.signature, scheme: 'pkcs1' },
    ],
    'keys.publicKey': [{ keyId: ids.ed25519 }, { keyId: ids.rsa, version: 1 }],
    'keys.reveal': [{ keyId: ids.confidential }],
    'auth.list': [
      { keyStoreId: ids.keyStore, kind: 'ipv4' },
      { keyStoreId: ids.keyStore, kind: 'certificate' },
    ],
    'auth.get': [{ id: ids.ipv4 }, { id: ids.certificate }],
    'auth.addIpv4': [
      { keyStoreId: ids.keyStore, address: '10.1.2.0/24', description: 'office' },
      { keyStoreId: ids.keyStore, address: '10.0.0.1' },
    ],
    'auth.addMac': [{ keyStoreId: ids.keyStore, address: 'AA-BB-CC-DD-EE-01' }],
    // The first names an existing certificate (refused before any key is generated); the second issues one.
    'auth.addCertificate': [
      { ...certificate, name: f.names.certificate },
      { ...certificate, name: f.names.certificate },
      { ...certificate, name: 'Müller 証明書' },
    ],
    'auth.requestDeletion': [{ id: ids.ipv4 }, { id: ids.scheduledAuth }],
    'auth.cancelDeletion': [{ id: ids.scheduledAuth }, { id: ids.mac }],
    'auth.deleteNow': [
      { id: ids.scheduledAuth, confirmName: f.names.scheduledAuth },
      { id: ids.ipv4, confirmName: '10.0.0.1' },
    ],
    'auth.downloadCertificate': [{ id: ids.certificate }, { id: ids.ipv4 }],
    'auth.downloadCaCertificate': [{ keyStoreId: ids.keyStore }],
    'auth.downloadCrl': [{ keyStoreId: ids.keyStore }],
    'transfer.inspectDestinationKey': [{ wrappingKeyPem: destinationPem }, { wrappingKeyPem: transitPem, destination: 'vault-transit' }],
    'transfer.exportWrapped': [
      { keyId: ids.imported, destination: 'vault-transit', wrappingKeyPem: transitPem },
      { keyId: ids.ed25519, version: 1, destination: 'generic', wrappingKeyPem: destinationPem },
      { keyId: ids.imported, destination: 'azure-key-vault', wrappingKeyPem: destinationPem, azureKekId: AZURE_KEK_ID },
    ],
    'transfer.downloadImportCommand': [
      { keyId: ids.imported, version: 1, destination: 'aws-kms', wrappingKeyPem: destinationPem },
      { keyId: ids.ed25519, destination: 'gcp-kms', wrappingKeyPem: transitPem },
    ],
  };
}

const AZURE_KEK_ID = 'https://contoso.vault.azure.net/keys/KEKforBYOK/0123456789abcdef0123456789abcdef';

/** Ids shaped right for the schema-only tests, which never reach a vault. */
export const placeholderFixture = {
  ids: Object.fromEntries(
    [
      'keyStore',
      'emptyKeyStore',
      'confidential',
      'symmetric',
      'imported',
      'ed25519',
      'ecdsa',
      'rsa',
      'scheduledKey',
      'ipv4',
      'mac',
      'certificate',
      'scheduledAuth',
    ].map((k, i) => [k, i.toString(16).padStart(32, '0')]),
  ) as unknown as FixtureIds,
  names: { scheduledKey: SCHEDULED_KEY, scheduledAuth: SCHEDULED_AUTH, certificate: CERTIFICATE },
  ciphertext: 'skm:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  signature: 'skm:v1:AAAA',
  transfer: {
    destinationPem: '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n',
    transitPem: '-----BEGIN PUBLIC KEY-----\nMIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA\n-----END PUBLIC KEY-----\n',
    wrappedAes: 'AAAAAAAAAAAAAAAAAAAAAA==',
  },
};
