import type { KeyView } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import type { ItemKind } from '../lifecycle/lifecycle';
import { namedAs, type NameIndex } from '../names';
import type { KeyRecord, KeyVersionRecord, VaultDocument } from '../vault/document';

/** Plain functions over the vault document for keys; the KeyService composes them inside vault.update(). */
export const KEY: ItemKind = { noun: 'key', scheduledCode: 'KEY_SCHEDULED_FOR_DELETION' };

export function findKey(doc: VaultDocument, keyId: string): KeyRecord {
  const key = doc.keys.find((k) => k.id === keyId);
  if (!key) throw new SkmError('KEY_NOT_FOUND', 'That key no longer exists. Go back to Key Management.');
  return key;
}

/** Key names are unique within their key store, ignoring letter case. `index`: the vault's, for checks in bulk. */
export function assertKeyNameFree(doc: VaultDocument, keyStoreId: string, name: string, index?: NameIndex<KeyRecord>): void {
  const named = namedAs(name);
  if (index ? index.has(doc.keys, keyStoreId, name) : doc.keys.some((k) => k.keyStoreId === keyStoreId && named(k))) {
    throw new SkmError('KEY_NAME_TAKEN', `This key store already has a key named "${name}". Choose another name.`, 'name');
  }
}

export const currentVersion = (key: KeyRecord): KeyVersionRecord => key.versions[key.versions.length - 1]!;
export const findVersion = (key: KeyRecord, version: number): KeyVersionRecord | undefined => key.versions.find((v) => v.version === version);

export function assertType(key: KeyRecord, type: KeyRecord['type'], action: string): void {
  if (key.type !== type) {
    const what = { confidential: 'Confidential Data', symmetric: 'a Symmetric Key', asymmetric: 'an Asymmetric Key' }[type];
    throw new SkmError('OPERATION_NOT_SUPPORTED', `${action} needs ${what}; "${key.name}" is not one.`);
  }
}

/** `usage`: the key's Key API calls (what the vault holds plus what is not yet flushed; see key-usage.ts). */
export function keyView(key: KeyRecord, usage?: { calls: number; lastAt: string | null }): KeyView {
  return {
    id: key.id,
    keyStoreId: key.keyStoreId,
    name: key.name,
    description: key.description,
    type: key.type,
    algorithm: key.algorithm,
    origin: key.origin,
    status: key.lifecycle.status,
    currentVersion: currentVersion(key).version,
    rotationCycleDays: key.rotationCycleDays,
    nextRotationAt: key.nextRotationAt,
    deletionDate: key.lifecycle.deletionDate,
    createdAt: key.createdAt,
    updatedAt: key.updatedAt,
    versions: key.versions.map((v) => ({ version: v.version, createdAt: v.createdAt })),
    allowExport: key.allowExport,
    apiCalls: usage?.calls ?? 0,
    lastApiCallAt: usage?.lastAt ?? null,
  };
}
