// npm run bench — figures for the vault, printed as ratios against a bare baseline measured in the same run
// (this machine's absolute timings are noisy; the ratio is what to compare between runs).
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, open as openFile, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_KDF, deriveKey, newKdfParams } from '../main/core/vault/crypto';
import { Vault, newId } from '../main/core/vault/vault';
import { addKeyStore } from '../main/core/keystores/keystores';
import { benchKeys } from './bench-keys';
import { benchKeyList } from './bench-key-list';
import { benchApi } from './bench-api';
import { benchAudit } from './bench-audit';

const CHEAP_KDF = { name: 'scrypt', N: 1024, r: 8, p: 1 } as const;
const now = new Date();

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

/** Bare baseline: read + AES-256-GCM decrypt + JSON.parse of the same bytes, no validation or migration. */
async function bareOpen(file: string): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8'));
  const key = randomBytes(32);
  const c = createCipheriv('aes-256-gcm', key, randomBytes(12));
  JSON.parse(JSON.stringify(json.payload)); // same order of parse work as the payload
  c.update(Buffer.from(json.payload.ciphertext, 'base64'));
  c.final();
}

/** Bare baseline: encrypt + write + fsync of a document the same size, no temp file, rename or .bak. */
async function bareWrite(file: string, doc: unknown): Promise<void> {
  const c = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
  const body = Buffer.concat([c.update(JSON.stringify(doc)), c.final()]).toString('base64');
  const handle = await openFile(file, 'w', 0o600);
  await handle.writeFile(body);
  await handle.sync();
  await handle.close();
}

async function main(): Promise<void> {
  console.log('Secure Key Manager Desktop — vault benchmark');
  const kdfParams = newKdfParams(DEFAULT_KDF);
  const kdf = await median(3, () => deriveKey('benchmark passphrase', kdfParams));
  console.log(`key derivation (scrypt N=2^17 r=8 p=1, at each unlock): ${ms(kdf)}  (aim 300–1000 ms)`);

  for (const count of [1_000, 10_000]) {
    const dir = await mkdtemp(path.join(tmpdir(), 'skm-bench-'));
    const file = path.join(dir, 'vault.json');
    const vault = await Vault.create(file, 'admin', 'benchmark passphrase', now, { kdf: CHEAP_KDF });
    await vault.update((doc) => {
      for (let i = 0; i < count; i++) {
        addKeyStore(doc, { name: `Key store ${i}`, description: `Benchmark key store number ${i}`, authMethods: ['ipv4', 'certificate'] }, newId(), now);
      }
    });
    const doc = structuredClone(vault.data);
    vault.close();

    // Open = the whole unlock minus the key derivation (a cheap KDF here, so derivation is ~1 ms of it).
    const open = await median(5, async () => (await Vault.open(file, 'admin', 'benchmark passphrase')).close());
    const openBare = await median(5, () => bareOpen(file));
    const live = await Vault.open(file, 'admin', 'benchmark passphrase');
    let n = 0;
    const mutation = await median(11, () => live.update((d) => addKeyStore(d, { name: `Extra ${n++}`, description: '', authMethods: ['mac'] }, newId(), now)));
    const mutationBare = await median(11, () => bareWrite(path.join(dir, 'bare.bin'), doc));
    live.close();
    const size = (await stat(file)).size;
    console.log(
      `${count.toLocaleString('en')} key stores: open ${ms(open)} (bare ${ms(openBare)}, ratio ${(open / openBare).toFixed(2)}; target < 200 ms)` +
        ` | durable mutation ${ms(mutation)} (bare ${ms(mutationBare)}, ratio ${(mutation / mutationBare).toFixed(2)}; target < 100 ms)` +
        ` | file ${(size / 1024).toFixed(0)} KiB`,
    );
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
await benchKeys();
await benchKeyList();
await benchApi();
await benchAudit();
