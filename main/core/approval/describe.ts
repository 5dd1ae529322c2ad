import type { ParsedInput } from '../../../shared/contract';
import { AuthMethodLabels, AuthModeLabels, AsymmetricAlgorithmLabels, KeyTypeLabels, LifecycleStatusLabels, type AuthMethod } from '../../../shared/domain';
import { SECRET_SHOWN, type ChangeStatus, type FieldChange, type StageableChannel } from '../../../shared/approval';
import { SkmError } from '../../../shared/errors';
import { certificatePeriod } from '../auth/certificate-period';
import { certificateValidity, newCaValidity } from '../auth/certificates';
import { parseKeyData } from '../engine/key-data';
import { checkWrappedKey } from '../transfer/wrapped-import';
import { KEY_STORE, assertAcceptsNewItems, assertKeyStoreRotates, findKeyStore, lifecycleSubject, stillHoldsKeys } from '../keystores/keystores';
import { KEY, assertKeyNameFree, currentVersion, findKey } from '../keys/key-records';
import { assertImmediatelyDeletable, assertInService, cancelDeletion, requestDeletion, type ItemKind, type Lifecycle } from '../lifecycle/lifecycle';
import { sameName } from '../names';
import type { AuthEntryRecord, KeyRecord, KeyStoreRecord, VaultDocument } from '../vault/document';
import type { StagedChangeRecord } from './records';

/** Wrapped inputs already unwrapped and checked, by identity (the same parsed input, described again in one stage). */
const checkedWrapped = new WeakMap<object, 'symmetric' | 'asymmetric'>();

/** What a staged change is about, worked out (and checked) when it is staged. */
export interface Described {
  keyStoreId: string | null;
  keyStoreName: string;
  itemId: string | null;
  itemVersion: string | null;
  itemKind: string;
  itemName: string;
  status: ChangeStatus;
  fields: FieldChange[];
}

const AUTH_KINDS: Record<AuthEntryRecord['kind'], ItemKind & { label: string }> = {
  ipv4: { noun: 'IPv4 address', label: 'IPv4 Address', scheduledCode: 'AUTH_SCHEDULED_FOR_DELETION' },
  mac: { noun: 'MAC address', label: 'MAC Address', scheduledCode: 'AUTH_SCHEDULED_FOR_DELETION' },
  certificate: { noun: 'certificate', label: 'Certificate', scheduledCode: 'AUTH_SCHEDULED_FOR_DELETION' },
};

const methods = (list: readonly AuthMethod[]): string => list.map((m) => AuthMethodLabels[m]).join(', ');
const field = (name: string, before: string | null, after: string | null): FieldChange => ({ field: name, before, after });
const added = (name: string, after: string): FieldChange => field(name, null, after);
const cycle = (days: number): string => (days === 0 ? 'No automatic rotation' : `${days} days`);
const onOff = (on: boolean): string => (on ? 'On' : 'Off');

type Input<C extends StageableChannel> = ParsedInput<C>;

/**
 * Checks a change as its service would at this moment, without generating anything (keys and certificates are made
 * at approval), and describes it for the Key Store Management and Approval List views. `pending` are the changes
 * already staged in the same bucket: an item staged for Immediately Delete, or a name staged for a new item, counts.
 */
