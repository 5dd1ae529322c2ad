import type { ParsedInput } from '../../../shared/contract';
import type { KeyStoreView } from '../../../shared/domain';
import type { Clock } from '../clock';
import { assertImmediatelyDeletable, cancelDeletion, requestDeletion, type LifecycleSubject } from '../lifecycle/lifecycle';
import type { VaultDocument } from '../vault/document';
import { editable } from '../vault/draft';
import { newId, type Vault } from '../vault/vault';
import {
  KEY_STORE,
  addKeyStore,
  assertNoKeysInService,
  dueKeyStores,
  editKeyStore,
  findKeyStore,
  keyCounts,
  keyStoreView,
  lifecycleSubject,
  removeKeyStore,
  type NewKeyStore,
} from './keystores';

/**
 * Key stores: the Key Depository, Add Key Store and its edits, and the deletion lifecycle keys have (issue 12):
 * Request for Deletion (refused while the key store holds keys In Service) -> Scheduled to be Deleted for 7 days,
 * when nothing can be added to it and none of its keys can be used -> deleted with everything in it. Cancel Deletion
 * restores it; Immediately Delete needs its name typed. Stateless: made per call over the open vault.
 */
export class KeyStoreService {
  /** `keysDeleted` runs after a deletion took keys with it (the KeyService then drops their cached material). */
  constructor(
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly keysDeleted: () => void = () => undefined,
  ) {}

  list(): KeyStoreView[] {
    const doc = this.vault.data;
    const counts = keyCounts(doc);
    return doc.keyStores.map((k) => keyStoreView(k, counts.get(k.id) ?? 0));
  }

  get(id: string): KeyStoreView {
    const doc = this.vault.data;
    return keyStoreView(findKeyStore(doc, id), keyCounts(doc).get(id) ?? 0);
  }

  async create(input: NewKeyStore): Promise<KeyStoreView> {
    const record = await this.vault.update((doc) => addKeyStore(doc, input, newId(), this.clock.now()));
    return keyStoreView(record, 0);
  }

  async update({ id, ...changes }: ParsedInput<'keystores.update'>): Promise<KeyStoreView> {
    await this.vault.update((doc) => editKeyStore(doc, id, changes, this.clock.now()));
    return this.get(id);
  }

  /** Refused while the key store holds keys In Service; keys already Scheduled to be Deleted do not hold it back. */
  requestDeletion(id: string): Promise<KeyStoreView> {
    return this.changeLifecycle(id, (doc, store, now) => {
      requestDeletion(store, now, KEY_STORE);
      assertNoKeysInService(doc, { id, name: store.name });
    });
  }

  cancelDeletion(id: string): Promise<KeyStoreView> {
    return this.changeLifecycle(id, (_doc, store) => cancelDeletion(store, KEY_STORE));
  }

  /** One purging update (vault.json.bak is rewritten too): the key store and everything in it, or nothing. */
  async deleteNow(id: string, confirmName: string): Promise<void> {
    const keyIds = await this.vault.update(
      (doc) => {
        const store = findKeyStore(doc, id);
        assertImmediatelyDeletable(lifecycleSubject(store), confirmName, KEY_STORE);
        return removeKeyStore(doc, store);
      },
      { purgeBackup: true },
    );
    if (keyIds.length > 0) this.keysDeleted();
  }

  /** Key stores whose 7 days have passed by `dueBy` (normally now; earlier while a clock jump holds deletions). */
  async applyDueDeletions(dueBy: Date): Promise<number> {
    if (dueKeyStores(this.vault.data, dueBy).length === 0) return 0;
    const { stores, keys } = await this.vault.update(
      (doc) => {
        const due = dueKeyStores(doc, dueBy);
        const removed = due.flatMap((store) => removeKeyStore(doc, store));
        return { stores: due.length, keys: removed.length };
      },
      { purgeBackup: true },
    );
    if (keys > 0) this.keysDeleted();
    return stores;
  }

  private async changeLifecycle(id: string, step: (doc: VaultDocument, store: LifecycleSubject, now: Date) => void): Promise<KeyStoreView> {
    const now = this.clock.now();
    await this.vault.update((doc) => {
      const record = findKeyStore(doc, id);
      const subject = lifecycleSubject(record);
      step(doc, subject, now);
      Object.assign(editable(doc.keyStores, record), { lifecycle: subject.lifecycle, updatedAt: now.toISOString() });
    });
    return this.get(id);
  }
}
