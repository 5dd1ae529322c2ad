import { BrowserWindow, app, ipcMain, net, protocol, session } from 'electron';
import Store from 'electron-store';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { channels, eventNames } from '../../shared/contract';
import { createDispatcher } from '../core/bridge';
import { resolveDataDir } from '../core/data-dir';
import { KeyManager } from '../core/key-manager';
import { electronFileSaver } from './file-saver';
import { installApplicationMenu } from './menu';
import { APP_ENTRY, APP_SCHEME, hardenContents, hardenSession, isTrustedSender, resolveAppFile, secureWindowOptions } from './security';

/** Electron host: lifecycle, window, app:// protocol and one ipcMain.handle per contract channel. No business logic. */
// standard + secure: a real origin (app://skm) for relative URLs, storage and module scripts; corsEnabled because Vite's
// module script tags are fetched in CORS mode. Every scheme is registered in this one call (later calls replace it).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);

// A packaged build is what users run: no DevTools and no default menu (security.ts, menu.ts). npm start keeps both.
const mode = { packaged: app.isPackaged };
const dataDir = resolveDataDir(process.argv, process.env, app.getPath('userData'));
app.setPath('userData', dataDir);
const rendererDir = path.join(__dirname, '..', 'renderer');
const km = new KeyManager({ dataDir, files: electronFileSaver(app.getPath('downloads')) });
const dispatch = createDispatcher(km);
/** Window size only: a host preference, so it lives in electron-store, never in the vault. */
const windowState = new Store<{ width: number; height: number }>({ name: 'window', cwd: dataDir, defaults: { width: 1200, height: 800 } });

function registerProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererDir, path.join, path.normalize);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function registerIpc(): void {
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame))
        return { ok: false, error: { code: 'UNTRUSTED_SENDER', message: 'Refused: the request did not come from the app window.' } };
      return dispatch(channel, input);
    });
  }
}

function createWindow(): void {
  const { width, height } = windowState.store;
  const win = new BrowserWindow({ ...secureWindowOptions(path.join(__dirname, '..', 'preload', 'electron.cjs'), mode), width, height });
  hardenContents(win.webContents, mode);
  const forward = eventNames.map((name) => km.events.on(name, (payload) => win.webContents.send(name, payload)));
  win.on('resize', () => {
    const [w, h] = win.getSize();
    windowState.set({ width: w!, height: h! });
  });
  win.on('closed', () => forward.forEach((off) => off()));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
}

// One app per data folder (Electron keys this lock on userData, set above): a second start focuses the first window.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  const [win] = BrowserWindow.getAllWindows();
  if (win?.isMinimized()) win.restore();
  win?.focus();
});

app.on('web-contents-created', (_event, contents) => hardenContents(contents, mode));
app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  installApplicationMenu(mode, process.platform);
  registerProtocol();
  registerIpc();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
// macOS keeps the app running without windows: the console locks (a Key API that serves keeps serving).
app.on('window-all-closed', () => {
  if (process.platform === 'darwin') km.lock('user');
  else app.quit();
});
// Quitting stops the Key API (requests in flight finish, up to 5 s) and seals the vault before the process ends.
let sealed = false;
app.on('before-quit', (event) => {
  if (sealed) return;
  event.preventDefault();
  void km.shutdown().finally(() => {
    sealed = true;
    app.quit();
  });
});
