import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DownloadRegistry } from '../../main/browser/downloads';
import { startBrowserHost, type BrowserHost } from '../../main/browser/server';
import { KeyManager } from '../../main/core/key-manager';
import { FAST_KDF, FAST_PKCS12, PASSPHRASE, tempDir } from './helpers';
import { send, type Reply } from './host-request';

let host: BrowserHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

const MINUTE = 60_000;

/** A real host on port 0 over a fresh data folder; `clock.t` is the time the host sees. */
async function start() {
  const dir = await tempDir();
  const downloads = new DownloadRegistry();
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, pkcs12Iterations: FAST_PKCS12, backoff: () => 0, files: downloads.saver });
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  await writeFile(path.join(dir, 'preload.js'), '/* bridge */');
  const clock = { t: Date.parse('2026-11-28T09:00:00Z') };
  host = await startBrowserHost({ km, downloads, port: 0, rendererDir, preloadFile: path.join(dir, 'preload.js'), now: () => clock.t });
  return { h: host, km, downloads, clock };
}

interface Session {
  cookie: string;
  token: string;
}

const cookieOf = (res: Reply): string => String(res.headers['set-cookie']).split(';')[0]!;

/** Spends a launch link the way a browser does and returns both halves of the session. */
async function launch(h: BrowserHost, url = h.url): Promise<Session> {
  const res = await send(h, new URL(url).pathname);
  expect(res.status).toBe(200);
  const token = /<meta name="skm-session" content="([\w-]+)">/.exec(res.body)?.[1];
  expect(token).toMatch(/^[\w-]{43}$/);
  return { cookie: cookieOf(res), token: token! };
}

const json = (s: Partial<Session>, extra: Record<string, string> = {}): Record<string, string> => ({
  'Content-Type': 'application/json',
  ...(s.cookie ? { Cookie: s.cookie } : {}),
  ...(s.token ? { 'X-SKM-Session': s.token } : {}),
  ...extra,
});

function call(h: BrowserHost, s: Partial<Session>, channel: string, input?: unknown, extra: Record<string, string> = {}): Promise<Reply> {
  return send(h, `/bridge/${channel}`, json(s, extra), 'POST', JSON.stringify({ input }));
}

/** A call that must answer with the contract's result; returns that result. */
async function ok(h: BrowserHost, s: Session, channel: string, input?: unknown): Promise<any> {
  const res = await call(h, s, channel, input);
  expect(res.status, res.body).toBe(200);
  const result = JSON.parse(res.body);
  expect(result.ok, res.body).toBe(true);
  return result.value;
}

/** vault.create / vault.unlock through the bridge: returns the new session the host rotates to. */
async function opening(h: BrowserHost, s: Session, channel: 'vault.create' | 'vault.unlock'): Promise<Session> {
  const input =
    channel === 'vault.create' ? { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE } : { username: 'admin', passphrase: PASSPHRASE };
  const res = await call(h, s, channel, input);
  expect(JSON.parse(res.body)).toMatchObject({ ok: true });
  const token = res.headers['x-skm-session'];
  expect(token).toMatch(/^[\w-]{43}$/);
  expect(token).not.toBe(s.token);
  expect(cookieOf(res)).not.toBe(s.cookie);
  return { cookie: cookieOf(res), token: String(token) };
}

async function unlockedSession(h: BrowserHost): Promise<Session> {
  return opening(h, await launch(h), 'vault.create');
}

const errorOf = (res: Reply) => JSON.parse(res.body).error as { code: string; message: string };

