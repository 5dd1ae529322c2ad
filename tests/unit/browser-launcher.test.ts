import { readFile, stat } from 'node:fs/promises';
import { request } from 'node:http';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLauncher, type Spawn } from '../../main/browser/launcher';
import { startBrowserHost, type BrowserHost } from '../../main/browser/server';
import { newManager, tempDir } from './helpers';

let host: BrowserHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** Records what the opener would have been asked to run, instead of running it. */
function fakeSpawn() {
  const calls: { command: string; args: string[] }[] = [];
  const spawn: Spawn = (command, args) => {
    calls.push({ command, args });
    return { on: () => undefined, unref: () => undefined };
  };
  return { spawn, calls };
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

function postForm(h: BrowserHost, action: string, secret: string) {
  return new Promise<{ status: number; cookie: string }>((resolve, reject) => {
    const url = new URL(action);
    const req = request(
      {
        host: '127.0.0.1',
        port: h.port,
        path: url.pathname,
        method: 'POST',
        agent: false,
        // What a browser sends for a form on a file:// page.
        headers: { Host: url.host, Origin: 'null', 'Content-Type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') }));
      },
    );
    req.on('error', reject);
    req.end(new URLSearchParams({ secret }).toString());
  });
}

async function start(launchMs?: number) {
  const { km, dir } = await newManager();
  host = await startBrowserHost({ km, port: 0, rendererDir: dir, preloadFile: path.join(dir, 'none.js'), ...(launchMs ? { limits: { launchMs } } : {}) });
  return host;
}

describe('browser launcher', () => {
  for (const [platform, command] of [
    ['linux', 'xdg-open'],
    ['darwin', 'open'],
    ['win32', 'explorer'],
  ] as const) {
    it(`gives ${command} a file path only: the launch secret is never on a command line`, async () => {
      const { spawn, calls } = fakeSpawn();
      const secret = 'S3cr3t-launch-value-that-must-not-leak_0123456789';
      const { file } = await openLauncher('http://skm-0123456789abcdef.localhost:7317', secret, new Promise(() => undefined), {
        spawn,
        platform,
        tempRoot: await tempDir(),
      });
      expect(calls).toEqual([{ command, args: [file] }]);
      expect(JSON.stringify(calls)).not.toContain(secret);
      expect(JSON.stringify(calls)).not.toContain('skm-0123456789abcdef');
      expect(await readFile(file, 'utf8')).toContain(`value="${secret}"`);
    });
  }

  it('writes an owner-only page in a fresh owner-only folder that posts the secret to the host', async () => {
    const { spawn } = fakeSpawn();
    const { file } = await openLauncher('http://skm-0123456789abcdef.localhost:7317', 'abc', new Promise(() => undefined), {
      spawn,
      platform: 'linux',
      tempRoot: await tempDir(),
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    const page = await readFile(file, 'utf8');
    expect(page).toContain('<form method="post" action="http://skm-0123456789abcdef.localhost:7317/session">');
    expect(page).toContain('<input type="hidden" name="secret" value="abc">');
    expect(page).toContain('document.forms[0].submit()');
  });

  it('the page works once against a real host, and is deleted once used', async () => {
    const h = await start();
    const launch = h.newLaunch();
    const { spawn } = fakeSpawn();
    const { file, removed } = await openLauncher(h.origin, launch.secret, launch.done, { spawn, platform: 'linux', tempRoot: await tempDir() });
    const page = await readFile(file, 'utf8');
    const action = /action="([^"]+)"/.exec(page)![1]!;
    const secret = /name="secret" value="([^"]+)"/.exec(page)![1]!;
    const first = await postForm(h, action, secret);
    expect(first.status).toBe(200);
    expect(first.cookie).toMatch(/^skm_session=.+HttpOnly; SameSite=Strict/);
    await removed;
    expect(await exists(file)).toBe(false);
    expect(await exists(path.dirname(file))).toBe(false);
    expect((await postForm(h, action, secret)).status).toBe(403);
  });

  it('an unused page is deleted when its link expires', async () => {
    const h = await start(150);
    const launch = h.newLaunch();
    const { file, removed } = await openLauncher(h.origin, launch.secret, launch.done, {
      spawn: fakeSpawn().spawn,
      platform: 'linux',
      tempRoot: await tempDir(),
    });
    expect(await exists(file)).toBe(true);
    await removed;
    expect(await exists(path.dirname(file))).toBe(false);
  });
});
