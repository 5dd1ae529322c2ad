// The crash loop's model of what must be in the vault. Acknowledged calls are applied from the answers the app gave
// (what the user was told); an unacknowledged call (in flight at SIGKILL) is simulated, and the reopened vault must
// equal either the acknowledged state or that state with the in-flight call applied.
import { parseIpv4, parseMac } from '../shared/auth-formats';
import type { AuthEntryView, KeyStoreView, KeyView, Settings } from '../shared/domain';
import { keyDataToBase64, tokensIn, type Input, type MutationChannel } from './stress-shared';

/** A value the in-flight call would set but that cannot be predicted (a timestamp): matches anything. */
export const ANY = '\u0000any';
/** Id of a record an in-flight create would add: the vault chooses ids, so it is found by its name. */
export const PENDING = 'pending';

export interface StoreRec {
  id: string;
  name: string;
  description: string;
  authMethods: string;
  createdAt: string;
  updatedAt: string;
}

export interface KeyRec {
  id: string;
  keyStoreId: string;
  name: string;
  description: string;
  type: string;
  algorithm: string;
  origin: string;
  rotationCycleDays: number;
  nextRotationAt: string | null;
  status: string;
  deletionDate: string | null;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
  /** Confidential Data as created (compared with Reveal while In Service). */
  data?: string;
  /** Imported key material, base64 (searched for after Immediately Delete). */
  material?: string;
  /** Marker tokens this record's text ever held (or may hold): searched for after Immediately Delete. */
  tokens: string[];
}

export interface AuthRec {
  id: string;
  keyStoreId: string;
  kind: string;
  name: string;
  description: string;
  status: string;
  deletionDate: string | null;
  createdAt: string;
  tokens: string[];
}

export interface State {
  stores: Map<string, StoreRec>;
  keys: Map<string, KeyRec>;
  auth: Map<string, AuthRec>;
  /** Unknown until the first reopen has read settings.json. */
  settings: Settings | null;
}

export interface Op {
  channel: MutationChannel;
  input: Input;
}

export interface DeletedRecord {
  id: string;
  kind: 'key' | 'auth';
  label: string;
  tokens: string[];
  material?: string;
}

export const emptyState = (): State => ({ stores: new Map(), keys: new Map(), auth: new Map(), settings: null });