export function describeChange(
  doc: Readonly<VaultDocument>,
  channel: StageableChannel,
  input: unknown,
  pending: readonly StagedChangeRecord[],
  now: Date,
): Described {
  switch (channel) {
    case 'keystores.create': {
      const i = input as Input<'keystores.create'>;
      if (doc.keyStores.some((k) => sameName(k.name, i.name)) || pendingNames(pending, ['keystores.create'], null).some((n) => sameName(n, i.name))) {
        throw new SkmError('KEY_STORE_NAME_TAKEN', `A key store named "${i.name}" already exists or is staged. Choose another name.`, 'input.name');
      }
      return {
        ...addition(null, i.name, 'Key Store', i.name),
        fields: [
          added('Name', i.name),
          added('Description', i.description),
          added('Authentication methods', methods(i.authMethods)),
          added('Client authentication', AuthModeLabels[i.authMode ?? 'all']),
        ],
      };
    }
    case 'keystores.update': {
      const i = input as Input<'keystores.update'>;
      const store = findKeyStore(doc, i.id);
      lifecycleAfter(store.id, lifecycleSubject(store), pending, KEY_STORE);
      if (
        i.name !== undefined &&
        (doc.keyStores.some((k) => k.id !== i.id && sameName(k.name, i.name!)) ||
          pendingNames(pending, ['keystores.create'], null).some((n) => sameName(n, i.name!)))
      ) {
        throw new SkmError('KEY_STORE_NAME_TAKEN', `A key store named "${i.name}" already exists. Choose another name.`, 'input.name');
      }
      const fields: FieldChange[] = [];
      if (i.name !== undefined) fields.push(field('Name', store.name, i.name));
      if (i.description !== undefined) fields.push(field('Description', store.description, i.description));
      if (i.authMethods !== undefined) fields.push(field('Authentication methods', methods(store.authMethods), methods(i.authMethods)));
      if (i.authMode !== undefined) fields.push(field('Client authentication', AuthModeLabels[store.authMode], AuthModeLabels[i.authMode]));
      return {
        ...onStore(store),
        status: 'Modified',
        fields,
      };
    }
    case 'keystores.requestDeletion':
    case 'keystores.cancelDeletion':
    case 'keystores.deleteNow': {
      const i = input as Input<'keystores.deleteNow'>;
      const store = findKeyStore(doc, i.id);
      const step = lifecycleStep(channel, store.id, lifecycleSubject(store), pending, KEY_STORE, i.confirmName, now);
      if (channel !== 'keystores.cancelDeletion') assertNoKeysInServiceAfter(doc, store, pending);
      return {
        ...onStore(store),
        ...step,
      };
    }
    case 'keys.create': {
      const i = input as Input<'keys.create'>;
      const store = newKeyIn(doc, pending, i.keyStoreId, i.name);
      const fields = [added('Type', KeyTypeLabels[i.type]), added('Name', i.name), added('Description', i.description)];
      if (i.type === 'asymmetric') fields.push(added('Algorithm', AsymmetricAlgorithmLabels[i.algorithm]));
      if (i.type !== 'confidential') fields.push(added('Rotation cycle', cycle(i.rotationCycleDays)));
      else fields.push(added('Data', SECRET_SHOWN));
      return { ...addition(store.id, store.name, KeyTypeLabels[i.type], i.name), fields };
    }
    case 'keys.import': {
      const i = input as Input<'keys.import'>;
      // The service's own check: Key Data's bytes (length, weak keys), or the wrapped key unwrapped with the vault's
      // wrapping key and checked against its algorithm (issue 13). The bytes are wiped at once; the input is kept as sent.
      let type: 'symmetric' | 'asymmetric' = 'symmetric';
      if (i.wrapped) {
        // Staging describes a change twice (before the write, then inside it to re-check names): unwrap (RSA-4096) once.
        type = checkedWrapped.get(i.wrapped) ?? checkWrappedKey(doc, i.wrapped, 'input.');
        checkedWrapped.set(i.wrapped, type);
      } else parseKeyData(i.keyData ?? '').fill(0);
      const store = newKeyIn(doc, pending, i.keyStoreId, i.name);
      const fields = [added('Type', `${KeyTypeLabels[type]} (imported)`), added('Name', i.name), added('Description', i.description)];
      if (i.wrapped) {
        if (type === 'asymmetric') fields.push(added('Algorithm', AsymmetricAlgorithmLabels[i.wrapped.algorithm as keyof typeof AsymmetricAlgorithmLabels]));
        fields.push(added('Key data', `${SECRET_SHOWN}, wrapped for the vault's wrapping key ${doc.wrappingKey?.fingerprint ?? ''}`.trim()));
      } else {
        fields.push(added('Key data', SECRET_SHOWN));
      }
      return { ...addition(store.id, store.name, KeyTypeLabels[type], i.name), fields };
    }
    case 'keys.update': {
      const i = input as Input<'keys.update'>;
      const key = findKey(doc, i.keyId);
      lifecycleAfter(key.id, key, pending, KEY);
      const fields: FieldChange[] = [];
      if (i.description !== undefined) fields.push(field('Description', key.description, i.description));
      if (i.rotationCycleDays !== undefined && i.rotationCycleDays !== key.rotationCycleDays) {
        assertRotatable(key);
        fields.push(field('Rotation cycle', cycle(key.rotationCycleDays), cycle(i.rotationCycleDays)));
      }
      if (i.allowExport !== undefined && i.allowExport !== key.allowExport) fields.push(field('Allow export', onOff(key.allowExport), onOff(i.allowExport)));
      return { ...onKey(doc, key), status: 'Modified', fields };
    }
    case 'keys.rotate': {
      const key = findKey(doc, (input as Input<'keys.rotate'>).keyId);
      assertRotatable(key);
      assertInService({ name: key.name, lifecycle: lifecycleAfter(key.id, key, pending, KEY) }, KEY);
      const store = findKeyStore(doc, key.keyStoreId);
      assertKeyStoreRotates({ keyStores: [{ ...store, lifecycle: lifecycleAfter(store.id, lifecycleSubject(store), pending, KEY_STORE) }] }, key);
      const version = currentVersion(key).version + pending.filter((c) => c.channel === 'keys.rotate' && c.itemId === key.id).length;
      return { ...onKey(doc, key), status: 'Modified', fields: [field('Version', `${version}`, `${version + 1} (generated at approval)`)] };
    }
    case 'keys.requestDeletion':
    case 'keys.cancelDeletion':
    case 'keys.deleteNow': {
      const i = input as Input<'keys.deleteNow'>;
      const key = findKey(doc, i.keyId);
      return { ...onKey(doc, key), ...lifecycleStep(channel, key.id, key, pending, KEY, i.confirmName, now) };
    }
    case 'auth.addIpv4':
    case 'auth.addMac': {
      const i = input as Input<'auth.addIpv4'> | Input<'auth.addMac'>;
      const kind = channel === 'auth.addIpv4' ? 'ipv4' : 'mac';
      const address = typeof i.address === 'string' ? i.address : i.address.address;
      const store = newEntryIn(doc, pending, i.keyStoreId, kind, address, 'input.address');
      return { ...addition(store.id, store.name, AUTH_KINDS[kind].label, address), fields: [added('Address', address), added('Description', i.description)] };
    }
    case 'auth.addCertificate': {
      const i = input as Input<'auth.addCertificate'>;
      const store = newEntryIn(doc, pending, i.keyStoreId, 'certificate', i.name, 'input.name');
      // The period as the service checks it (today or later, inside the CA's validity); the CA itself is made at approval.
      try {
        certificatePeriod(i.validFrom, i.validTo, store.ca ? certificateValidity(store.ca.certPem) : newCaValidity(now), now, !store.ca);
      } catch (err) {
        if (err instanceof SkmError && err.field) throw new SkmError(err.code, err.message, `input.${err.field}`);
        throw err;
      }
      return {
        ...addition(store.id, store.name, AUTH_KINDS.certificate.label, i.name),
        fields: [
          added('Name', i.name),
          added('Description', i.description),
          added('Valid from', i.validFrom),
          added('Valid to', i.validTo),
          added('Password', SECRET_SHOWN),
        ],
      };
    }
    case 'auth.requestDeletion':
    case 'auth.cancelDeletion':
    case 'auth.deleteNow': {
      const i = input as Input<'auth.deleteNow'>;
      const entry = findEntry(doc, i.id);
      const store = findKeyStore(doc, entry.keyStoreId);
      return {
        keyStoreId: store.id,
        keyStoreName: store.name,
        itemId: entry.id,
        itemVersion: entry.updatedAt,
        itemKind: AUTH_KINDS[entry.kind].label,
        itemName: entry.name,
        ...lifecycleStep(channel, entry.id, entry, pending, AUTH_KINDS[entry.kind], i.confirmName, now),
      };
    }
  }
}

