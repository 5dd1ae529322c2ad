import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../main/browser/server';
import { isRecorded } from '../../main/core/audit/actions';
import { KeyManager } from '../../main/core/key-manager';
import { FAST_KDF, PASSPHRASE, allFileText, caller, newManager, tempDir, unlockedManager } from './helpers';
import { send } from './host-request';

/**
 * Issue 12 items 10 and 13: this computer's console preferences (theme, language, the last username) live in
 * settings.json beside the auto-lock setting, answer before anyone signs in, and leave no audit record. The last
 * username is set by main at sign-in, never by the renderer, and reaches the disk only when remembering is on.
 */
const settingsFile = (dir: string) => path.join(dir, 'settings.json');

describe('preferences', () => {
  it('answer with defaults before any vault exists, and keep a theme and language across a restart', async () => {
    const { dir, dispatch } = await newManager();
    const call = caller(dispatch);
    expect(await call('preferences.get')).toEqual({ theme: 'system', language: 'system', rememberUsername: false });
    expect(await call('preferences.update', { theme: 'dark', language: 'ko' })).toEqual({ theme: 'dark', language: 'ko', rememberUsername: false });
    // Leaving a field out keeps it.
    expect(await call('preferences.update', { theme: 'light' })).toMatchObject({ theme: 'light', language: 'ko' });
    const again = caller((await newManager(dir)).dispatch);
    expect(await again('preferences.get')).toEqual({ theme: 'light', language: 'ko', rememberUsername: false });
  });

  it('refuse unknown values and a lastUsername sent by the page, in words naming the field', async () => {
    const { dispatch } = await newManager();
    expect(await dispatch('preferences.update', { theme: 'blue' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'theme', message: 'Theme must be "system", "light" or "dark".' },
    });
    expect(await dispatch('preferences.update', { language: 'fr' })).toMatchObject({ ok: false, error: { field: 'language' } });
    const forged = await dispatch('preferences.update', { lastUsername: 'mallory' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('Unknown field "lastUsername"') } });
    expect(await caller(dispatch)('preferences.get')).not.toHaveProperty('lastUsername');
  });

  it('remember the last username while the app runs, without writing it to disk unless asked to', async () => {
    const { dir, dispatch } = await unlockedManager();
    const call = caller(dispatch);
    await call('members.add', { username: 'alice', passphrase: 'alice passphrase 123', confirmPassphrase: 'alice passphrase 123', role: 'MEMBER' });
    await call('vault.lock');
    await call('vault.unlock', { username: 'Alice', passphrase: 'alice passphrase 123' });
    // The account's own spelling, not what was typed.
    expect(await call('preferences.get')).toMatchObject({ lastUsername: 'alice' });
    await call('vault.lock');
    expect(await call('preferences.get')).toMatchObject({ lastUsername: 'alice' });
    for (const typed of ['alice', 'admin']) expect(await allFileText(dir)).not.toContain(typed);
    // A restarted app no longer knows it.
    expect(await caller((await newManager(dir)).dispatch)('preferences.get')).not.toHaveProperty('lastUsername');
  });

  it('with remembering on, keep the last username in settings.json for the next start; off takes it off the disk', async () => {
    const { km, dir, dispatch } = await unlockedManager();
    const call = caller(dispatch);
    expect(await call('preferences.update', { rememberUsername: true })).toMatchObject({ rememberUsername: true, lastUsername: 'admin' });
    expect(JSON.parse(await readFile(settingsFile(dir), 'utf8')).preferences).toMatchObject({ rememberUsername: true, lastUsername: 'admin' });
    await km.lock();
    const restarted = caller((await newManager(dir)).dispatch);
    expect(await restarted('preferences.get')).toMatchObject({ lastUsername: 'admin' });
    expect(await restarted('preferences.update', { rememberUsername: false })).toMatchObject({ rememberUsername: false, lastUsername: 'admin' });
    expect(await readFile(settingsFile(dir), 'utf8')).not.toContain('admin');
  });

  it('live beside the settings: auto-lock is read and saved as before, and a hand-edited file falls back to defaults', async () => {
    const { km, dir, dispatch } = await unlockedManager();
    const call = caller(dispatch);
    await call('preferences.update', { theme: 'dark' });
    expect(await call('settings.update', { autoLockMinutes: 15 })).toEqual({ autoLockMinutes: 15 });
    expect(await call('settings.get')).toEqual({ autoLockMinutes: 15 });
    expect(await call('preferences.get')).toMatchObject({ theme: 'dark' });
    await km.lock();
    await writeFile(settingsFile(dir), JSON.stringify({ autoLockMinutes: 20, preferences: { theme: 'neon', language: 'ko', lastUsername: 7 } }));
    const again = caller((await newManager(dir)).dispatch);
    expect(await again('preferences.get')).toEqual({ theme: 'system', language: 'ko', rememberUsername: false });
    await writeFile(settingsFile(dir), JSON.stringify({ autoLockMinutes: 20, preferences: 'not an object' }));
    const third = new KeyManager({ dataDir: dir, kdf: FAST_KDF });
    expect(third.preferences()).toEqual({ theme: 'system', language: 'system', rememberUsername: false });
    expect(third.settings()).toEqual({ autoLockMinutes: 20 });
  });

  it('leave no record in the audit trail', () => {
    expect(isRecorded('preferences.get')).toBe(false);
    expect(isRecorded('preferences.update')).toBe(false);
  });
});

describe('preferences and errors through the browser host', () => {
  let host: BrowserHost | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('answer on the Unlock screen (a locked session) and pass every field error through untouched', async () => {
    const dir = await tempDir();
    const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, backoff: () => 0 });
    const rendererDir = path.join(dir, 'renderer');
    await mkdir(rendererDir);
    await writeFile(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
    await writeFile(path.join(dir, 'preload.js'), '/* bridge */');
    host = await startBrowserHost({ km, port: 0, rendererDir, preloadFile: path.join(dir, 'preload.js') });
    const h = host;
    const launched = await send(h, new URL(h.url).pathname, {});
    let session = {
      cookie: String(launched.headers['set-cookie']).split(';')[0]!,
      token: /<meta name="skm-session" content="([\w-]+)">/.exec(launched.body)![1]!,
    };
    const bridge = (channel: string, input?: unknown) =>
      send(
        h,
        `/bridge/${channel}`,
        { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-SKM-Session': session.token },
        'POST',
        JSON.stringify({ input }),
      );

    const created = await bridge('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
    session = { cookie: String(created.headers['set-cookie']).split(';')[0]!, token: String(created.headers['x-skm-session']) };
    const store = JSON.parse((await bridge('keystores.create', { name: 'Gateway', authMethods: ['certificate'] })).body).value;
    const refused = JSON.parse((await bridge('auth.addCertificate', { keyStoreId: store.id, name: '', password: '', confirmPassword: '' })).body);
    expect(refused.error.fields).toMatchObject({ name: 'Enter a name.', password: expect.any(String), confirmPassword: expect.any(String) });

    await bridge('vault.lock');
    expect((await bridge('keystores.list')).status).toBe(403);
    const prefs = await bridge('preferences.get');
    expect(prefs.status).toBe(200);
    expect(JSON.parse(prefs.body)).toEqual({ ok: true, value: { theme: 'system', language: 'system', rememberUsername: false, lastUsername: 'admin' } });
    expect(JSON.parse((await bridge('preferences.update', { language: 'ko' })).body)).toMatchObject({ ok: true, value: { language: 'ko' } });
  });
});