describe('browser host: address and launch', () => {
  it('serves the console at a random name under localhost and refuses every other Host, without naming its own', async () => {
    const { h } = await start();
    expect(h.origin).toMatch(/^http:\/\/skm-[0-9a-f]{16}\.localhost:\d+$/);
    expect(h.url).toBe(`${h.origin}${new URL(h.url).pathname}`);
    expect(new URL(h.url).pathname).toMatch(/^\/session\/[\w-]{43}$/);
    const s = await launch(h);
    for (const other of [
      `127.0.0.1:${h.port}`,
      `localhost:${h.port}`,
      `evil.example:${h.port}`,
      `SKM-0000000000000000.localhost:${h.port}`,
      new URL(h.origin).hostname,
    ]) {
      const res = await send(h, '/', { Cookie: s.cookie, Host: other });
      expect(res.status).toBe(421);
      expect(res.body).toContain('only answers at the address printed');
      expect(res.body).not.toContain(new URL(h.origin).hostname);
    }
  });

  it('exchanges a launch link for a host-only HttpOnly SameSite=Strict cookie and a token in the page only', async () => {
    const { h } = await start();
    const res = await send(h, new URL(h.url).pathname);
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^skm_session=[\w-]{43}; /);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain|Max-Age|Expires/i);
    expect(res.headers['cache-control']).toBe('no-store');
    // The token is in the page (for the preload), never in a cookie.
    const token = /content="([\w-]+)"/.exec(res.body)![1]!;
    expect(cookie).not.toContain(token);
    expect(res.body).toContain('<script src="/skm-preload.js"></script>');

    const page = await send(h, '/', { Cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/skm-preload.js"></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send(h, '/')).status).toBe(401);
  });

  it('a launch link works once: a replay is refused with words, except as a way back for the browser that used it', async () => {
    const { h } = await start();
    const first = await launch(h);
    const replay = await send(h, new URL(h.url).pathname);
    expect(replay.status).toBe(403);
    expect(replay.body).toContain('This console link was already used: each link opens the console once.');
    expect(replay.headers['set-cookie']).toBeUndefined();
    // Another browser's session does not make it a way in either.
    const other = await launch(h, h.newLaunch().url);
    expect((await send(h, new URL(h.url).pathname, { Cookie: other.cookie })).status).toBe(403);
    // The browser that used it goes back to the console and gets nothing new.
    const back = await send(h, new URL(h.url).pathname, { Cookie: first.cookie });
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/');
    expect(back.headers['set-cookie']).toBeUndefined();
    expect((await send(h, '/session/not-a-secret')).body).toContain('This console link is not valid.');
  });

  it('a launch link expires 60 seconds after it was made', async () => {
    const { h, clock } = await start();
    const link = h.newLaunch();
    clock.t += 60_000;
    const late = await send(h, new URL(link.url).pathname);
    expect(late.status).toBe(403);
    expect(late.body).toContain('This console link has expired: links work for 60 seconds.');
    expect(late.headers['set-cookie']).toBeUndefined();
    const inTime = h.newLaunch();
    clock.t += 59_000;
    await launch(h, inTime.url);
    await expect(link.done).resolves.toBeUndefined();
  });

  it('links not used yet stop working when the vault locks', async () => {
    const { h, km } = await start();
    await unlockedSession(h);
    const pending = h.newLaunch();
    await km.lock('user');
    expect((await send(h, new URL(pending.url).pathname)).status).toBe(403);
  });

  it('the launcher file posts the secret as a form (Origin: null from a file:// page); other sites and types are refused', async () => {
    const { h } = await start();
    const form = (secret: string, headers: Record<string, string> = {}) =>
      send(h, '/session', { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, 'POST', new URLSearchParams({ secret }).toString());
    const fromFile = h.newLaunch();
    expect((await form(fromFile.secret, { Origin: 'https://evil.example' })).status).toBe(403);
    const res = await form(fromFile.secret, { Origin: 'null' });
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await form(fromFile.secret, { Origin: 'null' })).status).toBe(403);
    expect((await send(h, '/session', { 'Content-Type': 'text/plain' }, 'POST', `secret=${h.newLaunch().secret}`)).status).toBe(415);
    // Only the launch form may come from a file:// page.
    const s = await launch(h, h.newLaunch().url);
    expect((await call(h, s, 'vault.status', undefined, { Origin: 'null' })).status).toBe(403);
  });
});

describe('browser host: a stolen cookie is useless', () => {
  it('the cookie from another Origin, or from a plain request with no Origin and no token, reaches nothing', async () => {
    const { h, downloads } = await start();
    const s = await unlockedSession(h);
    const store = await ok(h, s, 'keystores.create', { name: 'Payments', description: '', authMethods: ['ipv4'] });
    const secret = await ok(h, s, 'keys.create', { keyStoreId: store.id, name: 'data', type: 'confidential', data: 'top secret value' });
    const sym = await ok(h, s, 'keys.create', { keyStoreId: store.id, name: 'wrapping', type: 'symmetric' });
    const cookieOnly = { cookie: s.cookie };

    const foreign = await call(h, s, 'vault.status', undefined, { Origin: 'http://127.0.0.1:8080' });
    expect(foreign.status).toBe(403);
    for (const [channel, input] of [
      ['vault.status', undefined],
      ['vault.info', undefined],
      ['keystores.list', undefined],
      ['keys.reveal', { keyId: secret.id }],
      ['keys.dataKey', { keyId: sym.id }],
    ] as const) {
      const res = await call(h, cookieOnly, channel, input);
      expect(res.status, channel).toBe(401);
      expect(errorOf(res)).toMatchObject({ code: 'SESSION_INVALID', message: expect.stringContaining('This window has no console session') });
    }
    expect((await send(h, '/events', { Cookie: s.cookie })).status).toBe(401);
    const { url } = (await downloads.saver.save({ suggestedName: 'ca.pem', bytes: Buffer.from('CA'), mime: 'text/plain', description: 'CA' })) as {
      url: string;
    };
    expect((await send(h, url, { Cookie: s.cookie })).status).toBe(401);
    // The same request with the page's token is what the console itself sends.
    const real = await send(h, url, { Cookie: s.cookie, 'X-SKM-Session': s.token });
    expect(real.status).toBe(200);
    expect(real.body).toBe('CA');
    expect(await ok(h, s, 'keys.reveal', { keyId: secret.id })).toEqual({ data: 'top secret value' });
  });

  it('the token without the cookie, or with another session’s cookie, is refused', async () => {
    const { h } = await start();
    const s = await unlockedSession(h);
    const other = await launch(h, h.newLaunch().url);
    expect((await call(h, { token: s.token }, 'vault.info')).status).toBe(401);
    expect((await call(h, { cookie: other.cookie, token: s.token }, 'vault.info')).status).toBe(401);
    expect((await call(h, { cookie: s.cookie, token: other.token }, 'vault.info')).status).toBe(401);
    expect((await send(h, '/events', { 'X-SKM-Session': s.token })).status).toBe(401);
    expect(await ok(h, s, 'vault.info')).toMatchObject({ username: 'admin' });
  });
});