function addition(keyStoreId: string | null, keyStoreName: string, itemKind: string, itemName: string): Omit<Described, 'fields'> {
  return { keyStoreId, keyStoreName, itemId: null, itemVersion: null, itemKind, itemName, status: 'Added' };
}

/** A change to a key store itself: the store is both where the change is and what it changes. */
function onStore(store: ReturnType<typeof findKeyStore>): Omit<Described, 'fields' | 'status'> {
  return { keyStoreId: store.id, keyStoreName: store.name, itemId: store.id, itemVersion: store.updatedAt, itemKind: 'Key Store', itemName: store.name };
}

function onKey(doc: Readonly<VaultDocument>, key: ReturnType<typeof findKey>): Omit<Described, 'fields' | 'status'> {
  const store = findKeyStore(doc, key.keyStoreId);
  return { keyStoreId: store.id, keyStoreName: store.name, itemId: key.id, itemVersion: key.updatedAt, itemKind: KeyTypeLabels[key.type], itemName: key.name };
}

function findEntry(doc: Readonly<VaultDocument>, id: string): AuthEntryRecord {
  const entry = doc.authEntries.find((e) => e.id === id);
  if (!entry) throw new SkmError('AUTH_ENTRY_NOT_FOUND', 'That entry no longer exists. Go back to the list.');
  return entry;
}

