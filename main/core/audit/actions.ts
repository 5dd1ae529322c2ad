import type { Channel } from '../../../shared/contract';
import type { ErrorCode } from '../../../shared/errors';
import type { VaultDocument } from '../vault/document';
import type { AuditOutcome, AuditTarget } from './record';

/**
 * Which contract channels leave a record, and what a record says about its item. Reads that change nothing (lists,
 * views, status polls) leave none; every change, every use of a key, every download and export does. Unlock and Lock
 * are recorded by the session itself (KeyManager), where the member and the reason are known.
 */
const NOT_RECORDED: ReadonlySet<Channel> = new Set<Channel>([
  'vault.status',
  'vault.create',
  'vault.unlock',
  'vault.lock',
  'vault.info',
  'session.activity',
  'settings.get',
  // This computer's theme, language and remembered username: no member's action on the vault.
  'preferences.get',
  'preferences.update',
  'keystores.list',
  'keystores.get',
  'keys.list',
  'keys.get',
  'keys.publicKey',
  'auth.list',
  'auth.get',
  'members.list',
  'members.me',
  'governance.get',
  'staging.list',
  'approvals.list',
  'keyApi.status',
  'audit.list',
  'ceremony.list',
  'ceremony.record',
  // Reads a pasted public key and answers its size and fingerprint: nothing of the vault is read or changed.
  'transfer.inspectDestinationKey',
]);

export const isRecorded = (channel: Channel): boolean => !NOT_RECORDED.has(channel);

/** Refusals (a role without the permission, a direct change while approvals are on, bad input) as opposed to failures. */
export const outcomeOf = (code: ErrorCode): AuditOutcome =>
  code === 'FORBIDDEN' || code === 'APPROVAL_REQUIRED' || code === 'VALIDATION_FAILED' || code === 'SELF_APPROVAL' ? 'refused' : 'failed';

type Ids = { keyStoreId?: string; keyId?: string; itemId?: string };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const field = (o: unknown, name: string): string | undefined => (o && typeof o === 'object' ? str((o as Record<string, unknown>)[name]) : undefined);

/** The ids an action is about, from its input and (for a creation) its answer. */
function idsOf(channel: Channel, input: unknown, result: unknown): Ids {
  const [area] = channel.split('.') as [string];
  const ids: Ids = {};
  const keyStoreId =
    field(input, 'keyStoreId') ?? field(result, 'keyStoreId') ?? (area === 'keystores' ? (field(input, 'id') ?? field(result, 'id')) : undefined);
  if (keyStoreId) ids.keyStoreId = keyStoreId;
  const keyId = field(input, 'keyId') ?? (channel === 'keys.create' || channel === 'keys.import' ? field(result, 'id') : undefined);
  if (keyId) ids.keyId = keyId;
  const itemId =
    area === 'auth'
      ? (field(input, 'id') ?? field(result, 'id'))
      : area === 'members'
        ? (field(input, 'memberId') ?? field(result, 'id'))
        : area === 'approvals'
          ? (field(input, 'requestId') ?? field(result, 'id'))
          : area === 'staging'
            ? (field(input, 'stagedId') ?? field(result, 'id'))
            : area === 'ceremony'
              ? (field(result, 'id') ?? field((result as { ceremony?: unknown } | undefined)?.ceremony, 'id')) // start: the view; end: the record
              : undefined;
  if (itemId) ids.itemId = itemId;
  return ids;
}

/** Ids with the names the items had (after the action; before it, for an item it deleted). */
export function targetOf(docs: readonly (Readonly<VaultDocument> | null)[], channel: Channel, input: unknown, result: unknown): AuditTarget | undefined {
  const ids = idsOf(channel, input, result);
  if (!ids.keyStoreId && !ids.keyId && !ids.itemId) return undefined;
  const target: AuditTarget = { ...ids };
  // Newest first: what a create names was appended last, and a bulk of creates would otherwise walk the whole list each.
  const find = <T extends { id: string }>(pick: (d: Readonly<VaultDocument>) => readonly T[], id: string): T | undefined => {
    for (const doc of docs) {
      const found = doc && pick(doc).findLast((x) => x.id === id);
      if (found) return found;
    }
    return undefined;
  };
  if (ids.keyId) {
    const key = find((d) => d.keys, ids.keyId);
    if (key) {
      target.keyName = key.name;
      target.keyStoreId ??= key.keyStoreId;
    }
  }
  if (ids.itemId) {
    const entry = find((d) => d.authEntries, ids.itemId);
    const member = entry ? undefined : find((d) => d.accounts, ids.itemId);
    const ceremony = entry || member ? undefined : find((d) => d.ceremonies ?? [], ids.itemId);
    const name = entry?.name ?? member?.username ?? ceremony?.title;
    if (name) target.itemName = name;
    if (entry) target.keyStoreId ??= entry.keyStoreId;
  }
  if (target.keyStoreId) {
    const store = find((d) => d.keyStores, target.keyStoreId);
    if (store) target.keyStoreName = store.name;
  }
  return target;
}

