import type { KeyStoreView, AuthMethod, AuthMode } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import { sameName } from '../names';
import type { KeyStoreRecord, VaultDocument } from '../vault/document';
import { editable } from '../vault/draft';

export interface NewKeyStore {
  name: string;
  description: string;
  authMethods: AuthMethod[];
  /** All of the methods unless said otherwise. */
  authMode?: AuthMode;
}

function assertNameFree(doc: VaultDocument, name: string, exceptId?: string): void {
  if (doc.keyStores.some((k) => k.id !== exceptId && sameName(k.name, name))) {
    throw new SkmError('KEY_STORE_NAME_TAKEN', `A key store named "${name}" already exists. Choose another name.`, 'name');
  }
}

/** Number of keys per key store, in one pass over the keys. */
export function keyCounts(doc: VaultDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of doc.keys) counts.set(key.keyStoreId, (counts.get(key.keyStoreId) ?? 0) + 1);
  return counts;
}

export function findKeyStore(doc: VaultDocument, id: string): KeyStoreRecord {
  const store = doc.keyStores.find((k) => k.id === id);
  if (!store) throw new SkmError('KEY_STORE_NOT_FOUND', 'That key store no longer exists. Go back to the list of key stores.');
  return store;
}

export function addKeyStore(doc: VaultDocument, input: NewKeyStore, id: string, now: Date): KeyStoreRecord {
  assertNameFree(doc, input.name);
  const at = now.toISOString();
  const record: KeyStoreRecord = { id, ...input, authMode: input.authMode ?? 'all', createdAt: at, updatedAt: at };
  doc.keyStores.push(record);
  return record;
}

export function editKeyStore(doc: VaultDocument, id: string, changes: Partial<NewKeyStore>, now: Date): KeyStoreRecord {
  const store = editable(doc.keyStores, findKeyStore(doc, id));
  if (changes.name !== undefined) assertNameFree(doc, changes.name, id);
  Object.assign(store, changes, { updatedAt: now.toISOString() });
  return store;
}

export function keyStoreView(record: KeyStoreRecord, keyCount: number): KeyStoreView {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    authMethods: [...record.authMethods],
    authMode: record.authMode,
    keyCount,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
