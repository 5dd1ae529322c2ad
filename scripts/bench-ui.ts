// npm run bench:ui — the key list at scale, in Chromium: 10,000 keys in one key store, seeded through the contract
// (the browser host's bridge, with the page's own session: see seedKeys), then the first render of the key list and a
// filter keystroke, each the median of several runs and printed with its ratio to a baseline measured in the same run
// (a key store of one page of keys), because this machine's absolute timings are noisy. The seeding helpers are
// shared with tests/e2e/scale.spec.ts.
import { chromium, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import config, { CHROMIUM_PATH } from '../playwright.config';
import type { Channel, Input, Output } from '../shared/contract';
import { Host, createVault } from '../tests/e2e/fixtures';

/** One contract call from the page, as the signed-in member; throws main's words when it is refused. */
export async function invoke<C extends Channel>(page: Page, channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await page.evaluate(([c, i]) => window.skm.invoke(c as C, i as Input<C>), [channel, input] as const);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as Output<C>;
}

/** "key-00042": zero-padded, so that sorting by name puts key-09999 last. */
export const seededName = (i: number): string => `key-${String(i).padStart(5, '0')}`;

/** Keys a third each Confidential Data, Symmetric Keys without rotation and Symmetric Keys rotated every 90 days, so every column has something to sort. */
export function seededKey(keyStoreId: string, i: number): Input<'keys.create'> {
  const name = seededName(i);
  return i % 3 === 0
    ? { type: 'confidential', keyStoreId, name, description: '', data: `value ${i}` }
    : { type: 'symmetric', keyStoreId, name, description: '', rotationCycleDays: i % 3 === 1 ? 0 : 90 };
}

/**
 * `count` keys in the key store through keys.create, `inFlight` calls at a time, so that the vault writes them
 * together (group commit). The calls go through the browser host's bridge (POST /bridge/keys.create) with the page's
 * own console session (its cookie and token), exactly what window.skm.invoke sends, but from this process: Chromium
 * opens at most 6 connections to one host (and the event stream holds one), so from the page at most 5 calls are
 * ever in flight. Answers the time it took in ms.
 */
export async function seedKeys(page: Page, host: Host, keyStoreId: string, count: number, inFlight = 500): Promise<number> {
  const token = (await page.evaluate(() => JSON.parse(sessionStorage.getItem('skm.session') ?? 'null')?.token)) as string;
  const cookie = (await page.context().cookies(host.origin)).map((c) => `${c.name}=${c.value}`).join('; ');
  const { url, headers } = host.loopback('/bridge/keys.create');
  const target = new URL(url);
  // Keep-alive connections, one call each at a time, reused for the next.
  const pool = new Pool(target.origin, { connections: inFlight, pipelining: 1 });
  const refused: string[] = [];
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const input = seededKey(keyStoreId, next++);
      const res = await pool.request({
        path: target.pathname,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', cookie, 'x-skm-session': token },
        body: JSON.stringify({ input }),
      });
      const result = (await res.body.json()) as { ok: boolean; error?: { message: string } };
      if (!result.ok) refused.push(`${input.name}: ${result.error?.message ?? res.statusCode}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  } finally {
    await pool.close();
  }
  if (refused.length > 0) throw new Error(`${refused.length} keys were refused, e.g. ${refused[0]}`);
  return Date.now() - started;
}

/** The same from the page, through window.skm.invoke (at most 5 in flight, see seedKeys): for comparison. */
async function seedKeysFromPage(page: Page, keyStoreId: string, count: number): Promise<number> {
  const inputs = Array.from({ length: count }, (_, i) => seededKey(keyStoreId, i));
  const started = Date.now();
  const refused = await page.evaluate(async (inputs) => {
    const results = await Promise.all(inputs.map((input) => window.skm.invoke('keys.create', input)));
    return results.filter((r) => !r.ok).length;
  }, inputs);
  if (refused > 0) throw new Error(`${refused} keys were refused`);
  return Date.now() - started;
}

/**
 * Time from `act` (run in the page) until the grid has been painted and then stayed still for two frames: the first
 * frame after its last change. Includes everything in between (the bridge call, the row model, React, layout),
 * which is what the admin waits for. A keystroke is the input event React's onChange listens to, dispatched on
 * Search by name.
 */
async function timeToSettledGrid(page: Page, act: 'open-store' | 'keystroke', arg: string): Promise<number> {
  return page.evaluate(
    async ({ act, arg }) => {
      let last = 0;
      const observer = new MutationObserver(() => (last = performance.now()));
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      const start = performance.now();
      if (act === 'open-store') {
        const link = [...document.querySelectorAll<HTMLElement>('[role="grid"] button')].find((b) => b.textContent === arg);
        if (!link) throw new Error(`no key store ${arg}`);
        link.click();
      } else {
        const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setValue.call(input, arg);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      let settled = 0;
      let seen = -1;
      let quiet = 0;
      const row = '[role="grid"][aria-label="Keys"] [role="row"][data-rowindex="0"]';
      // Inline functions only: tsx names bound ones with a helper the page does not have.
      for (let i = 0; quiet < 2 || (act === 'open-store' && !document.querySelector(row)); i++) {
        if (i > 1200) throw new Error('the key list did not settle within 1,200 frames');
        // A frame: requestAnimationFrame runs before the paint, the timeout after it.
        const painted = await new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))));
        if (last !== seen) {
          settled = painted;
          seen = last;
          quiet = 0;
        } else quiet++;
      }
      observer.disconnect();
      return settled - start;
    },
    { act, arg },
  );
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (v: number): string => `${Math.round(v)} ms`;

/**
 * CPU time (user + system) of this process's Chromium, from /proc: unlike the time on the clock, it does not grow
 * when other programs share the machine's cores, so it is the figure to hold against the aim on a busy machine.
 */
function chromiumCpuMs(): number {
  const ticks = 100; // USER_HZ, the unit of /proc/<pid>/stat times on Linux
  const parents = new Map<number, number>();
  const stats = new Map<number, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      if (stat.includes('(chromium')) stats.set(Number(entry), fields);
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, fields] of stats) if (ours(pid)) total += ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
  return total;
}

async function backToDepository(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'Key Depository' }).click();
  await page.getByRole('grid', { name: 'Key stores' }).waitFor();
}

/**
 * Search by name, one keystroke at a time: each shows other keys (in the 10,000-key store a new page of 25, in the
 * one-page store 13 or 7 of its 25), then the search is cleared.
 */
const KEYSTROKES = ['1', '2', '1', '2', '1', '2', '1', ''];

interface Figures {
  render: number[];
  keystroke: number[];
  renderCpu: number[];
  keystrokeCpu: number[];
}

/** Open the key store from the Key Depository, type into its search, and go back: one run. */
async function run(page: Page, storeName: string, into: Figures): Promise<void> {
  let cpu = chromiumCpuMs();
  into.render.push(await timeToSettledGrid(page, 'open-store', storeName));
  into.renderCpu.push(chromiumCpuMs() - cpu);
  cpu = chromiumCpuMs();
  for (const value of KEYSTROKES) into.keystroke.push(await timeToSettledGrid(page, 'keystroke', value));
  into.keystrokeCpu.push((chromiumCpuMs() - cpu) / KEYSTROKES.length);
  await backToDepository(page);
}

async function main(): Promise<void> {
  const KEYS = 10_000;
  const RUNS = 5;
  console.log('Secure Key Manager Desktop — key list benchmark (Chromium, browser host)');
  const dir = await mkdtemp(path.join(tmpdir(), 'skm-bench-ui-'));
  const host = new Host(dir);
  await host.start();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: config.use?.launchOptions?.args ?? [] });
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // Outside the test runner expect() waits 5 s; on a busy machine creating the vault (scrypt) can take longer.
    await createVault(page, host).catch(() => page.getByRole('heading', { name: 'Key Depository' }).waitFor({ timeout: 120_000 }));
    const bigStore = await invoke(page, 'keystores.create', { name: 'Ten thousand', description: '', authMethods: ['ipv4'], authMode: 'all' });
    const smallStore = await invoke(page, 'keystores.create', { name: 'One page', description: '', authMethods: ['ipv4'], authMode: 'all' });
    const seedMs = await seedKeys(page, host, bigStore.id, KEYS);
    const pageMs = await seedKeysFromPage(page, smallStore.id, 25);
    const rate = (n: number, time: number) => `${((n / time) * 1000).toFixed(0)} keys/s`;
    console.log(
      `Seeding ${KEYS.toLocaleString('en')} keys through the bridge (keys.create, 500 in flight): ${(seedMs / 1000).toFixed(1)} s, ${rate(KEYS, seedMs)}; ` +
        `from the page through window.skm.invoke (5 in flight at most) into a ${KEYS.toLocaleString('en')}-key vault: ${rate(25, pageMs)}`,
    );
    await page.reload();
    await page.getByRole('grid', { name: 'Key stores' }).waitFor();

    // Alternate the two stores: the key list keeps the last store's keys, so each opening starts cold.
    const big: Figures = { render: [], keystroke: [], renderCpu: [], keystrokeCpu: [] };
    const base: Figures = { render: [], keystroke: [], renderCpu: [], keystrokeCpu: [] };
    for (let i = 0; i < RUNS; i++) {
      await run(page, bigStore.name, big);
      await run(page, smallStore.name, base);
    }
    const [render, renderBase, key, keyBase] = [median(big.render), median(base.render), median(big.keystroke), median(base.keystroke)];
    const [renderCpu, keyCpu] = [median(big.renderCpu), median(big.keystrokeCpu)];
    const n = KEYS.toLocaleString('en');
    console.log(
      `Key list, ${n} keys: first render ${ms(render)} (one-page key store ${ms(renderBase)}, ratio ${(render / renderBase).toFixed(1)}); ` +
        `filter keystroke ${ms(key)} (one-page key store ${ms(keyBase)}, ratio ${(key / keyBase).toFixed(1)})`,
    );
    console.log(
      `  median of ${RUNS} first renders and ${big.keystroke.length} keystrokes, clock time from the click or keystroke to the painted, settled grid`,
    );
    console.log(
      `  Chromium CPU time: first render ${ms(renderCpu)} (one-page ${ms(median(base.renderCpu))}), keystroke ${ms(keyCpu)} (one-page ${ms(median(base.keystrokeCpu))})`,
    );
    console.log(`  aim: first render < 500 ms, keystroke < 50 ms; this machine: ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`);
  } finally {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
