import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { dataDirText } from '../data-dir-text';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const PASSPHRASE = 'correct horse battery staple';
export const USERNAME = 'admin';

/**
 * A browser host on a free port with its own fresh data directory, as a user would start it.
 * `url` is the link it printed: single-use, valid for 60 seconds, at http://skm-<random>.localhost:<port>.
 */
export class Host {
  private child: ChildProcess | null = null;
  url = '';
  constructor(readonly dataDir: string) {}

  /** http://skm-<random>.localhost:<port>: the console's only origin (the plain console address). */
  get origin(): string {
    return new URL(this.url).origin;
  }

  /**
   * A request aimed at the host from outside the browser (a curl-like client): Node does not resolve *.localhost
   * the way browsers do, so it goes to 127.0.0.1 and names the console in the Host header.
   */
  loopback(pathname: string): { url: string; headers: Record<string, string> } {
    const { host, port } = new URL(this.url);
    return { url: `http://127.0.0.1:${port}${pathname}`, headers: { Host: host } };
  }

  async start(): Promise<string> {
    const child = spawn(process.execPath, [`${process.env.SKM_DIST ?? 'dist'}/main/browser.mjs`, '--data-dir', this.dataDir, '--port', '0', '--no-open'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SKM_FREEZE_VAULT: '1' }, // in-place changes to the live vault fail loudly in e2e too
    });
    this.child = child;
    this.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 15_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Console ready at (\S+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${out}`)));
    });
    return this.url;
  }

  /** SIGTERM lets the host say goodbye (it locks and tells the page); SIGKILL is a host that vanishes without a word. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    this.child = null;
    return new Promise((resolve) => {
      child.on('exit', (code) => resolve(code));
      child.kill(signal);
    });
  }

  /** Every byte of every file in the data directory, to check that nothing typed is stored in plain text. */
  dataDirText(): Promise<string> {
    return dataDirText(this.dataDir);
  }
}

export const test = base.extend<{ host: Host }>({
  host: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'skm-e2e-'));
    const host = new Host(dir);
    await host.start();
    await use(host);
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  },
});
export { expect };

export async function createVault(page: Page, host: Host): Promise<void> {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Create vault' })).toBeVisible();
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
  await page.getByLabel(/^Confirm passphrase/).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toBeVisible();
}

export async function unlock(page: Page, passphrase = PASSPHRASE, username = USERNAME): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Passphrase/).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

export async function addKeyStore(page: Page, name: string, options: { description?: string; methods?: string[] } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Add Key Store' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add Key Store' });
  await dialog.getByLabel('Name').fill(name);
  if (options.description) await dialog.getByLabel('Description').fill(options.description);
  for (const m of options.methods ?? ['IPv4']) await dialog.getByLabel(m, { exact: true }).check();
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Another browser host on its own fresh, empty data directory, next to the test's `host` (restore a backup there).
 * `dispose` stops it and removes its folder.
 */
export async function startFreshHost(): Promise<{ host: Host; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skm-e2e-'));
  const host = new Host(dir);
  try {
    await host.start();
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    host,
    dispose: async () => {
      await host.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
