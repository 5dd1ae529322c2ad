import type { BrowserWindowConstructorOptions, Session, WebContents, WebFrameMain } from 'electron';

/**
 * Electron's security checklist in one place, so it can be read and tested on its own:
 * isolated, sandboxed renderer; app:// instead of file://; no navigation, no new windows, no permissions;
 * IPC accepted only from the app's own top-level frame; no DevTools in a packaged build.
 * (The packaged binary's fuses are set in electron-builder.yml.)
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'skm';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** How the app was started: a packaged build (installed by a user) or a developer's `npm start`. */
export interface HostMode {
  packaged: boolean;
}

export function secureWindowOptions(preloadPath: string, mode: HostMode): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Secure Key Manager',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // DevTools run any script in the page: window.skm calls without the screens' confirmations, secrets the page holds.
      devTools: !mode.packaged,
    },
  };
}

/**
 * Deny every permission (camera, notifications, clipboard-read, ...) but writing to the clipboard, which Copy needs.
 * Reset first, then install the allowlist.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler(null);
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

/**
 * The app is one page: block every navigation, every new window and every webview. will-navigate covers only the
 * main frame; will-frame-navigate covers every frame (an iframe a bug or an injected script could create), so no
 * frame ever leaves the app:// entry page. Neither fires for loadURL, which is how main loads that page.
 * In a packaged build DevTools stay shut even if something opens them despite webPreferences.devTools.
 */
export function hardenContents(contents: WebContents, mode: HostMode): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (mode.packaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** IPC is answered only for the app's own top-level page, never an iframe or another origin. */
export function isTrustedSender(frame: WebFrameMain | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Map an app:// request to a file inside the renderer folder, refusing anything that escapes it. */
export function resolveAppFile(requestUrl: string, rendererDir: string, join: (...p: string[]) => string, normalize: (p: string) => string): string | null {
  const url = new URL(requestUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  const root = normalize(rendererDir);
  const file = normalize(join(root, relative));
  return file.startsWith(root) && !relative.split(/[\\/]/).includes('..') ? file : null;
}
