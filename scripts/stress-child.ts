// The process the crash loop (scripts/stress.ts) kills: opens the vault through KeyManager and runs random mutations
// through the dispatcher, one at a time, until it receives SIGKILL. Every call is reported on fd 3 before it starts
// (intent) and after it was answered (ack). Run only by the parent: it loads first, then waits for a "go" line.
import { randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { KeyManager } from '../main/core/key-manager';
import { createDispatcher } from '../main/core/bridge';
import type { AuthEntryView, KeyStoreView, KeyView } from '../shared/domain';
import {
  STRESS_KDF,
  STRESS_PASSPHRASE,
  STRESS_USER,
  rng,
  tokenFactory,
  type ChildMessage,
  type GoMessage,
  type Input,
  type MutationChannel,
} from './stress-shared';

const REPORT_FD = 3;

function report(message: ChildMessage): void {
  const bytes = Buffer.from(`${JSON.stringify(message)}\n`);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(REPORT_FD, bytes, offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    }
  }
}

interface Store {
  id: string;
  name: string;
}
interface Key {
  id: string;
  keyStoreId: string;
  name: string;
  type: KeyView['type'];
  origin: KeyView['origin'];
  status: KeyView['status'];
}
interface Entry {
  id: string;
  keyStoreId: string;
  kind: AuthEntryView['kind'];
  name: string;
  status: AuthEntryView['status'];
}

interface Op {
  channel: MutationChannel;
  input: Input;
  expectRefusal?: boolean;
}

const AUTH_METHODS = ['ipv4', 'mac', 'certificate'] as const;
const asymmetric = (slow: boolean): Array<[number, string]> => [
  [40, 'ECDSA-P256'],
  [40, 'Ed25519'],
  [15, 'ECDSA-P384'],
  [slow ? 30 : 5, 'RSA-2048'],
];

