import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/browser/server';
import { newManager } from './helpers';

let host: BrowserHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const { km, dir } = await newManager();
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  await writeFile(path.join(dir, 'preload.js'), '/* bridge */');
  host = await startBrowserHost({ km, port: 0, rendererDir, preloadFile: path.join(dir, 'preload.js') });
  return host;
}

function send(port: number, pathname: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function session(h: BrowserHost): Promise<string> {
  const res = await send(h.port, new URL(h.url).pathname);
  expect(res.status).toBe(303);
  const cookie = String(res.headers['set-cookie']);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0]!;
}

describe('browser host', () => {
  it('listens on 127.0.0.1 and exchanges the launch secret for a session cookie', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/session\/[\w-]{43}$/);
    const cookie = await session(h);
    const page = await send(h.port, '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/skm-preload.js"></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses requests without the session, with a wrong secret, a foreign Host or a foreign Origin', async () => {
    const h = await start();
    const cookie = await session(h);
    expect((await send(h.port, '/')).status).toBe(401);
    expect((await send(h.port, '/session/wrong')).status).toBe(403);
    expect((await send(h.port, '/', { Cookie: cookie, Host: `evil.example:${h.port}` })).status).toBe(421);
    const json = { Cookie: cookie, 'Content-Type': 'application/json' };
    expect((await send(h.port, '/bridge/vault.status', { ...json, Origin: 'https://evil.example' }, 'POST', '{}')).status).toBe(403);
    const ok = await send(h.port, '/bridge/vault.status', { ...json, Origin: `http://127.0.0.1:${h.port}` }, 'POST', '{}');
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { state: 'new' } });
  });

  it('answers the contract over POST /bridge with the same validation as IPC', async () => {
    const h = await start();
    const headers = { Cookie: await session(h), 'Content-Type': 'application/json' };
    const bad = await send(h.port, '/bridge/keystores.create', headers, 'POST', JSON.stringify({ input: { name: 'x' } }));
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await send(h.port, '/bridge/vault.status', { Cookie: headers.Cookie, 'Content-Type': 'text/plain' }, 'POST', '{}')).status).toBe(415);
    expect((await send(h.port, '/bridge/vault.status', headers, 'POST', '{nope')).status).toBe(400);
    const huge = await send(h.port, '/bridge/vault.status', headers, 'POST', JSON.stringify({ input: 'x'.repeat(10 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({ ok: false, error: { message: 'The request is too large: inputs are at most 6 MB.' } });
  });

  it('does not serve files outside the renderer folder', async () => {
    const h = await start();
    const cookie = await session(h);
    const res = await send(h.port, '/..%2Fpreload.js', { Cookie: cookie });
    expect(res.body).not.toContain('bridge');
  });
});
