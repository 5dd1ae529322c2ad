import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPair as generateKeyPairCb, hkdfSync, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { DEFAULT_KDF, IntegrityError, deriveKey, newKdfParams, open, seal, type KdfParams } from './crypto';
import { dataKeyAad, isMemberKeyslot, keyslotAad, privateKeyAad, type Keyslot, type MemberKeyslot } from './vault-file';

/**
 * Members' key pairs (vault file version 3). Each member has an X25519 key pair; the private half is sealed under the
 * key derived from their passphrase, and the vault's data key is sealed to the public half with an ephemeral X25519
 * agreement (HKDF-SHA256 -> AES-256-GCM, bound to the slot and the vault). Sealing a data key needs only public keys,
 * so a new data key reaches every member without their passphrases.
 */
const generateKeyPair = promisify(generateKeyPairCb);

/** DER prefix of an X25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

const rawPublicKey = (key: KeyObject): string => (key.export({ format: 'der', type: 'spki' }) as Buffer).subarray(X25519_SPKI_PREFIX.length).toString('base64');

const publicKeyObject = (raw: string): KeyObject => {
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32) throw new IntegrityError();
  return createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, bytes]), format: 'der', type: 'spki' });
};

function wrappingKey(shared: Buffer, ephemeralPublicKey: string, recipientPublicKey: string, info: Buffer): Buffer {
  const salt = Buffer.concat([Buffer.from(ephemeralPublicKey, 'base64'), Buffer.from(recipientPublicKey, 'base64')]);
  return Buffer.from(hkdfSync('sha256', shared, salt, info, 32));
}

/** Seal `dek` to a member's public key, for the slot `slotId` of the vault `vaultId`. */
export async function sealDataKey(slotId: string, vaultId: string, publicKey: string, dek: Buffer): Promise<MemberKeyslot['dataKey']> {
  const ephemeral = await generateKeyPair('x25519');
  const ephemeralPublicKey = rawPublicKey(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyObject(publicKey) });
  const aad = dataKeyAad(slotId, vaultId);
  const key = wrappingKey(shared, ephemeralPublicKey, publicKey, aad);
  shared.fill(0);
  try {
    return { ephemeralPublicKey, box: seal(key, dek, aad) };
  } finally {
    key.fill(0);
  }
}

/**
 * A new key pair for a member, its private half sealed by `passphrase`, and the data key sealed to its public half:
 * `dek` itself, or (when the caller holds the key and does not hand it out) a function that seals it.
 */
export async function newMemberKeyslot(
  slotId: string,
  vaultId: string,
  passphrase: string,
  dek: Buffer | ((publicKey: string) => Promise<MemberKeyslot['dataKey']>),
  kdfBase: Omit<KdfParams, 'salt'> = DEFAULT_KDF,
): Promise<MemberKeyslot> {
  const pair = await generateKeyPair('x25519');
  const publicKey = rawPublicKey(pair.publicKey);
  const kdf = newKdfParams(kdfBase);
  const kek = await deriveKey(passphrase, kdf);
  const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer;
  try {
    const privateKey = seal(kek, der, privateKeyAad(slotId, vaultId, publicKey));
    const dataKey = typeof dek === 'function' ? await dek(publicKey) : await sealDataKey(slotId, vaultId, publicKey, dek);
    return { id: slotId, kdf, publicKey, privateKey, dataKey };
  } finally {
    kek.fill(0);
    der.fill(0);
  }
}

/**
 * The member's private key, opened with their passphrase (throws IntegrityError for a wrong one). `kek` is the key
 * already derived from the passphrase with the slot's kdf.
 */
function openPrivateKey(slot: MemberKeyslot, vaultId: string, kek: Buffer): KeyObject {
  const der = open(kek, slot.privateKey, privateKeyAad(slot.id, vaultId, slot.publicKey));
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

/**
 * The data key in `slot`, given the key derived from the member's passphrase with `slot.kdf`. Throws IntegrityError
 * when the passphrase (or the slot) is wrong. Version 1 and 2 slots wrap the data key directly.
 */
export function openKeyslot(slot: Keyslot, vaultId: string, kek: Buffer): Buffer {
  if (!isMemberKeyslot(slot)) return open(kek, slot.wrappedKey, keyslotAad(slot.id));
  const privateKey = openPrivateKey(slot, vaultId, kek);
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey: publicKeyObject(slot.dataKey.ephemeralPublicKey) });
  } catch {
    throw new IntegrityError();
  }
  const aad = dataKeyAad(slot.id, vaultId);
  const key = wrappingKey(shared, slot.dataKey.ephemeralPublicKey, slot.publicKey, aad);
  shared.fill(0);
  try {
    return open(key, slot.dataKey.box, aad);
  } finally {
    key.fill(0);
  }
}

/** Open `slot` with `passphrase`: the data key, or IntegrityError for a wrong passphrase. */
export async function unlockKeyslot(slot: Keyslot, vaultId: string, passphrase: string): Promise<Buffer> {
  const kek = await deriveKey(passphrase, slot.kdf);
  try {
    return openKeyslot(slot, vaultId, kek);
  } finally {
    kek.fill(0);
  }
}
