import type { KeyStoreView, AuthMethod, AuthMode } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import { approvalsDraft, approvalsOf } from '../approval/records';
import { inService, isDeletionDue, type ItemKind, type Lifecycle, type LifecycleSubject } from '../lifecycle/lifecycle';
import { namedAs } from '../names';
import type { KeyRecord, KeyStoreRecord, VaultDocument } from '../vault/document';
import { editable } from '../vault/draft';

/** How lifecycle messages name a key store; using one while it is Scheduled to be Deleted has its own code. */
export const KEY_STORE: ItemKind = { noun: 'key store', scheduledCode: 'KEY_STORE_SCHEDULED_FOR_DELETION' };

/** A key store's lifecycle: one kept before key stores had one (issue 12) is In Service. */
export const lifecycleOf = (store: Pick<KeyStoreRecord, 'lifecycle'>): Lifecycle => store.lifecycle ?? inService();
export const lifecycleSubject = (store: Pick<KeyStoreRecord, 'name' | 'lifecycle'>): LifecycleSubject => ({ name: store.name, lifecycle: lifecycleOf(store) });

export interface NewKeyStore {
  name: string;
  description: string;
  authMethods: AuthMethod[];
  /** All of the methods unless said otherwise. */
  authMode?: AuthMode;
}

function assertNameFree(doc: VaultDocument, name: string, exceptId?: string): void {
  const named = namedAs(name);
  if (doc.keyStores.some((k) => k.id !== exceptId && named(k))) {
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
  const lifecycle = lifecycleOf(record);
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    authMethods: [...record.authMethods],
    authMode: record.authMode,
    keyCount,
    status: lifecycle.status,
    deletionDate: lifecycle.deletionDate,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

// ---- the deletion lifecycle (issue 12): the rules of lifecycle.ts, plus what a key store holds ----

/** Keys of the key store that are In Service: while there are any, the key store cannot be deleted. */
export const keysInService = (doc: Readonly<VaultDocument>, keyStoreId: string): KeyRecord[] =>
  doc.keys.filter((k) => k.keyStoreId === keyStoreId && k.lifecycle.status === 'in-service');

const NAMED_AT_MOST = 5;

/** "Payments still holds 2 keys In Service: card-numbers, pin-key. Request their deletion first." */
export function stillHoldsKeys(storeName: string, keys: readonly Pick<KeyRecord, 'name'>[]): string {
  const named = keys.slice(0, NAMED_AT_MOST).map((k) => k.name);
  const more = keys.length - named.length;
  const list = more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
  const one = keys.length === 1;
  return `${storeName} still holds ${keys.length} key${one ? '' : 's'} In Service: ${list}. Request ${one ? 'its' : 'their'} deletion first.`;
}

/** Request for Deletion (and deletion itself) is refused while the key store holds keys In Service, naming them. */
export function assertNoKeysInService(doc: Readonly<VaultDocument>, store: Pick<KeyStoreRecord, 'id' | 'name'>): void {
  const blocking = keysInService(doc, store.id);
  if (blocking.length > 0) throw new SkmError('INVALID_STATE', stillHoldsKeys(store.name, blocking));
}

/** Nothing new (keys, authentication information) goes into a key store that is Scheduled to be Deleted. */
export function assertAcceptsNewItems(store: Pick<KeyStoreRecord, 'name' | 'lifecycle'>): void {
  if (lifecycleOf(store).status === 'scheduled-for-deletion') {
    throw new SkmError(
      KEY_STORE.scheduledCode,
      `The key store "${store.name}" is Scheduled to be Deleted, so nothing can be added to it. Cancel Deletion of the key store first.`,
    );
  }
}

/**
 * The files of a key store's CA (its certificate, the CRL, client certificates) are not handed out while the key store
 * is Scheduled to be Deleted, and no CA is created for it then: like its keys, it is not used until Cancel Deletion.
 */
export function assertCaServes(store: Pick<KeyStoreRecord, 'name' | 'lifecycle'>, what: string): void {
  if (lifecycleOf(store).status === 'scheduled-for-deletion') {
    throw new SkmError(
      KEY_STORE.scheduledCode,
      `The key store "${store.name}" is Scheduled to be Deleted, so its ${what} cannot be downloaded. Cancel Deletion of the key store first.`,
    );
  }
}

/**
 * A key of a key store that is Scheduled to be Deleted is not used, whatever its own status: through the console
 * or the Key API (which answers Invalid Key Status for this code).
 */
export function assertKeyStoreServes(doc: Readonly<VaultDocument>, key: Pick<KeyRecord, 'keyStoreId' | 'name'>): void {
  const store = scheduledStore(doc, key.keyStoreId);
  if (store) {
    throw new SkmError(
      'KEY_SCHEDULED_FOR_DELETION',
      `The key "${key.name}" is in the key store "${store.name}", which is Scheduled to be Deleted, so it cannot be used. Cancel Deletion of the key store to use it again.`,
    );
  }
}

/** True when the key store is Scheduled to be Deleted (false when it is gone: the caller's own lookup says so). */
export const isKeyStoreScheduled = (doc: Readonly<VaultDocument>, keyStoreId: string): boolean => scheduledStore(doc, keyStoreId) !== undefined;

/** The key store, when it is Scheduled to be Deleted; undefined when it is In Service or gone. */
function scheduledStore(doc: Pick<Readonly<VaultDocument>, 'keyStores'>, keyStoreId: string): Readonly<KeyStoreRecord> | undefined {
  const store = doc.keyStores.find((s) => s.id === keyStoreId);
  return store && lifecycleOf(store).status === 'scheduled-for-deletion' ? store : undefined;
}

/**
 * A key of a key store that is Scheduled to be Deleted gets no new version, from Immediately Rotate or from the
 * scheduler (which skips it and rotates it at its first pass after Cancel Deletion, as a key that missed its date).
 */
export function assertKeyStoreRotates(doc: Pick<Readonly<VaultDocument>, 'keyStores'>, key: Pick<KeyRecord, 'keyStoreId' | 'name'>): void {
  const store = scheduledStore(doc, key.keyStoreId);
  if (store) {
    throw new SkmError(
      KEY_STORE.scheduledCode,
      `The key "${key.name}" is in the key store "${store.name}", which is Scheduled to be Deleted, so it is not rotated. Cancel Deletion of the key store first.`,
    );
  }
}

/**
 * Key stores whose 7 days have passed by `at` and that can go: one still holding a key In Service (its deletion was
 * cancelled meanwhile) waits, Scheduled to be Deleted, until that key is scheduled too or the key store's deletion
 * is cancelled.
 */
export function dueKeyStores(doc: Readonly<VaultDocument>, at: Date): KeyStoreRecord[] {
  const due = doc.keyStores.filter((s) => isDeletionDue(lifecycleSubject(s), at));
  if (due.length === 0) return due;
  const holding = new Set(doc.keys.filter((k) => k.lifecycle.status === 'in-service').map((k) => k.keyStoreId));
  return due.filter((s) => !holding.has(s.id));
}

/**
 * Delete a key store with everything in it, inside the caller's (purging) update: its keys, each of which must be
 * Scheduled to be Deleted, its authentication information, its CA (it goes with the record), the Key API counts of
 * its keys and every staged change of it. Returns the ids of the keys that went.
 */
export function removeKeyStore(doc: VaultDocument, store: Pick<KeyStoreRecord, 'id' | 'name'>): string[] {
  assertNoKeysInService(doc, store);
  const keyIds = doc.keys.filter((k) => k.keyStoreId === store.id).map((k) => k.id);
  const gone = new Set(keyIds);
  doc.keys = doc.keys.filter((k) => k.keyStoreId !== store.id);
  doc.authEntries = doc.authEntries.filter((e) => e.keyStoreId !== store.id);
  doc.keyStores = doc.keyStores.filter((s) => s.id !== store.id);
  if (doc.apiUsage && Object.keys(doc.apiUsage).some((id) => gone.has(id))) {
    doc.apiUsage = Object.fromEntries(Object.entries(doc.apiUsage).filter(([id]) => !gone.has(id)));
  }
  if (approvalsOf(doc).staged.some((c) => c.keyStoreId === store.id)) {
    const approvals = approvalsDraft(doc);
    approvals.staged = approvals.staged.filter((c) => c.keyStoreId !== store.id);
  }
  return keyIds;
}
