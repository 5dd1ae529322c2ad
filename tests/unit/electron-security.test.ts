import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The security module only takes Electron types; the objects it is handed are stand-ins with the same methods.
vi.mock('electron', () => ({}));
const security = await import('../../main/electron/security');

/** A WebContents stand-in: a real EventEmitter with the two methods hardenContents calls. */
function fakeContents() {
  const contents = Object.assign(new EventEmitter(), {
    windowOpenHandler: null as null | (() => { action: string }),
    closeDevTools: vi.fn(),
    setWindowOpenHandler(h: () => { action: string }) {
      contents.windowOpenHandler = h;
    },
  });
  return contents;
}

describe('Electron window and session security', () => {
  it('creates windows isolated, sandboxed and without Node', () => {
    const prefs = security.secureWindowOptions('/app/preload.cjs', { packaged: true }).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('gives a packaged build no DevTools and keeps them for npm start', () => {
    expect(security.secureWindowOptions('/app/preload.cjs', { packaged: true }).webPreferences!.devTools).toBe(false);
    expect(security.secureWindowOptions('/app/preload.cjs', { packaged: false }).webPreferences!.devTools).toBe(true);
  });

  it('resets the permission handler and then denies every request and check but clipboard writing', () => {
    const calls: unknown[] = [];
    let requestHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    let checkHandler: ((c: unknown, p: string) => boolean) | null = null;
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => {
        calls.push(h);
        requestHandler = h;
      },
      setPermissionCheckHandler: (h: typeof checkHandler) => {
        checkHandler = h;
      },
    };
    security.hardenSession(session as never);
    expect(calls[0]).toBeNull();
    const answers: boolean[] = [];
    for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'clipboard-sanitized-write']) requestHandler!({}, p, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false, true]);
    expect(checkHandler!({}, 'media')).toBe(false);
    expect(checkHandler!({}, 'clipboard-sanitized-write')).toBe(true);
  });

  it('blocks navigation, redirects, webviews and new windows', () => {
    const contents = fakeContents();
    security.hardenContents(contents as never, { packaged: false });
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      contents.emit(event, e, 'https://example.org');
      expect(e.preventDefault, event).toHaveBeenCalled();
    }
    expect(contents.windowOpenHandler!()).toEqual({ action: 'deny' });
  });

  it('denies every navigation of every frame, the top one and any iframe, so none leaves the app:// entry page', () => {
    const contents = fakeContents();
    security.hardenContents(contents as never, { packaged: true });
    // Even the entry itself: the app never navigates (loadURL, which main uses, does not raise this event).
    const targets = [
      'app://skm/index.html',
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://skm/other.html',
      'app://evil/index.html',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'about:blank',
    ];
    for (const url of targets) {
      for (const isMainFrame of [true, false]) {
        // Electron 45 hands will-frame-navigate one details event that carries the target and preventDefault().
        const e = { url, isMainFrame, isSameDocument: false, frame: { url: 'app://skm/index.html' }, preventDefault: vi.fn() };
        contents.emit('will-frame-navigate', e);
        expect(e.preventDefault, `${isMainFrame ? 'main frame' : 'iframe'} -> ${url}`).toHaveBeenCalled();
      }
    }
  });

  it('closes DevTools that open in a packaged build, and leaves them alone for npm start', () => {
    const packaged = fakeContents();
    security.hardenContents(packaged as never, { packaged: true });
    packaged.emit('devtools-opened');
    expect(packaged.closeDevTools).toHaveBeenCalledOnce();

    const development = fakeContents();
    security.hardenContents(development as never, { packaged: false });
    development.emit('devtools-opened');
    expect(development.listenerCount('devtools-opened')).toBe(0);
    expect(development.closeDevTools).not.toHaveBeenCalled();
  });

  it('accepts IPC only from the app page in the top-level frame', () => {
    const top = { url: 'app://skm/index.html', parent: null };
    expect(security.isTrustedSender(top as never)).toBe(true);
    expect(security.isTrustedSender({ url: 'app://skm/index.html', parent: top } as never)).toBe(false);
    expect(security.isTrustedSender({ url: 'https://skm/index.html', parent: null } as never)).toBe(false);
    expect(security.isTrustedSender({ url: 'app://other/index.html', parent: null } as never)).toBe(false);
    expect(security.isTrustedSender({ url: 'file:///index.html', parent: null } as never)).toBe(false);
    expect(security.isTrustedSender(null)).toBe(false);
  });

  it('serves app:// only from inside the renderer folder', () => {
    const resolve = (u: string) => security.resolveAppFile(u, '/opt/skm/renderer', path.posix.join, path.posix.normalize);
    expect(resolve('app://skm/')).toBe('/opt/skm/renderer/index.html');
    expect(resolve('app://skm/assets/index.js')).toBe('/opt/skm/renderer/assets/index.js');
    expect(resolve('app://skm/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolve('app://evil/index.html')).toBeNull();
  });
});
