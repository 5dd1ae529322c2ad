import type { KeyStoreView, AuthMethod } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import type { KeyStoreRecord, VaultDocument } from '../vault/document';

export interface NewKeyStore {
  name: string;
  description: string;
  authMethods: AuthMethod[];
}

// Names are unique ignoring letter case ("Payments" and "payments" would confuse people). One collator, reused:
// creating one per comparison (what localeCompare does) costs ~3 µs, which adds up over 10,000 key stores.
const nameCollator = new Intl.Collator(undefined, { sensitivity: 'accent' });
const sameName = (a: string, b: string): boolean => nameCollator.compare(a, b) === 0;

function assertNameFree(doc: VaultDocument, name: string, exceptId?: string): void {
  if (doc.keyStores.some((k) => k.id !== exceptId && sameName(k.name, name))) {
    throw new SkmError('KEY_STORE_NAME_TAKEN', `A key store named "${name}" already exists. Choose another name.`, 'name');
  }
}

export function findKeyStore(doc: VaultDocument, id: string): KeyStoreRecord {
  const store = doc.keyStores.find((k) => k.id === id);
  if (!store) throw new SkmError('KEY_STORE_NOT_FOUND', 'That key store no longer exists. Go back to the list of key stores.');
  return store;
}

export function addKeyStore(doc: VaultDocument, input: NewKeyStore, id: string, now: Date): KeyStoreRecord {
  assertNameFree(doc, input.name);
  const at = now.toISOString();
  const record: KeyStoreRecord = { id, ...input, createdAt: at, updatedAt: at };
  doc.keyStores.push(record);
  return record;
}

export function editKeyStore(doc: VaultDocument, id: string, changes: Partial<NewKeyStore>, now: Date): KeyStoreRecord {
  const store = findKeyStore(doc, id);
  if (changes.name !== undefined) assertNameFree(doc, changes.name, id);
  Object.assign(store, changes, { updatedAt: now.toISOString() });
  return store;
}

export function keyStoreView(record: KeyStoreRecord): KeyStoreView {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    authMethods: [...record.authMethods],
    keyCount: 0,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