type Facts = Record<string, string | number | boolean>;

/**
 * Key transfer (issue 13): where a key went (the destination and its wrapping key's fingerprint), and for a wrapped
 * import the vault wrapping key it came in under. Never anything of the key or the blob.
 */
function transferFacts(call: { channel: Channel; input: unknown; doc: Readonly<VaultDocument> | null }, r: Record<string, unknown>): Facts {
  const facts: Facts = {};
  // A wrapped import comes in directly, or staged for approval (staging.stage carries the channel and its input): the
  // blob arrives then, so that record names the wrapping key it was checked against.
  const staged = call.channel === 'staging.stage' && field(call.input, 'channel') === 'keys.import';
  const importInput = staged ? (call.input as { input?: unknown }).input : call.channel === 'keys.import' ? call.input : undefined;
  const wrapped = importInput && typeof importInput === 'object' ? (importInput as { wrapped?: unknown }).wrapped : undefined;
  if (wrapped) {
    facts.wrapped = true;
    if (call.doc?.wrappingKey) facts.wrappingKeyFingerprint = call.doc.wrappingKey.fingerprint;
  }
  if (!call.channel.startsWith('transfer.')) return facts;
  const destination = field(call.input, 'destination');
  if (destination) facts.destination = destination;
  const fingerprint = str(r.wrappingKeyFingerprint) ?? (call.channel === 'transfer.wrappingKey' ? str(r.fingerprint) : undefined);
  if (fingerprint) facts.wrappingKeyFingerprint = fingerprint;
  if (call.channel === 'transfer.wrappingKey' && typeof r.created === 'boolean') facts.created = r.created;
  return facts;
}

/**
 * Non-secret facts from an answer: the version a use or rotation was made with, a certificate's serial; and with the
 * call, what key transfer adds (see transferFacts).
 */
export function factsOf(result: unknown, call?: { channel: Channel; input: unknown; doc: Readonly<VaultDocument> | null }): Facts | undefined {
  if (!result || typeof result !== 'object') return undefined;
  const r = result as Record<string, unknown>;
  const facts: Facts = {};
  if (typeof r.version === 'number') facts.version = r.version;
  if (typeof r.currentVersion === 'number') facts.version = r.currentVersion;
  if (typeof r.algorithm === 'string') facts.algorithm = r.algorithm;
  const certificate = r.certificate as { serial?: unknown } | undefined;
  if (certificate && typeof certificate.serial === 'string') facts.serial = certificate.serial;
  if (typeof r.status === 'string') facts.status = r.status;
  if (call) Object.assign(facts, transferFacts(call, r));
  return Object.keys(facts).length > 0 ? facts : undefined;
}

/**
 * What the scheduler changed between two documents, one entry per item: deletions that fell due (key stores, keys
 * and authentication information; a key store's keys and entries each get their own entry) and automatic rotations.
 */
export function systemChanges(
  before: Readonly<VaultDocument>,
  after: Readonly<VaultDocument>,
): { action: string; target: AuditTarget; facts?: Record<string, number> }[] {
  const changes: { action: string; target: AuditTarget; facts?: Record<string, number> }[] = [];
  const storeName = (id: string) => before.keyStores.find((s) => s.id === id)?.name;
  const keysAfter = new Map(after.keys.map((k) => [k.id, k]));
  for (const key of before.keys) {
    const now = keysAfter.get(key.id);
    const target: AuditTarget = { keyStoreId: key.keyStoreId, keyId: key.id, keyName: key.name };
    const name = storeName(key.keyStoreId);
    if (name) target.keyStoreName = name;
    if (!now) changes.push({ action: 'scheduler.deleteKey', target });
    else if (now.versions.length > key.versions.length) changes.push({ action: 'scheduler.rotateKey', target, facts: { version: now.versions.length } });
  }
  const entriesAfter = new Set(after.authEntries.map((e) => e.id));
  for (const entry of before.authEntries) {
    if (entriesAfter.has(entry.id)) continue;
    const target: AuditTarget = { keyStoreId: entry.keyStoreId, itemId: entry.id, itemName: entry.name };
    const name = storeName(entry.keyStoreId);
    if (name) target.keyStoreName = name;
    changes.push({ action: `scheduler.delete${entry.kind === 'ipv4' ? 'Ipv4' : entry.kind === 'mac' ? 'Mac' : 'Certificate'}`, target });
  }
  const storesAfter = new Set(after.keyStores.map((s) => s.id));
  for (const store of before.keyStores) {
    if (!storesAfter.has(store.id)) changes.push({ action: 'scheduler.deleteKeyStore', target: { keyStoreId: store.id, keyStoreName: store.name } });
  }
  return changes;
}
