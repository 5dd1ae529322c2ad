import { createCipheriv, createHash } from 'node:crypto';
import type { CreateKeyInput, KeyView } from '../../../shared/domain';
import type { ParsedInput } from '../../../shared/contract';
import { SkmError } from '../../../shared/errors';
import type { Clock } from '../clock';
import { generateAsymmetric, signWith, verifyWith } from '../engine/asymmetric';
import { parseKeyData } from '../engine/key-data';
import { decryptText, encryptToText, newAesKey } from '../engine/symmetric';
import { formatVersioned, parseVersioned } from '../engine/versioned-text';
import { assertAcceptsNewItems, assertKeyStoreRotates, assertKeyStoreServes, findKeyStore, isKeyStoreScheduled } from '../keystores/keystores';
import { assertImmediatelyDeletable, assertInService, cancelDeletion, inService, isDeletionDue, requestDeletion } from '../lifecycle/lifecycle';
import { isRotationDue, nextRotationAt } from '../lifecycle/rotation';
import { NameIndex } from '../names';
import type { KeyMaterial, KeyRecord, VaultDocument } from '../vault/document';
import { newId, type Vault } from '../vault/vault';
import { editable } from '../vault/draft';
import { KEY, assertKeyNameFree, assertType, currentVersion, findKey, findVersion, keyView } from './key-records';
import { MaterialCache } from './material-cache';
import { KeyUsage } from './key-usage';
import { wrappedKeyMaterial } from '../transfer/wrapped-import';

type Payload = ParsedInput<'keys.encrypt'>['payload'];
/** RSA signature schemes as the console's Signature scheme field names them. */
const SCHEME_WORDS = { pss: 'RSA-PSS with SHA-256', pkcs1: 'PKCS#1 v1.5 with SHA-256' } as const;
const payloadBytes = (p: Payload): Buffer => Buffer.from(p.data, p.encoding);