async function main(): Promise<void> {
  report({ t: 'loaded' });
  const go = await firstLine<GoMessage>();
  const random = rng(go.seed);
  const token = tokenFactory(go.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number): boolean => random() < p;
  const weighted = <T>(items: ReadonlyArray<readonly [number, T]>): T => {
    const total = items.reduce((s, [w]) => s + w, 0);
    let r = random() * total;
    for (const [w, item] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1]![1];
  };

  const km = new KeyManager({ dataDir: go.dataDir, kdf: STRESS_KDF, backoff: () => 0 });
  const dispatch = createDispatcher(km);
  const call = async <T>(stage: string, channel: string, input?: unknown): Promise<T> => {
    const result = await dispatch(channel, input);
    if (!result.ok) {
      report({ t: 'fatal', stage, code: result.error.code, message: result.error.message });
      process.exit(2);
    }
    return result.value as T;
  };

  const credentials = { username: STRESS_USER, passphrase: STRESS_PASSPHRASE };
  if (go.create) await call('create', 'vault.create', { ...credentials, confirmPassphrase: STRESS_PASSPHRASE });
  else await call('unlock', 'vault.unlock', credentials);

  // This child's view of the vault, read through the contract, then kept up to date from the answers.
  const stores: Store[] = (await call<KeyStoreView[]>('read', 'keystores.list')).map(({ id, name }) => ({ id, name }));
  const keys: Key[] = [];
  const entries: Entry[] = [];
  for (const store of stores) {
    for (const k of await call<KeyView[]>('read', 'keys.list', { keyStoreId: store.id })) keys.push(keyOf(k));
    for (const kind of AUTH_METHODS) {
      for (const e of await call<AuthEntryView[]>('read', 'auth.list', { keyStoreId: store.id, kind })) entries.push(entryOf(e));
    }
  }

  const description = (): string => (chance(0.15) ? '' : `description ${token()} ${'·'.repeat(Math.floor(random() * 40))}`.trim());
  const methods = (): string[] => {
    const chosen = AUTH_METHODS.filter(() => chance(0.5));
    return chosen.length > 0 ? chosen : [pick(AUTH_METHODS)];
  };
  const keyData = (): string => [...randomBytes(32)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(chance(0.5) ? ', ' : ' ');
  const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const octet = (): number => Math.floor(random() * 256);
  const hex2 = (): string => octet().toString(16).padStart(2, '0');

  const certificate = (keyStoreId: string): Op => ({
    channel: 'auth.addCertificate',
    input: {
      keyStoreId,
      name: `client ${token()}`,
      description: description(),
      password: 'stress-test-password',
      confirmPassword: 'stress-test-password',
      validFrom: day(0),
      validTo: day(365),
    },
  });

  const inService = <T extends { status: string }>(items: T[]) => items.filter((i) => i.status === 'in-service');
  const scheduled = <T extends { status: string }>(items: T[]) => items.filter((i) => i.status === 'scheduled-for-deletion');
  const rotatable = (k: Key) => k.type !== 'confidential' && k.origin === 'generated';

  /** Ops that the vault must refuse (and leave no trace of): acknowledged refusals are checked like acknowledged changes. */
  const refusals = (): Op[] => {
    const ops: Op[] = [];
    const sk = scheduled(keys);
    if (sk.length > 0) {
      const k = pick(sk);
      ops.push({ channel: 'keys.deleteNow', input: { keyId: k.id, confirmName: `${k.name} (typo)` } });
      ops.push({ channel: 'keys.requestDeletion', input: { keyId: k.id } });
    }
    const ik = inService(keys);
    if (ik.length > 0) {
      const k = pick(ik);
      ops.push({ channel: 'keys.cancelDeletion', input: { keyId: k.id } });
      ops.push({ channel: 'keys.deleteNow', input: { keyId: k.id, confirmName: k.name } });
    }
    const fixed = keys.filter((k) => !rotatable(k));
    if (fixed.length > 0) {
      const k = pick(fixed);
      ops.push({ channel: 'keys.rotate', input: { keyId: k.id } });
      ops.push({ channel: 'keys.update', input: { keyId: k.id, description: description(), rotationCycleDays: 90 } });
    }
    const se = scheduled(entries);
    if (se.length > 0) {
      const e = pick(se);
      ops.push({ channel: 'auth.deleteNow', input: { id: e.id, confirmName: `${e.name}x` } });
    }
    const ie = inService(entries);
    if (ie.length > 0) ops.push({ channel: 'auth.cancelDeletion', input: { id: pick(ie).id } });
    return ops.map((op) => ({ ...op, expectRefusal: true }));
  };

  const nextOp = (): Op => {
    const S = stores.length;
    const K = keys.length;
    const A = entries.length;
    const crowdedKeys = K > 40 ? 3 : 1;
    const crowdedAuth = A > 30 ? 3 : 1;
    const sparse = K > 60 ? 0.3 : 1;
    const store = () => pick(stores).id;
    const table: Array<[number, () => Op]> = [
      [
        S === 0 ? 1000 : S < 4 ? 2 : S < 8 ? 0.4 : 0,
        () => ({ channel: 'keystores.create', input: { name: `Key store ${token()}`, description: description(), authMethods: methods() } }),
      ],
      [
        S > 0 ? 2 : 0,
        () => {
          const input: Input = { id: store() };
          if (chance(0.4)) input.name = `Key store ${token()}`;
          if (chance(0.6)) input.description = description();
          if (chance(0.4) || Object.keys(input).length === 1) input.authMethods = methods();
          return { channel: 'keystores.update', input };
        },
      ],
      [
        S > 0 ? 3 * sparse : 0,
        () => ({
          channel: 'keys.create',
          input: {
            type: 'confidential',
            keyStoreId: store(),
            name: `Confidential ${token()}`,
            description: description(),
            data: `secret ${token()} ${randomBytes(Math.floor(random() * 300)).toString('base64')}`,
          },
        }),
      ],
      [
        S > 0 ? 3 * sparse : 0,
        () => ({
          channel: 'keys.create',
          input: {
            type: 'symmetric',
            keyStoreId: store(),
            name: `Symmetric ${token()}`,
            description: description(),
            rotationCycleDays: pick([0, 0, 30, 90, 365]),
          },
        }),
      ],
      [
        S > 0 ? 3 * sparse : 0,
        () => ({
          channel: 'keys.create',
          input: {
            type: 'asymmetric',
            keyStoreId: store(),
            name: `Asymmetric ${token()}`,
            description: description(),
            rotationCycleDays: pick([0, 0, 30, 365]),
            algorithm: weighted(asymmetric(go.slow)),
          },
        }),
      ],
      [
        S > 0 ? 2 * sparse : 0,
        () => ({ channel: 'keys.import', input: { keyStoreId: store(), name: `Imported ${token()}`, description: description(), keyData: keyData() } }),
      ],
      [
        K > 0 ? 3 : 0,
        () => {
          const k = pick(keys);
          const input: Input = { keyId: k.id };
          if (chance(0.7) || !rotatable(k)) input.description = description();
          if (rotatable(k) && (chance(0.5) || input.description === undefined)) input.rotationCycleDays = pick([0, 30, 60, 365, 3650]);
          return { channel: 'keys.update', input };
        },
      ],
      [inService(keys).some(rotatable) ? 3 : 0, () => ({ channel: 'keys.rotate', input: { keyId: pick(inService(keys).filter(rotatable)).id } })],
      [inService(keys).length > 0 ? 3 * crowdedKeys : 0, () => ({ channel: 'keys.requestDeletion', input: { keyId: pick(inService(keys)).id } })],
      [scheduled(keys).length > 0 ? 1.5 : 0, () => ({ channel: 'keys.cancelDeletion', input: { keyId: pick(scheduled(keys)).id } })],
      [
        scheduled(keys).length > 0 ? 3 * crowdedKeys : 0,
        () => {
          const k = pick(scheduled(keys));
          return { channel: 'keys.deleteNow', input: { keyId: k.id, confirmName: k.name } };
        },
      ],
      [
        S > 0 ? 1.5 : 0,
        () => ({
          channel: 'auth.addIpv4',
          input: {
            keyStoreId: store(),
            address: chance(0.8) ? `10.${octet()}.${octet()}.${octet()}` : `172.${16 + Math.floor(random() * 16)}.${octet()}.0/24`,
            description: description(),
          },
        }),
      ],
      [
        S > 0 ? 1.5 : 0,
        () => ({
          channel: 'auth.addMac',
          input: { keyStoreId: store(), address: Array.from({ length: 6 }, hex2).join(pick([':', '-'])), description: description() },
        }),
      ],
      [S > 0 ? 0.4 : 0, () => certificate(store())],
      [inService(entries).length > 0 ? 1.5 * crowdedAuth : 0, () => ({ channel: 'auth.requestDeletion', input: { id: pick(inService(entries)).id } })],
      [scheduled(entries).length > 0 ? 0.7 : 0, () => ({ channel: 'auth.cancelDeletion', input: { id: pick(scheduled(entries)).id } })],
      [
        scheduled(entries).length > 0 ? 1.5 * crowdedAuth : 0,
        () => {
          const e = pick(scheduled(entries));
          return { channel: 'auth.deleteNow', input: { id: e.id, confirmName: e.name } };
        },
      ],
      [0.7, () => ({ channel: 'settings.update', input: { autoLockMinutes: 1 + Math.floor(random() * 1440) } })],
      [K > 0 ? 1 : 0, () => pick(refusals())],
    ];
    return weighted(table.filter(([w]) => w > 0))();
  };

  const apply = (op: Op, value: unknown): void => {
    const id = (op.input.keyId ?? op.input.id) as string;
    switch (op.channel) {
      case 'keystores.create':
      case 'keystores.update': {
        const v = value as KeyStoreView;
        const i = stores.findIndex((s) => s.id === v.id);
        if (i >= 0) stores[i] = { id: v.id, name: v.name };
        else stores.push({ id: v.id, name: v.name });
        return;
      }
      case 'keys.create':
      case 'keys.import':
      case 'keys.update':
      case 'keys.rotate':
      case 'keys.requestDeletion':
      case 'keys.cancelDeletion': {
        const k = keyOf(value as KeyView);
        const i = keys.findIndex((x) => x.id === k.id);
        if (i >= 0) keys[i] = k;
        else keys.push(k);
        return;
      }
      case 'keys.deleteNow':
        keys.splice(
          keys.findIndex((k) => k.id === id),
          1,
        );
        return;
      case 'auth.addIpv4':
      case 'auth.addMac':
      case 'auth.addCertificate':
      case 'auth.requestDeletion':
      case 'auth.cancelDeletion': {
        const e = entryOf(value as AuthEntryView);
        const i = entries.findIndex((x) => x.id === e.id);
        if (i >= 0) entries[i] = e;
        else entries.push(e);
        return;
      }
      case 'auth.deleteNow':
        entries.splice(
          entries.findIndex((e) => e.id === id),
          1,
        );
        return;
      case 'settings.update':
        return;
    }
  };

  report({ t: 'ready' });
  for (let seq = 0; ; seq++) {
    // A slow cycle starts with a client certificate (about 2 s: PKCS#12 in JavaScript), so that one can complete.
    const op = go.slow && seq === 0 && stores.length > 0 ? certificate(pick(stores).id) : nextOp();
    report({ t: 'intent', seq, channel: op.channel, input: op.input, expectRefusal: op.expectRefusal === true });
    const result = await dispatch(op.channel, op.input);
    if (result.ok) {
      report({ t: 'ack', seq, ok: true, value: result.value ?? null });
      apply(op, result.value);
    } else {
      report({ t: 'ack', seq, ok: false, code: result.error.code });
    }
  }
}

const keyOf = (k: KeyView): Key => ({ id: k.id, keyStoreId: k.keyStoreId, name: k.name, type: k.type, origin: k.origin, status: k.status });
const entryOf = (e: AuthEntryView): Entry => ({ id: e.id, keyStoreId: e.keyStoreId, kind: e.kind, name: e.name, status: e.status });

function firstLine<T>(): Promise<T> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: process.stdin });
    lines.once('line', (line) => {
      resolve(JSON.parse(line) as T);
      lines.close();
    });
    lines.once('close', () => reject(new Error('stdin closed before the go line')));
  });
}

main().catch((err: unknown) => {
  report({ t: 'fatal', stage: 'run', code: err instanceof Error ? err.name : 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(3);
});