export function cloneState(s: State): State {
  return {
    stores: new Map([...s.stores].map(([k, v]) => [k, { ...v }])),
    keys: new Map([...s.keys].map(([k, v]) => [k, { ...v, tokens: [...v.tokens] }])),
    auth: new Map([...s.auth].map(([k, v]) => [k, { ...v, tokens: [...v.tokens] }])),
    settings: s.settings ? { ...s.settings } : null,
  };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const methods = (v: unknown): string => ['ipv4', 'mac', 'certificate'].filter((m) => (v as string[]).includes(m)).join(',');
const inputTokens = (input: Input): string[] => tokensIn(JSON.stringify(input));

export const storeFromView = (v: KeyStoreView): StoreRec => ({
  id: v.id,
  name: v.name,
  description: v.description,
  authMethods: methods(v.authMethods),
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
});

export const keyFromView = (v: KeyView, extra: Pick<KeyRec, 'tokens' | 'data' | 'material'>): KeyRec => ({
  id: v.id,
  keyStoreId: v.keyStoreId,
  name: v.name,
  description: v.description,
  type: v.type,
  algorithm: v.algorithm,
  origin: v.origin,
  rotationCycleDays: v.rotationCycleDays,
  nextRotationAt: v.nextRotationAt,
  status: v.status,
  deletionDate: v.deletionDate,
  currentVersion: v.currentVersion,
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
  tokens: extra.tokens,
  ...(extra.data !== undefined ? { data: extra.data } : {}),
  ...(extra.material !== undefined ? { material: extra.material } : {}),
});

export const authFromView = (v: AuthEntryView, tokens: string[]): AuthRec => ({
  id: v.id,
  keyStoreId: v.keyStoreId,
  kind: v.kind,
  name: v.name,
  description: v.description,
  status: v.status,
  deletionDate: v.deletionDate,
  createdAt: v.createdAt,
  tokens,
});

const targetId = (op: Op): string => str(op.input.keyId ?? op.input.id);

/** The record an operation targets or creates, for the deleted-material list. */
export function deletedRecord(state: State, op: Op): DeletedRecord | null {
  if (op.channel === 'keys.deleteNow') {
    const k = state.keys.get(targetId(op));
    return k ? { id: k.id, kind: 'key', label: `${k.type} key "${k.name}"`, tokens: k.tokens, ...(k.material ? { material: k.material } : {}) } : null;
  }
  if (op.channel === 'auth.deleteNow') {
    const e = state.auth.get(targetId(op));
    return e ? { id: e.id, kind: 'auth', label: `${e.kind} "${e.name}"`, tokens: e.tokens } : null;
  }
  return null;
}

/** Apply an acknowledged call: the answer is what the user was told, so it is what must be found later. */
export function applyAck(state: State, op: Op, value: unknown): State {
  const next = cloneState(state);
  const tokens = inputTokens(op.input);
  switch (op.channel) {
    case 'keystores.create':
    case 'keystores.update': {
      const s = storeFromView(value as KeyStoreView);
      next.stores.set(s.id, s);
      break;
    }
    case 'keys.create':
    case 'keys.import': {
      const v = value as KeyView;
      next.keys.set(
        v.id,
        keyFromView(v, {
          tokens,
          ...(op.input.type === 'confidential' ? { data: str(op.input.data) } : {}),
          ...(op.channel === 'keys.import' ? { material: keyDataToBase64(str(op.input.keyData)) } : {}),
        }),
      );
      break;
    }
    case 'keys.update':
    case 'keys.rotate':
    case 'keys.requestDeletion':
    case 'keys.cancelDeletion': {
      const v = value as KeyView;
      const before = next.keys.get(v.id);
      next.keys.set(
        v.id,
        keyFromView(v, {
          tokens: [...(before?.tokens ?? []), ...tokens],
          ...(before?.data !== undefined ? { data: before.data } : {}),
          ...(before?.material !== undefined ? { material: before.material } : {}),
        }),
      );
      break;
    }
    case 'keys.deleteNow':
      next.keys.delete(targetId(op));
      break;
    case 'auth.addIpv4':
    case 'auth.addMac':
    case 'auth.addCertificate':
    case 'auth.requestDeletion':
    case 'auth.cancelDeletion': {
      const v = value as AuthEntryView;
      next.auth.set(v.id, authFromView(v, [...(next.auth.get(v.id)?.tokens ?? []), ...tokens]));
      break;
    }
    case 'auth.deleteNow':
      next.auth.delete(targetId(op));
      break;
    case 'settings.update':
      next.settings = { ...(value as Settings) };
      break;
  }
  return next;
}

/**
 * What the state would be had `op` taken effect, predicted from its input (no answer came back). Calls the vault
 * would refuse leave the state unchanged. Timestamps it would set are ANY; a created record's id is PENDING:name.
 */
export function simulate(state: State, op: Op): State {
  const next = cloneState(state);
  const input = op.input;
  const tokens = inputTokens(input);
  const id = targetId(op);
  const scheduledOk = (r: { status: string }) => r.status === 'scheduled-for-deletion';
  switch (op.channel) {
    case 'keystores.create': {
      const name = str(input.name);
      next.stores.set(`${PENDING}:${name}`, {
        id: `${PENDING}:${name}`,
        name,
        description: str(input.description),
        authMethods: methods(input.authMethods),
        createdAt: ANY,
        updatedAt: ANY,
      });
      break;
    }
    case 'keystores.update': {
      const s = next.stores.get(id);
      if (!s) break;
      if (input.name !== undefined) s.name = str(input.name);
      if (input.description !== undefined) s.description = str(input.description);
      if (input.authMethods !== undefined) s.authMethods = methods(input.authMethods);
      s.updatedAt = ANY;
      break;
    }
    case 'keys.create':
    case 'keys.import': {
      if (!next.stores.has(str(input.keyStoreId))) break;
      const imported = op.channel === 'keys.import';
      const type = imported ? 'symmetric' : str(input.type);
      const rotation = type === 'confidential' || imported ? 0 : Number(input.rotationCycleDays ?? 0);
      const name = str(input.name);
      next.keys.set(`${PENDING}:${name}`, {
        id: `${PENDING}:${name}`,
        keyStoreId: str(input.keyStoreId),
        name,
        description: str(input.description),
        type,
        algorithm: type === 'symmetric' ? 'AES-256-GCM' : type === 'confidential' ? 'none' : str(input.algorithm ?? 'RSA-2048'),
        origin: imported ? 'imported' : 'generated',
        rotationCycleDays: rotation,
        nextRotationAt: rotation > 0 ? ANY : null,
        status: 'in-service',
        deletionDate: null,
        currentVersion: 1,
        createdAt: ANY,
        updatedAt: ANY,
        tokens,
        ...(type === 'confidential' ? { data: str(input.data) } : {}),
        ...(imported ? { material: keyDataToBase64(str(input.keyData)) } : {}),
      });
      break;
    }
    case 'keys.update': {
      const k = next.keys.get(id);
      if (!k) break;
      const rotation = input.rotationCycleDays as number | undefined;
      if (rotation !== undefined && rotation !== k.rotationCycleDays) {
        if (k.type === 'confidential' || k.origin === 'imported') break;
        k.rotationCycleDays = rotation;
        k.nextRotationAt = rotation > 0 ? ANY : null;
      }
      if (input.description !== undefined) k.description = str(input.description);
      k.updatedAt = ANY;
      k.tokens.push(...tokens);
      break;
    }
    case 'keys.rotate': {
      const k = next.keys.get(id);
      if (!k || k.type === 'confidential' || k.origin === 'imported' || scheduledOk(k)) break;
      k.currentVersion += 1;
      k.nextRotationAt = k.rotationCycleDays > 0 ? ANY : null;
      k.updatedAt = ANY;
      break;
    }
    case 'keys.requestDeletion': {
      const k = next.keys.get(id);
      if (!k || scheduledOk(k)) break;
      Object.assign(k, { status: 'scheduled-for-deletion', deletionDate: ANY, updatedAt: ANY });
      break;
    }
    case 'keys.cancelDeletion': {
      const k = next.keys.get(id);
      if (!k || !scheduledOk(k)) break;
      Object.assign(k, { status: 'in-service', deletionDate: null, updatedAt: ANY });
      break;
    }
    case 'keys.deleteNow': {
      const k = next.keys.get(id);
      if (k && scheduledOk(k) && input.confirmName === k.name) next.keys.delete(id);
      break;
    }
    case 'auth.addIpv4':
    case 'auth.addMac':
    case 'auth.addCertificate': {
      const keyStoreId = str(input.keyStoreId);
      if (!next.stores.has(keyStoreId)) break;
      const kind = op.channel === 'auth.addIpv4' ? 'ipv4' : op.channel === 'auth.addMac' ? 'mac' : 'certificate';
      const parsed = kind === 'ipv4' ? parseIpv4(str(input.address)) : kind === 'mac' ? parseMac(str(input.address)) : null;
      if (parsed && !parsed.ok) break;
      const name = parsed ? (typeof parsed.value === 'string' ? parsed.value : parsed.value.address) : str(input.name);
      const taken = [...next.auth.values()].some((e) => e.keyStoreId === keyStoreId && e.kind === kind && e.name.toLowerCase() === name.toLowerCase());
      if (taken) break;
      const key = `${PENDING}:${keyStoreId}/${kind}/${name}`;
      next.auth.set(key, {
        id: key,
        keyStoreId,
        kind,
        name,
        description: str(input.description),
        status: 'in-service',
        deletionDate: null,
        createdAt: ANY,
        tokens,
      });
      break;
    }
    case 'auth.requestDeletion': {
      const e = next.auth.get(id);
      if (!e || scheduledOk(e)) break;
      Object.assign(e, { status: 'scheduled-for-deletion', deletionDate: ANY });
      break;
    }
    case 'auth.cancelDeletion': {
      const e = next.auth.get(id);
      if (!e || !scheduledOk(e)) break;
      Object.assign(e, { status: 'in-service', deletionDate: null });
      break;
    }
    case 'auth.deleteNow': {
      const e = next.auth.get(id);
      if (e && scheduledOk(e) && input.confirmName === e.name) next.auth.delete(id);
      break;
    }
    case 'settings.update':
      next.settings = { ...(next.settings ?? { autoLockMinutes: 0 }), autoLockMinutes: Number(input.autoLockMinutes) };
      break;
  }
  return next;
}

export interface Discrepancy {
  kind: 'missing' | 'changed' | 'resurrected' | 'unexplained';
  text: string;
}

const STORE_FIELDS = ['name', 'description', 'authMethods', 'createdAt', 'updatedAt'] as const;
const KEY_FIELDS = [
  'keyStoreId',
  'name',
  'description',
  'type',
  'algorithm',
  'origin',
  'rotationCycleDays',
  'nextRotationAt',
  'status',
  'deletionDate',
  'currentVersion',
  'createdAt',
  'updatedAt',
] as const;
const AUTH_FIELDS = ['keyStoreId', 'kind', 'name', 'description', 'status', 'deletionDate', 'createdAt'] as const;

const same = (expected: unknown, actual: unknown): boolean => expected === ANY || expected === actual;
const show = (v: unknown): string => (v === ANY ? '(any)' : JSON.stringify(v));

/**
 * Differences between an expected state and an observed one. Expected records with a PENDING id are matched by
 * name (and key store) against observed records the expected state does not know. `deleted` ids must be absent.
 */
export function diff(expected: State, observed: State, deleted: ReadonlySet<string>, what = 'vault'): Discrepancy[] {
  const out: Discrepancy[] = [];
  const compare = <R extends { id: string }>(
    label: string,
    exp: Map<string, R>,
    obs: Map<string, R>,
    fields: readonly (keyof R & string)[],
    describe: (r: R) => string,
    sameIdentity: (e: R, o: R) => boolean,
  ) => {
    const matched = new Set<string>();
    for (const e of exp.values()) {
      let o = e.id.startsWith(PENDING) ? undefined : obs.get(e.id);
      if (e.id.startsWith(PENDING)) o = [...obs.values()].find((c) => !exp.has(c.id) && !matched.has(c.id) && sameIdentity(e, c));
      if (!o) {
        out.push({ kind: 'missing', text: `${label} ${describe(e)} (${e.id}) is missing from the ${what}` });
        continue;
      }
      matched.add(o.id);
      for (const f of fields) {
        if (!same(e[f], o[f]))
          out.push({ kind: 'changed', text: `${label} ${describe(e)} (${o.id}): ${f} is ${show(o[f])} in the ${what}, expected ${show(e[f])}` });
      }
      const ed = (e as { data?: string }).data;
      const od = (o as { data?: string }).data;
      if (ed !== undefined && od !== undefined && ed !== od)
        out.push({ kind: 'changed', text: `${label} ${describe(e)} (${o.id}): Confidential Data differs` });
    }
    for (const o of obs.values()) {
      if (matched.has(o.id)) continue;
      if (deleted.has(o.id))
        out.push({ kind: 'resurrected', text: `${label} ${describe(o)} (${o.id}) was Immediately Deleted (acknowledged) but is back in the ${what}` });
      else out.push({ kind: 'unexplained', text: `${label} ${describe(o)} (${o.id}) is in the ${what} but no call created it` });
    }
  };
  compare(
    'key store',
    expected.stores,
    observed.stores,
    STORE_FIELDS,
    (r) => `"${r.name}"`,
    (e, o) => e.name === o.name,
  );
  compare(
    'key',
    expected.keys,
    observed.keys,
    KEY_FIELDS,
    (r) => `"${r.name}"`,
    (e, o) => e.name === o.name && e.keyStoreId === o.keyStoreId,
  );
  compare(
    'auth entry',
    expected.auth,
    observed.auth,
    AUTH_FIELDS,
    (r) => `${r.kind} "${r.name}"`,
    (e, o) => e.name === o.name && e.kind === o.kind && e.keyStoreId === o.keyStoreId,
  );
  if (expected.settings && observed.settings && !same(expected.settings.autoLockMinutes, observed.settings.autoLockMinutes)) {
    out.push({ kind: 'changed', text: `settings: autoLockMinutes is ${observed.settings.autoLockMinutes}, expected ${expected.settings.autoLockMinutes}` });
  }
  return out;
}

/**
 * The new baseline after a reopen: what was observed, with what only the model knows (marker tokens, confidential
 * data, imported material) carried over from the expected state that matched, by id or, for a create that was in
 * flight, by name.
 */
export function rebase(observed: State, matched: State): State {
  const next = cloneState(observed);
  const byName = <R extends { id: string; name: string }>(m: Map<string, R>, o: R): R | undefined =>
    m.get(o.id) ?? [...m.values()].find((r) => r.id.startsWith(PENDING) && r.name === o.name);
  for (const k of next.keys.values()) {
    const from = byName(matched.keys, k);
    if (!from) continue;
    k.tokens = [...from.tokens];
    if (from.data !== undefined) k.data = from.data;
    if (from.material !== undefined) k.material = from.material;
  }
  for (const e of next.auth.values()) {
    const from = byName(matched.auth, e);
    if (from) e.tokens = [...from.tokens];
  }
  return next;
}