const utf8 = new TextDecoder('utf-8', { fatal: true });
const colonHex = (bytes: Buffer): string =>
  bytes
    .toString('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
function asText(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

async function newMaterial(key: Pick<KeyRecord, 'type' | 'algorithm'>): Promise<KeyMaterial> {
  if (key.type === 'symmetric') {
    // The raw bytes are wiped here; what stays is the base64 text the vault document keeps (see README, What Lock guarantees).
    const raw = newAesKey();
    const material: KeyMaterial = { kind: 'aes', key: raw.toString('base64') };
    raw.fill(0);
    return material;
  }
  if (key.type === 'asymmetric' && key.algorithm !== 'AES-256-GCM' && key.algorithm !== 'none') {
    return { kind: 'keypair', ...(await generateAsymmetric(key.algorithm)) };
  }
  throw new TypeError('no generated material for this key type');
}

/**
 * Keys of every kind: creation, import, rotation, the deletion lifecycle and use (encrypt, decrypt, sign, verify).
 * Key material stays here; views carry metadata only. One instance per unlocked vault.
 */
export class KeyService {
  private readonly cache = new MaterialCache();
  /** Key API calls per key (counted in memory, written in batches). */
  readonly usage: KeyUsage;
  /** Key names per key store, so that Add Key in bulk does not compare each new name with every key. */
  private readonly names = new NameIndex<KeyRecord>((k) => k.keyStoreId);

  constructor(
    private readonly vault: Vault,
    private readonly clock: Clock,
  ) {
    this.usage = new KeyUsage(vault);
  }

  close(): void {
    this.cache.forget();
    this.names.clear();
  }

  list(keyStoreId: string): KeyView[] {
    const doc = this.vault.data;
    findKeyStore(doc, keyStoreId);
    return doc.keys.filter((k) => k.keyStoreId === keyStoreId).map((k) => this.view(k));
  }

  get(keyId: string): KeyView {
    return this.view(findKey(this.vault.data, keyId));
  }

  async create(input: CreateKeyInput): Promise<KeyView> {
    // Check before generating (RSA-4096 takes seconds), and again inside the update in case of a race.
    this.checkNewKey(input.keyStoreId, input.name);
    const algorithm = input.type === 'asymmetric' ? input.algorithm : input.type === 'symmetric' ? 'AES-256-GCM' : 'none';
    const material: KeyMaterial = input.type === 'confidential' ? { kind: 'data', data: input.data } : await newMaterial({ type: input.type, algorithm });
    const rotationCycleDays = input.type === 'confidential' ? 0 : input.rotationCycleDays;
    return this.insert(input, { type: input.type, algorithm, origin: 'generated', rotationCycleDays, material });
  }

  /** Key Data typed as 0xXX, or Wrapped key material unwrapped with the vault's wrapping key (issue 13, main/core/transfer). */
  async importKey(input: ParsedInput<'keys.import'>): Promise<KeyView> {
    if (input.wrapped) {
      const { type, algorithm, material } = wrappedKeyMaterial(this.vault.data, input.wrapped);
      this.checkNewKey(input.keyStoreId, input.name);
      return this.insert(input, { type, algorithm, origin: 'imported', rotationCycleDays: 0, material });
    }
    const bytes = parseKeyData(input.keyData ?? '');
    this.checkNewKey(input.keyStoreId, input.name);
    const material: KeyMaterial = { kind: 'aes', key: bytes.toString('base64') };
    bytes.fill(0);
    return this.insert(input, { type: 'symmetric', algorithm: 'AES-256-GCM', origin: 'imported', rotationCycleDays: 0, material });
  }

  async update({ keyId, description, rotationCycleDays, allowExport }: ParsedInput<'keys.update'>): Promise<KeyView> {
    return this.mutate(keyId, (key, now) => {
      if (description !== undefined) key.description = description;
      if (allowExport !== undefined) {
        if (allowExport && key.type === 'confidential') {
          throw new SkmError('OPERATION_NOT_SUPPORTED', 'Allow export is for Symmetric and Asymmetric Keys; Confidential Data is read with its own API call.');
        }
        key.allowExport = allowExport;
      }
      if (rotationCycleDays !== undefined && rotationCycleDays !== key.rotationCycleDays) {
        this.assertRotatable(key);
        key.rotationCycleDays = rotationCycleDays;
        key.nextRotationAt = nextRotationAt(rotationCycleDays, now);
      }
    });
  }

  /** Immediately Rotate: a new version at once; the next automatic date is counted from now. */
  async rotate(keyId: string): Promise<KeyView> {
    const key = findKey(this.vault.data, keyId);
    this.assertRotatable(key);
    assertInService(key, KEY);
    assertKeyStoreRotates(this.vault.data, key);
    const material = await newMaterial(key);
    return this.mutate(keyId, (draft, now, doc) => {
      assertInService(draft, KEY);
      assertKeyStoreRotates(doc, draft);
      this.addVersion(draft, material, now);
    });
  }

  requestDeletion(keyId: string): Promise<KeyView> {
    return this.mutate(keyId, (key, now) => requestDeletion(key, now, KEY));
  }

  cancelDeletion(keyId: string): Promise<KeyView> {
    return this.mutate(keyId, (key) => cancelDeletion(key, KEY));
  }

  async deleteNow(keyId: string, confirmName: string): Promise<void> {
    await this.vault.update(
      (doc) => {
        assertImmediatelyDeletable(findKey(doc, keyId), confirmName, KEY);
        doc.keys = doc.keys.filter((k) => k.id !== keyId);
      },
      { purgeBackup: true },
    );
    this.cache.forget(keyId);
  }

  // ---- use ----

  encrypt(keyId: string, payload: Payload): { ciphertext: string; version: number } {
    const key = this.usable(keyId, 'symmetric', 'Encrypt');
    const v = currentVersion(key);
    return { ciphertext: encryptToText(this.cache.aesKey(key.id, v), payloadBytes(payload)), version: v.version };
  }

  decrypt(keyId: string, ciphertext: string): { data: string; text: string | null; version: number } {
    const key = this.usable(keyId, 'symmetric', 'Decrypt');
    const { plaintext, version } = decryptText(ciphertext, currentVersion(key).version, (n) => {
      const v = findVersion(key, n);
      return v && this.cache.aesKey(key.id, v);
    });
    return { data: plaintext.toString('base64'), text: asText(plaintext), version };
  }

  /** Envelope encryption: a fresh AES-256 data key, in plain form and sealed under this key's current version. */
  dataKey(keyId: string): { plaintext: string; ciphertext: string; version: number } {
    const key = this.usable(keyId, 'symmetric', 'Create local key');
    const v = currentVersion(key);
    const dataKey = newAesKey();
    const ciphertext = encryptToText(this.cache.aesKey(key.id, v), dataKey);
    const plaintext = dataKey.toString('base64');
    dataKey.fill(0);
    return { plaintext, ciphertext, version: v.version };
  }

  sign(keyId: string, payload: Payload, scheme: 'pss' | 'pkcs1'): { signature: string; version: number } {
    const key = this.usable(keyId, 'asymmetric', 'Sign');
    const v = currentVersion(key);
    const signature = signWith(this.algorithm(key), this.cache.privateKey(key.id, v), payloadBytes(payload), scheme);
    return { signature: formatVersioned(v.version, signature), version: v.version };
  }

  verify(keyId: string, payload: Payload, signatureText: string, scheme: 'pss' | 'pkcs1'): { valid: true; version: number } {
    const { valid, version } = this.check(keyId, payload, signatureText, scheme);
    if (valid) return { valid: true, version };
    if (!this.algorithm(this.liveKey(keyId)).startsWith('RSA-')) {
      throw new SkmError(
        'SIGNATURE_INVALID',
        `The signature does not match this data under version ${version} of this key: the data changed, or another key made it.`,
      );
    }
    // RSA has two schemes, and a signature made with the other one is the likeliest honest mistake: say which.
    const other = scheme === 'pss' ? 'pkcs1' : 'pss';
    if (this.check(keyId, payload, signatureText, other).valid) {
      throw new SkmError(
        'SIGNATURE_INVALID',
        `The signature was made with ${SCHEME_WORDS[other]}, not ${SCHEME_WORDS[scheme]}: choose ${SCHEME_WORDS[other]} as the signature scheme and verify again.`,
        'scheme',
      );
    }
    throw new SkmError(
      'SIGNATURE_INVALID',
      `The signature does not match this data under version ${version} of this key with ${SCHEME_WORDS[scheme]}: the data changed, another key made it, or it was made with another signature scheme.`,
    );
  }

  /** Verify without throwing on a mismatch (the Key API answers `result: false`); a malformed signature still throws. */
  check(keyId: string, payload: Payload, signatureText: string, scheme: 'pss' | 'pkcs1'): { valid: boolean; version: number } {
    const key = this.usable(keyId, 'asymmetric', 'Verify');
    const { version, bytes } = parseVersioned(signatureText, 'SIGNATURE_INVALID', 'signature');
    const v = findVersion(key, version ?? currentVersion(key).version);
    if (!v) throw new SkmError('KEY_VERSION_NOT_FOUND', `This key has no version ${version}; the signature was made by another key.`);
    return { valid: verifyWith(this.algorithm(key), this.cache.publicKey(key.id, v), payloadBytes(payload), bytes, scheme), version: v.version };
  }

  /**
   * The raw AES key of a version, for a client program (the Key API's symmetric-key call). Only for keys whose Allow
   * export option is on, and In Service. The caller owns the returned Buffer and wipes it.
   */
  exportSymmetric(keyId: string, version?: number): { key: Buffer; version: number } {
    const key = this.exportable(keyId, 'symmetric');
    const v = this.version(key, version);
    if (v.material.kind !== 'aes') throw new TypeError('not an AES key');
    return { key: Buffer.from(v.material.key, 'base64'), version: v.version };
  }

  /** The private key of a version as PKCS#8 PEM (the Key API's privateKey call); Allow export only. */
  exportPrivateKey(keyId: string, version?: number): { pem: string; version: number } {
    const key = this.exportable(keyId, 'asymmetric');
    const v = this.version(key, version);
    if (v.material.kind !== 'keypair') throw new TypeError('not a key pair');
    return { pem: v.material.privateKeyPem, version: v.version };
  }

  private exportable(keyId: string, type: KeyRecord['type']): KeyRecord {
    const key = this.usable(keyId, type, 'Export');
    if (!key.allowExport) {
      throw new SkmError('EXPORT_NOT_ALLOWED', `"${key.name}" does not allow export. A member can turn on Allow export in Detail Key Information.`);
    }
    return key;
  }

  private version(key: KeyRecord, version?: number) {
    const v = version === undefined ? currentVersion(key) : findVersion(key, version);
    if (!v) throw new SkmError('KEY_VERSION_NOT_FOUND', `This key has no version ${version}.`);
    return v;
  }

  publicKey(keyId: string, version?: number): { pem: string; version: number } {
    const key = findKey(this.vault.data, keyId);
    assertType(key, 'asymmetric', 'Export public key');
    const v = this.version(key, version);
    if (v.material.kind !== 'keypair') throw new TypeError('not a key pair');
    return { pem: v.material.publicKeyPem, version: v.version };
  }

  /** Reveal: the only way Confidential Data leaves main, on an explicit user action. */
  reveal(keyId: string): { data: string } {
    const key = this.usable(keyId, 'confidential', 'Reveal');
    const v = currentVersion(key);
    if (v.material.kind !== 'data') throw new TypeError('not confidential data');
    return { data: v.material.data };
  }

  // ---- scheduler ----

  /**
   * Deletions whose 7 days have passed by `dueBy` (normally now; earlier while a clock jump holds deletions).
   * Run before rotations, and on their own, so a slow key generation never delays a due deletion.
   */
  async applyDueDeletions(dueBy: Date): Promise<number> {
    const deleting = this.vault.data.keys.filter((k) => isDeletionDue(k, dueBy)).map((k) => k.id);
    if (deleting.length === 0) return 0;
    const deleted = await this.vault.update(
      (draft) => {
        const before = draft.keys.length;
        draft.keys = draft.keys.filter((k) => !isDeletionDue(k, dueBy));
        return before - draft.keys.length;
      },
      { purgeBackup: true },
    );
    deleting.forEach((id) => this.cache.forget(id));
    return deleted;
  }

  /**
   * Automatic rotations: a key that missed several cycles while the app was closed rotates once, next date from now.
   * Keys of a key store Scheduled to be Deleted wait (see assertKeyStoreRotates).
   */
  async applyDueRotations(): Promise<number> {
    const now = this.clock.now();
    const due = (doc: Readonly<VaultDocument>, key: KeyRecord) => isRotationDue(key, now) && !isKeyStoreScheduled(doc, key.keyStoreId);
    const rotating = this.vault.data.keys.filter((k) => due(this.vault.data, k));
    if (rotating.length === 0) return 0;
    const fresh = new Map<string, KeyMaterial>();
    for (const key of rotating) fresh.set(key.id, await newMaterial(key));
    return this.vault.update((draft) => {
      let rotated = 0;
      for (const key of draft.keys) {
        const material = fresh.get(key.id);
        if (material && due(draft, key)) {
          this.addVersion(editable(draft.keys, key), material, now);
          rotated += 1;
        }
      }
      return rotated;
    });
  }

  // ---- helpers ----

  private checkNewKey(keyStoreId: string, name: string): void {
    const doc = this.vault.data;
    assertAcceptsNewItems(findKeyStore(doc, keyStoreId));
    assertKeyNameFree(doc, keyStoreId, name, this.names);
  }

  private async insert(
    input: { keyStoreId: string; name: string; description: string },
    fields: Pick<KeyRecord, 'type' | 'algorithm' | 'origin' | 'rotationCycleDays'> & { material: KeyMaterial },
  ): Promise<KeyView> {
    const { material, ...rest } = fields;
    const record = await this.vault.update((doc) => {
      assertAcceptsNewItems(findKeyStore(doc, input.keyStoreId));
      assertKeyNameFree(doc, input.keyStoreId, input.name, this.names);
      const now = this.clock.now();
      const at = now.toISOString();
      const key: KeyRecord = {
        id: newId(),
        keyStoreId: input.keyStoreId,
        name: input.name,
        description: input.description,
        ...rest,
        nextRotationAt: nextRotationAt(rest.rotationCycleDays, now),
        lifecycle: inService(),
        createdAt: at,
        updatedAt: at,
        versions: [{ version: 1, createdAt: at, material }],
        allowExport: false,
      };
      doc.keys.push(key);
      return key;
    });
    return this.view(record);
  }

  private view(key: KeyRecord): KeyView {
    return keyView(key, this.usage.of(key.id));
  }

  /** `change` also gets the draft document the key is in (what else the same update, or batch, has changed). */
  private async mutate(keyId: string, change: (key: KeyRecord, now: Date, doc: Readonly<VaultDocument>) => void): Promise<KeyView> {
    const now = this.clock.now();
    let draft: VaultDocument | undefined;
    return this.view(
      (await this.vault.updateRecord(
        'keys',
        (doc) => findKey((draft = doc), keyId),
        (key) => change(key as KeyRecord, now, draft!),
        now,
      )) as KeyRecord,
    );
  }

  private addVersion(key: KeyRecord, material: KeyMaterial, now: Date): void {
    key.versions.push({ version: currentVersion(key).version + 1, createdAt: now.toISOString(), material });
    key.nextRotationAt = nextRotationAt(key.rotationCycleDays, now);
    key.updatedAt = now.toISOString();
  }

  private assertRotatable(key: KeyRecord): void {
    if (key.type === 'confidential') throw new SkmError('ROTATION_NOT_ALLOWED', 'Confidential Data is not rotated.');
    if (key.origin === 'imported') {
      throw new SkmError('ROTATION_NOT_ALLOWED', 'Imported keys cannot be rotated: their material came from outside. Import a new key instead.');
    }
  }

  /**
   * Lookup for the hot path (encrypt, sign...): an id index over the live document, rebuilt once per document
   * generation. Safe because the live document is never edited in place (updates swap in a new one).
   */
  private readonly indexes = new WeakMap<object, Map<string, KeyRecord>>();
  private liveKey(keyId: string): KeyRecord {
    const doc = this.vault.data;
    let index = this.indexes.get(doc);
    if (!index) {
      index = new Map(doc.keys.map((k) => [k.id, k]));
      this.indexes.set(doc, index);
    }
    return index.get(keyId) ?? findKey(doc, keyId);
  }

  /**
   * What officers compare aloud at a ceremony, never the key itself: the SHA-256 of an asymmetric key's public key
   * (SubjectPublicKeyInfo DER), or an AES key's check value (the first 3 bytes of AES-ECB over a zero block).
   */
  fingerprints(keyId: string): { version: number; publicKeyFingerprint: string | null; keyCheckValue: string | null } {
    const key = this.liveKey(keyId);
    const v = currentVersion(key);
    if (v.material.kind === 'keypair') {
      const der = this.cache.publicKey(key.id, v).export({ type: 'spki', format: 'der' });
      return { version: v.version, publicKeyFingerprint: colonHex(createHash('sha256').update(der).digest()), keyCheckValue: null };
    }
    if (v.material.kind === 'aes') {
      const cipher = createCipheriv('aes-256-ecb', this.cache.aesKey(key.id, v).key, null);
      const block = cipher.update(Buffer.alloc(16));
      return { version: v.version, publicKeyFingerprint: null, keyCheckValue: block.subarray(0, 3).toString('hex').toUpperCase() };
    }
    return { version: v.version, publicKeyFingerprint: null, keyCheckValue: null };
  }

  /** Who owns a key and what it is (the Key API authenticates the caller against the owner before any use). */
  owner(keyId: string): Pick<KeyRecord, 'keyStoreId' | 'type' | 'name'> {
    const { keyStoreId, type, name } = this.liveKey(keyId);
    return { keyStoreId, type, name };
  }

  /** Throws as a use would (wrong type, not In Service), for calls that read a key without using its secret half. */
  assertUsable(keyId: string, type: KeyRecord['type'], action: string): void {
    this.usable(keyId, type, action);
  }

  private usable(keyId: string, type: KeyRecord['type'], action: string): KeyRecord {
    const key = this.liveKey(keyId);
    assertType(key, type, action);
    assertInService(key, KEY);
    assertKeyStoreServes(this.vault.data, key);
    return key;
  }

  private algorithm(key: KeyRecord) {
    if (key.algorithm === 'AES-256-GCM' || key.algorithm === 'none') throw new TypeError('not an asymmetric key');
    return key.algorithm;
  }
}
