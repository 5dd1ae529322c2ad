// Listing 10,000 keys of one key store through the contract (dispatch: validation, lookup, views).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createDispatcher } from '../main/core/bridge';
import { KeyManager } from '../main/core/key-manager';
import { newId } from '../main/core/vault/vault';

export async function benchKeyList(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skm-bench-keys-'));
  const km = new KeyManager({ dataDir: dir, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 } });
  const dispatch = createDispatcher(km);
  await km.createVault({ username: 'admin', passphrase: 'benchmark passphrase', confirmPassphrase: 'benchmark passphrase' });
  const store = await km.createKeyStore({ name: 'Bench', description: '', authMethods: ['ipv4'] });
  const now = new Date().toISOString();
  // Bulk-load through one vault update (the scheduler path for tests), with real-sized AES material.
  await (km as unknown as { vault: { update: (f: (d: { keys: unknown[] }) => void) => Promise<void> } }).vault.update((doc) => {
    for (let i = 0; i < 10_000; i++) {
      doc.keys.push({
        id: newId(),
        keyStoreId: store.id,
        name: `Key ${i}`,
        description: `Benchmark key ${i}`,
        type: 'symmetric',
        algorithm: 'AES-256-GCM',
        origin: 'generated',
        rotationCycleDays: 90,
        nextRotationAt: now,
        lifecycle: { status: 'in-service', deletionDate: null },
        createdAt: now,
        updatedAt: now,
        versions: [{ version: 1, createdAt: now, material: { kind: 'aes', key: Buffer.alloc(32, i % 256).toString('base64') } }],
      });
    }
  });
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const result = await dispatch('keys.list', { keyStoreId: store.id });
    JSON.stringify(result); // what the browser host sends
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const bare = (() => {
    const t = performance.now();
    JSON.stringify((km as unknown as { vault: { data: { keys: unknown[] } } }).vault.data.keys.map((k) => ({ ...(k as object) })));
    return performance.now() - t;
  })();
  console.log(
    `\nList 10,000 keys of a key store through the contract: ${times[3]!.toFixed(1)} ms (bare copy + JSON of the same records: ${bare.toFixed(1)} ms, ratio ${(times[3]! / bare).toFixed(2)})`,
  );
  // The cost a big key store puts on every change: one durable mutation (Add Key) with 10,000 keys in the vault.
  const adds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const result = await dispatch('keys.create', { type: 'symmetric', keyStoreId: store.id, name: `Extra ${i}` });
    if (!result.ok) throw new Error(result.error.code);
    adds.push(performance.now() - t);
  }
  adds.sort((a, b) => a - b);
  console.log(`Add Key (durable) with 10,000 keys in the vault: ${adds[2]!.toFixed(1)} ms`);
  await km.lock();
  await rm(dir, { recursive: true, force: true });
}