/** Names of items the pending changes would add (in `keyStoreId`, or among new key stores for null). */
function pendingNames(pending: readonly StagedChangeRecord[], channels: readonly string[], keyStoreId: string | null): string[] {
  return pending.filter((c) => channels.includes(c.channel) && c.keyStoreId === keyStoreId && c.status === 'Added').map((c) => c.itemName);
}

/** The key store, if new items may be staged into it: not Scheduled to be Deleted, counting what is already staged. */
function acceptingStore(doc: Readonly<VaultDocument>, pending: readonly StagedChangeRecord[], keyStoreId: string): KeyStoreRecord {
  const store = findKeyStore(doc, keyStoreId);
  assertAcceptsNewItems({ name: store.name, lifecycle: lifecycleAfter(store.id, lifecycleSubject(store), pending, KEY_STORE) });
  return store;
}

/**
 * A key store's deletion, staged, is refused while it would still hold keys In Service when applied: its keys as the
 * changes staged before it leave them, and keys staged to be added to it.
 */
function assertNoKeysInServiceAfter(doc: Readonly<VaultDocument>, store: KeyStoreRecord, pending: readonly StagedChangeRecord[]): void {
  const inServiceAfter = (key: KeyRecord): boolean => {
    let status = key.lifecycle.status;
    for (const change of pending.filter((c) => c.itemId === key.id)) {
      if (change.status === 'Immediately Delete') return false;
      if (change.status === 'Request for Deletion') status = 'scheduled-for-deletion';
      if (change.status === 'Cancel Deletion') status = 'in-service';
    }
    return status === 'in-service';
  };
  const staying = doc.keys.filter((k) => k.keyStoreId === store.id && inServiceAfter(k)).map((k) => ({ name: k.name }));
  const adding = pendingNames(pending, ['keys.create', 'keys.import'], store.id).map((name) => ({ name }));
  const blocking = [...staying, ...adding];
  if (blocking.length > 0) throw new SkmError('INVALID_STATE', stillHoldsKeys(store.name, blocking));
}

function newKeyIn(doc: Readonly<VaultDocument>, pending: readonly StagedChangeRecord[], keyStoreId: string, name: string) {
  const store = acceptingStore(doc, pending, keyStoreId);
  try {
    assertKeyNameFree(doc as VaultDocument, keyStoreId, name);
  } catch (err) {
    if (err instanceof SkmError) throw new SkmError(err.code, err.message, 'input.name');
    throw err;
  }
  if (pendingNames(pending, ['keys.create', 'keys.import'], keyStoreId).some((n) => sameName(n, name))) {
    throw new SkmError('KEY_NAME_TAKEN', `A key named "${name}" is already staged in this key store. Choose another name.`, 'input.name');
  }
  return store;
}

