import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { request, type RequestOptions } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseServeArgs, UsageError } from '../../main/headless/args';
import { caller, newManager, PASSPHRASE, tempDir } from './helpers';

/**
 * `npm run serve`, the headless Key API host, run as a real process (through tsx, so no build is needed) against a
 * vault made here with a cheap KDF (its parameters are stored in the keyslot, so the host opens it as it is).
 */

const CLI = fileURLToPath(new URL('../../main/headless/cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY = /^Key API ready at (https:\/\/127\.0\.0\.1:(\d+)\/keymanager\/v1\.0\/appkey\/([0-9a-f]{32})\/)$/m;

interface Vault {
  dataDir: string;
  appKey: string;
  keyId: string;
  passphraseFile: string;
}

/** A vault with a key store that admits 127.0.0.1 by IPv4 address and one symmetric key, closed again. */
async function makeVault(): Promise<Vault> {
  const { km, dir, dispatch } = await newManager();
  const call = caller(dispatch);
  const info = await call('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  const store = await call('keystores.create', { name: 'Payments', authMethods: ['ipv4'] });
  await call('auth.addIpv4', { keyStoreId: store.id, address: '127.0.0.1' });
  const key = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'card-numbers' });
  await km.lock();
  // The instance lock is released once the vault's last write is done: the host started next must find it free.
  await waitFor(() => !existsSync(path.join(dir, 'vault.json.lock')), 'the test vault to close');
  const passphraseFile = path.join(await tempDir(), 'passphrase');
  await writeFile(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  return { dataDir: dir, appKey: info.appKey, keyId: key.id, passphraseFile };
}

async function waitFor(ok: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One `npm run serve` process: its output so far, and when it ends. */
class Host {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    proc.stdout.setEncoding('utf8').on('data', (s: string) => (this.stdout += s));
    proc.stderr.setEncoding('utf8').on('data', (s: string) => (this.stderr += s));
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  }

  get output(): string {
    return this.stdout + this.stderr;
  }

  /** The ready line's URL, or the output if the process ended without one. */
  async ready(ms = 40_000): Promise<{ url: string; port: number; appKey: string }> {
    let ended = false;
    void this.exited.then(() => (ended = true));
    await waitFor(() => READY.test(this.stdout) || ended, 'the ready line', ms);
    const match = READY.exec(this.stdout);
    if (!match) throw new Error(`The host ended without the ready line:\n${this.output}`);
    return { url: match[1]!, port: Number(match[2]), appKey: match[3]! };
  }

  /** Exit code, failing if the process takes longer than `ms`. */
  async exit(ms = 20_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Still running after ${ms} ms:\n${this.output}`)), ms);
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
      this.proc.kill('SIGKILL'); // no-op once it has exited
    }
  }
}

function serve(args: string[], env: Record<string, string | undefined>): Host {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SKM_DATA_DIR: undefined, SKM_USERNAME: undefined, SKM_PASSPHRASE_FILE: undefined, ...env };
  for (const name of Object.keys(childEnv)) if (childEnv[name] === undefined) delete childEnv[name];
  return new Host(spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: childEnv, stdio: 'pipe' }));
}

async function serveVault(vault: Vault, extra: string[] = [], port?: number): Promise<{ host: Host; port: number }> {
  const p = port ?? (await freePort());
  const host = serve(['--data-dir', vault.dataDir, '--listen', `127.0.0.1:${p}`, ...extra], {
    SKM_USERNAME: 'admin',
    SKM_PASSPHRASE_FILE: vault.passphraseFile,
  });
  return { host, port: p };
}

interface Answer {
  status: number;
  json: any;
}

/** An HTTPS call that trusts only the API CA. `body` is sent in parts when `hold` is given: the rest after it resolves. */
function call(
  url: string,
  ca: string,
  options: RequestOptions & { body?: string; hold?: Promise<unknown> } = {},
): { sent: Promise<void>; answer: Promise<Answer> } {
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = request(url, { ca, method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (s: string) => (text += s));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    const body = options.body;
    if (body === undefined) {
      req.end();
      markSent();
    } else if (!options.hold) {
      req.end(body);
      markSent();
    } else {
      const half = Math.floor(body.length / 2);
      req.flushHeaders();
      req.write(body.slice(0, half), () => markSent());
      void options.hold.then(() => req.end(body.slice(half)));
    }
  });
  return { sent, answer };
}

describe('parseServeArgs', () => {
  const env = { SKM_USERNAME: 'admin', SKM_DATA_DIR: '/tmp/skm-env' };

  it('defaults to 127.0.0.1:8443 and SKM_DATA_DIR, and takes repeated --host-name', () => {
    const options = parseServeArgs(['--host-name', 'kms.example.internal', '--host-name=KMS2.example.internal'], env);
    expect(options.keyApi).toEqual({ listen: '127.0.0.1', port: 8443, hostNames: ['kms.example.internal', 'kms2.example.internal'] });
    expect(options.dataDir).toBe(path.resolve('/tmp/skm-env'));
    expect(options.passphraseFile).toBeNull();
    expect(options.writeCa).toBeNull();
  });

  it('reads --data-dir, --listen and --write-ca in both spellings', () => {
    const options = parseServeArgs(['--data-dir=/srv/vault', '--listen', '0.0.0.0:9443', '--write-ca', 'api-ca.pem'], { ...env, SKM_PASSPHRASE_FILE: 'pw' });
    expect(options).toMatchObject({ dataDir: path.resolve('/srv/vault'), keyApi: { listen: '0.0.0.0', port: 9443 }, writeCa: path.resolve('api-ca.pem') });
    expect(options.passphraseFile).toBe(path.resolve('pw'));
  });

  it.each([
    [['--listen', '127.0.0.1'], /--listen takes HOST:PORT/],
    [['--listen', '127.0.0.1:0'], /Port must be a whole number from 1 to 65535/],
    [['--listen', '127.0.0.1:70000'], /Port must be a whole number from 1 to 65535/],
    [['--listen', 'localhost:8443'], /IPv4 address such as 127\.0\.0\.1/],
    [['--listen'], /--listen needs a value/],
    [['--listen', '127.0.0.1:1', '--listen', '127.0.0.1:2'], /given twice/],
    [['--host-name', 'bad_name'], /--host-name: Host names use letters/],
    [['--port', '8443'], /Unknown argument "--port"/],
  ])('refuses %j with words', (argv, words) => {
    expect(() => parseServeArgs(argv, env)).toThrow(UsageError);
    expect(() => parseServeArgs(argv, env)).toThrow(words);
  });

  it('needs SKM_USERNAME', () => {
    expect(() => parseServeArgs([], { SKM_DATA_DIR: '/tmp/x' })).toThrow(/Set SKM_USERNAME/);
  });
});

// Each start issues RSA certificates (the API CA on first need, then the server's): seconds, more on a busy machine.
describe('npm run serve (headless Key API host)', { timeout: 60_000 }, () => {
  it('opens the vault with SKM_PASSPHRASE_FILE, prints the ready line, writes the CA with --write-ca, serves, and stops on SIGINT', async () => {
    const vault = await makeVault();
    const caFile = path.join(await tempDir(), 'api-ca.pem');
    const { host, port } = await serveVault(vault, ['--write-ca', caFile]);
    const ready = await host.ready();
    expect(host.stdout.split('\n')[0]).toBe(`Key API ready at https://127.0.0.1:${port}/keymanager/v1.0/appkey/${vault.appKey}/`);
    expect(ready.appKey).toBe(vault.appKey);

    const ca = await readFile(caFile, 'utf8');
    expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----\r?\n[\s\S]+-----END CERTIFICATE-----\r?\n?$/);
    const confirm = await call(`${ready.url}confirm`, ca).answer;
    expect(confirm.status).toBe(200);
    expect(confirm.json.header).toMatchObject({ resultCode: 0, isSuccessful: true });

    host.proc.kill('SIGINT');
    expect(await host.exit()).toBe(0);
    expect(host.output).not.toContain(PASSPHRASE);
    expect(existsSync(path.join(vault.dataDir, 'vault.json.lock'))).toBe(false);
  });

  it('reads the passphrase from one line of stdin when SKM_PASSPHRASE_FILE is not set', async () => {
    const vault = await makeVault();
    const port = await freePort();
    const host = serve(['--data-dir', vault.dataDir, '--listen', `127.0.0.1:${port}`], { SKM_USERNAME: 'admin' });
    host.proc.stdin.end(`${PASSPHRASE}\nthe next line is not read\n`);
    const ready = await host.ready();
    expect(ready.url).toBe(`https://127.0.0.1:${port}/keymanager/v1.0/appkey/${vault.appKey}/`);
    host.proc.kill('SIGTERM');
    expect(await host.exit()).toBe(0);
    expect(host.output).not.toContain(PASSPHRASE);
  });

  it('refuses a wrong passphrase with exit 1 and words, and never prints the passphrase', async () => {
    const vault = await makeVault();
    const wrong = 'not the right passphrase at all';
    await writeFile(vault.passphraseFile, `${wrong}\n`);
    const { host } = await serveVault(vault);
    expect(await host.exit()).toBe(1);
    expect(host.stderr.trim()).toMatch(/^Wrong username or passphrase/);
    expect(host.stdout).not.toMatch(/ready/);
    expect(host.output).not.toContain(wrong);
  });

  it('refuses a second host on the same data folder with words', async () => {
    const vault = await makeVault();
    const first = await serveVault(vault);
    await first.host.ready();
    const second = await serveVault(vault);
    expect(await second.host.exit()).toBe(1);
    expect(second.host.stderr).toMatch(/open in another Secure Key Manager process \(pid \d+\)/);
    expect(second.host.stdout).toBe('');

    // The first keeps serving.
    first.host.proc.kill('SIGTERM');
    expect(await first.host.exit()).toBe(0);
  });

  it('on SIGTERM, finishes a request in flight, then exits 0 within 6 s', async () => {
    const vault = await makeVault();
    const caFile = path.join(await tempDir(), 'api-ca.pem');
    const { host } = await serveVault(vault, ['--write-ca', caFile]);
    const { url } = await host.ready();
    const ca = await readFile(caFile, 'utf8');

    let release: () => void = () => undefined;
    const hold = new Promise<void>((resolve) => (release = resolve));
    const body = JSON.stringify({ plaintext: 'hello' });
    const inFlight = call(`${url}symmetric-keys/${vault.keyId}/encrypt`, ca, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      body,
      hold,
    });
    await inFlight.sent;
    await new Promise((r) => setTimeout(r, 200)); // the server has the headers and half the body

    const stoppedAt = Date.now();
    host.proc.kill('SIGTERM');
    await waitFor(() => /SIGTERM/.test(host.stderr), 'the host to start stopping');
    let exited = false;
    void host.exited.then(() => (exited = true));
    await new Promise((r) => setTimeout(r, 500));
    expect(exited, 'the host waits for the request in flight').toBe(false);
    release();
    const answer = await inFlight.answer;
    expect(answer.status).toBe(200);
    expect(answer.json.header).toMatchObject({ resultCode: 0, isSuccessful: true });
    expect(answer.json.body).toMatchObject({ keyVersion: 1, ciphertext: expect.any(String) });

    expect(await host.exit(6_000)).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(6_000);
    expect(host.stdout).toMatch(/Key API stopped/);
  });

  it('exits 2 with words for a --listen it cannot use, before asking for a passphrase', async () => {
    const host = serve(['--listen', 'localhost'], { SKM_USERNAME: 'admin', SKM_DATA_DIR: await tempDir() });
    expect(await host.exit()).toBe(2);
    expect(host.stderr.trim()).toBe('--listen takes HOST:PORT, as in 127.0.0.1:8443; "localhost" is not in that form.');
    expect(host.stdout).toBe('');
  });
});
