import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../main/core/vault/vault';
import { editable } from '../../main/core/vault/draft';
import { nodeIo } from '../../main/core/vault/durable-file';
import { FAST_KDF, PASSPHRASE, tempDir } from './helpers';

const now = new Date('2026-11-28T10:00:00Z');
const store = (n: number) => ({
  id: n.toString(16).padStart(32, '0'),
  name: `store ${n}`,
  description: '',
  authMethods: ['mac' as const],
  authMode: 'all' as const,
  createdAt: '',
  updatedAt: '',
});

async function newVault(io = nodeIo) {
  const dir = await tempDir();
  const file = path.join(dir, 'vault.json');
  await (await Vault.create(file, 'admin', PASSPHRASE, now, { kdf: FAST_KDF })).close();
  return { file, vault: await Vault.open(file, 'admin', PASSPHRASE, { io }) };
}

describe('vault group commit', () => {
  it('carries concurrent updates in a few writes, and every caller hears ok only once its change is on disk', async () => {
    const { file, vault } = await newVault();
    const before = vault.generation;
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => vault.update((doc) => doc.keyStores.push(store(i + 1)))));
    expect(results).toHaveLength(300);
    expect(vault.data.keyStores).toHaveLength(300);
    // One write for the first update, then the rest grouped behind it (at most 500 to a write).
    expect(vault.generation - before).toBeLessThanOrEqual(3);
    await vault.close();
    const reopened = await Vault.open(file, 'admin', PASSPHRASE);
    expect(reopened.data.keyStores.map((s) => s.name)).toEqual(Array.from({ length: 300 }, (_, i) => `store ${i + 1}`));
    await reopened.close();
  });

  it('drops only the changes of an update that throws, even half-made ones', async () => {
    const { vault } = await newVault();
    await vault.update((doc) => void doc.keyStores.push(store(1)));
    const outcomes = await Promise.allSettled([
      vault.update((doc) => void doc.keyStores.push(store(2))),
      vault.update((doc) => {
        editable(doc.keyStores, doc.keyStores[0]!).name = 'half-made';
        doc.keyStores.push(store(99));
        throw new Error('bad input');
      }),
      // Reads of `data` inside an update see the group's earlier changes, as they would in a queue.
      vault.update((doc) => {
        expect(vault.data.keyStores.map((s) => s.name)).toEqual(['store 1', 'store 2']);
        doc.keyStores.push(store(3));
      }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(vault.data.keyStores.map((s) => s.name)).toEqual(['store 1', 'store 2', 'store 3']);
    await vault.close();
  });

  it('fails every update of a group whose write fails, and then nothing of the group has changed', async () => {
    let failing = false;
    const io = {
      ...nodeIo,
      rename: async (...args: Parameters<typeof nodeIo.rename>) => {
        if (failing) throw Object.assign(new Error('disk gone'), { code: 'EIO' });
        return nodeIo.rename(...args);
      },
    };
    const { vault } = await newVault(io);
    await vault.update((doc) => void doc.keyStores.push(store(1)));
    failing = true;
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => vault.update((doc) => void doc.keyStores.push(store(i + 2)))));
    expect(outcomes.every((o) => o.status === 'rejected' && (o.reason as { code: string }).code === 'VAULT_WRITE_FAILED')).toBe(true);
    expect(vault.data.keyStores.map((s) => s.name)).toEqual(['store 1']);
    failing = false;
    await vault.close();
  });

  it('keeps call order with a batch queued between two updates', async () => {
    const { vault } = await newVault();
    const order: string[] = [];
    await Promise.all([
      vault.update(() => void order.push('update 1')),
      vault.batch(async () => void order.push('batch')),
      vault.update(() => void order.push('update 2')),
    ]);
    expect(order).toEqual(['update 1', 'batch', 'update 2']);
    await vault.close();
  });
});