describe('browser host: Lock ends the session', () => {
  it('after Lock the old cookie and token reach only the Unlock screen; Unlock starts a new session and the old one is dead', async () => {
    const { h, km } = await start();
    const s = await unlockedSession(h);
    const store = await ok(h, s, 'keystores.create', { name: 'Payments', description: '', authMethods: ['ipv4'] });
    await ok(h, s, 'vault.lock');

    for (const [channel, input] of [
      ['vault.info', undefined],
      ['keystores.list', undefined],
      ['keys.list', { keyStoreId: store.id }],
      ['settings.update', { autoLockMinutes: 60 }],
      ['session.activity', undefined],
    ] as const) {
      const res = await call(h, s, channel, input);
      expect(res.status, channel).toBe(403);
      expect(errorOf(res)).toMatchObject({ code: 'SESSION_LOCKED', message: expect.stringContaining('Unlock the vault in this window') });
    }
    expect((await send(h, '/events', { Cookie: s.cookie, 'X-SKM-Session': s.token })).status).toBe(403);
    expect(await ok(h, s, 'vault.status')).toEqual({ state: 'locked' });

    const fresh = await opening(h, s, 'vault.unlock');
    expect(await ok(h, fresh, 'keystores.list')).toHaveLength(1);
    for (const stale of [s, { cookie: s.cookie, token: fresh.token }, { cookie: fresh.cookie, token: s.token }]) {
      for (const channel of ['vault.status', 'vault.info', 'keystores.list']) {
        const res = await call(h, stale, channel);
        expect(res.status, channel).toBe(401);
        expect(errorOf(res).code).toBe('SESSION_INVALID');
      }
    }
    // An idle auto-lock (the KeyManager's own vault.locked) ends the session the same way.
    await km.lock('idle');
    expect((await call(h, fresh, 'keystores.list')).status).toBe(403);
  });

  it('a failed unlock starts nothing', async () => {
    const { h } = await start();
    const s = await unlockedSession(h);
    await ok(h, s, 'vault.lock');
    const res = await call(h, s, 'vault.unlock', { username: 'admin', passphrase: 'wrong passphrase entirely' });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    expect(res.headers['x-skm-session']).toBeUndefined();
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await call(h, s, 'vault.info')).status).toBe(403);
  });

  it('the event stream needs the token, tells the page about the lock, then closes; pending downloads are dropped', async () => {
    const { h, km, downloads } = await start();
    const s = await unlockedSession(h);
    const { url } = (await downloads.saver.save({ suggestedName: 'a.pem', bytes: Buffer.from('A'), mime: 'text/plain', description: 'A' })) as { url: string };
    const stream = await new Promise<{ status: number; text: Promise<string> }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: h.port, path: '/events', headers: { Host: new URL(h.origin).host, Cookie: s.cookie, 'X-SKM-Session': s.token } },
        (res) => {
          let text = '';
          const ended = new Promise<string>((done) => res.on('end', () => done(text)));
          res.on('data', (c: Buffer) => {
            text += c.toString();
            if (text.includes(': connected')) resolve({ status: res.statusCode ?? 0, text: ended });
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(stream.status).toBe(200);
    await km.lock('user');
    expect(await stream.text).toContain('event: vault.locked\ndata: {"reason":"user"}\n\n');
    const fresh = await opening(h, s, 'vault.unlock');
    expect((await send(h, url, { Cookie: fresh.cookie, 'X-SKM-Session': fresh.token })).status).toBe(410);
  });

  it('a link used while the vault is open gives an open session; one used while it is locked gives the locked screens only', async () => {
    const { h } = await start();
    const s = await unlockedSession(h);
    const second = await launch(h, h.newLaunch().url);
    expect(await ok(h, second, 'vault.info')).toMatchObject({ username: 'admin' });
    await ok(h, s, 'vault.lock');
    const third = await launch(h, h.newLaunch().url);
    expect((await call(h, third, 'vault.info')).status).toBe(403);
  });
});