function newEntryIn(
  doc: Readonly<VaultDocument>,
  pending: readonly StagedChangeRecord[],
  keyStoreId: string,
  kind: AuthEntryRecord['kind'],
  name: string,
  at: string,
) {
  const store = acceptingStore(doc, pending, keyStoreId);
  const channel = kind === 'ipv4' ? 'auth.addIpv4' : kind === 'mac' ? 'auth.addMac' : 'auth.addCertificate';
  const taken =
    doc.authEntries.some((e) => e.keyStoreId === keyStoreId && e.kind === kind && sameName(e.name, name)) ||
    pendingNames(pending, [channel], keyStoreId).some((n) => sameName(n, name));
  if (taken) {
    const what = kind === 'certificate' ? `a certificate named "${name}"` : `the ${AUTH_KINDS[kind].noun} ${name}`;
    throw new SkmError('AUTH_DUPLICATE', `This key store already has ${what} (or it is already staged).`, at);
  }
  return store;
}

function assertRotatable(key: ReturnType<typeof findKey>): void {
  if (key.type === 'confidential') throw new SkmError('ROTATION_NOT_ALLOWED', 'Confidential Data is not rotated.');
  if (key.origin === 'imported') {
    throw new SkmError('ROTATION_NOT_ALLOWED', 'Imported keys cannot be rotated: their material came from outside. Import a new key instead.');
  }
}

/** The item's lifecycle once the changes already staged for it are applied; refused if one of them deletes it. */
function lifecycleAfter(itemId: string, item: { name: string; lifecycle: Lifecycle }, pending: readonly StagedChangeRecord[], kind: ItemKind): Lifecycle {
  let lifecycle = item.lifecycle;
  for (const change of pending.filter((c) => c.itemId === itemId)) {
    if (change.status === 'Immediately Delete') {
      throw new SkmError('INVALID_STATE', `The ${kind.noun} "${item.name}" is already staged for Immediately Delete. Discard that change first.`);
    }
    if (change.status === 'Request for Deletion') lifecycle = { status: 'scheduled-for-deletion', deletionDate: null };
    if (change.status === 'Cancel Deletion') lifecycle = { status: 'in-service', deletionDate: null };
  }
  return lifecycle;
}

/** Request for Deletion, Cancel Deletion, Immediately Delete: the lifecycle's own rules, against the staged state. */
function lifecycleStep(
  channel: StageableChannel,
  itemId: string,
  item: { name: string; lifecycle: Lifecycle },
  pending: readonly StagedChangeRecord[],
  kind: ItemKind,
  confirmName: string | undefined,
  now: Date,
): Pick<Described, 'status' | 'fields'> {
  const subject = { name: item.name, lifecycle: lifecycleAfter(itemId, item, pending, kind) };
  const before = LifecycleStatusLabels[subject.lifecycle.status];
  if (channel.endsWith('.requestDeletion')) {
    requestDeletion(subject, now, kind);
    return { status: 'Request for Deletion', fields: [field('Status', before, LifecycleStatusLabels['scheduled-for-deletion'])] };
  }
  if (channel.endsWith('.cancelDeletion')) {
    cancelDeletion(subject, kind);
    return { status: 'Cancel Deletion', fields: [field('Status', before, LifecycleStatusLabels['in-service'])] };
  }
  try {
    assertImmediatelyDeletable(subject, confirmName ?? '', kind);
  } catch (err) {
    if (err instanceof SkmError && err.field) throw new SkmError(err.code, err.message, `input.${err.field}`);
    throw err;
  }
  return { status: 'Immediately Delete', fields: [field('Status', before, 'Deleted')] };
}
