import type { VaultDocument } from './document';

/**
 * Copy-on-write drafts. An update works on a shallow copy of the document (new top-level object and arrays, shared
 * records); a record is copied only when the update is about to change it (`editable`). The live document is never
 * edited in place, so a failed update leaves it as it was and readers never see half-made changes — without the cost
 * of cloning every record on every change.
 */
/** Copies made for each draft list (lists are new per draft, so a copy from an earlier, now live, draft never counts). */
const copiesByList = new WeakMap<object[], WeakSet<object>>();

export function draftOf(doc: VaultDocument): VaultDocument {
  return { ...doc, accounts: [...doc.accounts], keyStores: [...doc.keyStores], keys: [...doc.keys], authEntries: [...doc.authEntries] };
}

/** Replace `record` in the draft's `list` by a private copy and return that copy, ready to change. */
export function editable<T extends object>(list: T[], record: T): T {
  let copies = copiesByList.get(list);
  if (!copies) copiesByList.set(list, (copies = new WeakSet()));
  if (copies.has(record)) return record;
  const index = list.indexOf(record);
  if (index < 0) throw new Error('record is not in this list');
  const copy = structuredClone(record);
  copies.add(copy);
  list[index] = copy;
  return copy;
}

/**
 * Debug guard (SKM_FREEZE_VAULT=1, set by the test runs): freeze the live document so that any code changing it in
 * place, instead of through a draft, fails loudly in tests rather than silently in a user's vault.
 */
export function guardLive(doc: VaultDocument): VaultDocument {
  if (process.env.SKM_FREEZE_VAULT === '1') deepFreeze(doc);
  return doc;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