describe('browser host: session lifetimes', () => {
  it('a session ends after 30 minutes without a request', async () => {
    const { h, clock } = await start();
    const s = await unlockedSession(h);
    clock.t += 29 * MINUTE;
    await ok(h, s, 'vault.info');
    clock.t += 29 * MINUTE; // 58 minutes in, but only 29 since the last request
    await ok(h, s, 'vault.info');
    clock.t += 30 * MINUTE;
    const res = await call(h, s, 'vault.info');
    expect(res.status).toBe(401);
    expect(errorOf(res)).toEqual({ code: 'SESSION_INVALID', message: expect.stringContaining('The console session ended after 30 minutes without use.') });
    expect((await call(h, s, 'vault.status')).status).toBe(401);
    expect((await send(h, '/', { Cookie: s.cookie })).status).toBe(401);
  });

  it('a session ends 12 hours after it started, however busy', async () => {
    const { h, clock } = await start();
    const s = await unlockedSession(h);
    for (let elapsed = 0; elapsed + 25 * MINUTE < 12 * 60 * MINUTE; elapsed += 25 * MINUTE) {
      clock.t += 25 * MINUTE;
      await ok(h, s, 'vault.status');
    }
    clock.t += 25 * MINUTE;
    const res = await call(h, s, 'vault.status');
    expect(res.status).toBe(401);
    expect(errorOf(res).message).toContain('The console session ended: sessions last at most 12 hours.');
  });
});

describe('browser host: requests', () => {
  it('answers the contract over POST /bridge with the same validation as IPC', async () => {
    const { h } = await start();
    const s = await unlockedSession(h);
    const bad = await call(h, s, 'keystores.create', { name: 'x' });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const huge = await send(h, '/bridge/vault.status', json(s), 'POST', JSON.stringify({ input: 'x'.repeat(10 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'The request is too large: inputs are at most 6 MB.' },
    });
  });

  it('matches the JSON media type exactly: application/json, with at most charset=utf-8', async () => {
    const { h } = await start();
    const s = await launch(h);
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"']) {
      expect((await call(h, s, 'vault.status', undefined, { 'Content-Type': type })).status, type).toBe(200);
    }
    for (const type of [
      'application/jsonfoo',
      'application/json-seq',
      'application/json; charset=latin1',
      'application/json; boundary=x',
      'text/plain',
      'application/x-www-form-urlencoded',
    ]) {
      const res = await call(h, s, 'vault.status', undefined, { 'Content-Type': type });
      expect(res.status, type).toBe(415);
      expect(res.body).toContain('Send the body as Content-Type: application/json');
    }
    expect((await send(h, '/bridge/vault.status', { Cookie: s.cookie, 'X-SKM-Session': s.token }, 'POST', '{}')).status).toBe(415);
  });

  it('a malformed % escape in the address is a 400 with words, not a 500', async () => {
    const { h } = await start();
    const s = await launch(h);
    for (const bad of ['/bridge/%E0%A4%A', '/%zz', '/download/%', '/session/%E0']) {
      const res = await send(h, bad, json(s), bad.startsWith('/bridge/') ? 'POST' : 'GET', '{}');
      expect(res.status, bad).toBe(400);
      expect(res.body).toContain('malformed % escape');
    }
  });

  it('the body must be UTF-8 JSON of the form { "input": ... }, and says which part is wrong', async () => {
    const { h } = await start();
    const s = await launch(h);
    const cases: [string | Buffer, string][] = [
      ['null', 'The request body must be a JSON object of the form { "input": ... }; null was found.'],
      ['[1]', 'The request body must be a JSON object of the form { "input": ... }; an array was found.'],
      ['"x"', 'The request body must be a JSON object of the form { "input": ... }; a string was found.'],
      ['{nope', 'The request body is not valid JSON.'],
      [Buffer.concat([Buffer.from('{"input":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), 'The request body is not valid UTF-8 text.'],
      [Buffer.from([0x7b, 0x22, 0xe0, 0xa4]), 'The request body is not valid UTF-8 text.'],
    ];
    for (const [body, message] of cases) {
      const res = await send(h, '/bridge/vault.status', json(s), 'POST', body);
      expect(res.status, String(body)).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining(message) } });
    }
    expect((await send(h, '/bridge/vault.status', json(s), 'POST', '')).status).toBe(200);
  });

  it('does not serve files outside the renderer folder', async () => {
    const { h } = await start();
    const s = await launch(h);
    const res = await send(h, '/..%2Fpreload.js', { Cookie: s.cookie });
    expect(res.body).not.toContain('bridge');
  });
});
