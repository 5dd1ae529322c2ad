import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/channel-names';
import { tempDir } from './helpers';

// The whole Electron host, loaded with electron (and electron-store, which needs it) mocked.
const calls = vi.hoisted(() => ({
  schemes: [] as unknown[],
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  windows: [] as Array<{
    options: Record<string, unknown>;
    url?: string;
    webContents: { on: ReturnType<typeof vi.fn>; setWindowOpenHandler: ReturnType<typeof vi.fn>; closeDevTools: ReturnType<typeof vi.fn> };
  }>,
  protocolHandled: [] as string[],
  permissionHandlers: 0,
  packaged: false,
  applicationMenus: [] as unknown[],
}));

vi.mock('electron-store', () => ({
  default: class {
    store = { width: 1200, height: 800 };
    set() {}
  },
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => calls.windows;
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn(), closeDevTools: vi.fn() };
    constructor(readonly options: Record<string, unknown>) {
      calls.windows.push(this as never);
    }
    on() {}
    once() {}
    getSize() {
      return [1200, 800];
    }
    loadURL(url: string) {
      (this as unknown as { url: string }).url = url;
      return Promise.resolve();
    }
  }
  return {
    app: {
      get isPackaged() {
        return calls.packaged;
      },
      getPath: (name: string) => `/tmp/skm-electron-test/${name}`,
      setPath: vi.fn(),
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      on: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => calls.schemes.push(...s),
      handle: (scheme: string) => calls.protocolHandled.push(scheme),
    },
    ipcMain: { handle: (channel: string, fn: (e: unknown, i: unknown) => Promise<unknown>) => calls.handlers.set(channel, fn) },
    session: { defaultSession: { setPermissionRequestHandler: () => calls.permissionHandlers++, setPermissionCheckHandler: () => calls.permissionHandlers++ } },
    net: { fetch: vi.fn() },
    dialog: { showSaveDialog: vi.fn() },
    Menu: { setApplicationMenu: (menu: unknown) => calls.applicationMenus.push(menu), buildFromTemplate: (template: unknown) => ({ template }) },
    BrowserWindow,
  };
});

describe('Electron host wiring', () => {
  it('registers app://, one IPC handler per channel, a hardened session and a secure window', async () => {
    process.argv.push('--data-dir', await tempDir());
    await import('../../main/electron/main');
    await new Promise((r) => setTimeout(r, 10)); // whenReady().then(...)

    expect(calls.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
    expect(calls.protocolHandled).toEqual(['app']);
    expect([...calls.handlers.keys()].sort()).toEqual([...channelNames].sort());
    expect(calls.permissionHandlers).toBeGreaterThanOrEqual(3);
    const win = calls.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect((win as unknown as { url: string }).url).toBe('app://skm/index.html');
    expect(win.webContents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it("keeps DevTools and Electron's default menu for npm start (not packaged)", () => {
    const win = calls.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ devTools: true });
    expect(calls.applicationMenus).toEqual([]);
    expect(win.webContents.on.mock.calls.map(([event]) => event)).not.toContain('devtools-opened');
  });

  it("answers only the app's own top-level frame, and parses input first", async () => {
    const status = calls.handlers.get('vault.status')!;
    const create = calls.handlers.get('keystores.create')!;
    const top = { url: 'app://skm/index.html', parent: null };
    expect(await status({ senderFrame: top }, undefined)).toEqual({ ok: true, value: { state: 'new' } });
    expect(await status({ senderFrame: { url: 'https://evil.example/', parent: null } }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' },
    });
    expect(await status({ senderFrame: { url: 'app://skm/index.html', parent: top } }, undefined)).toMatchObject({ ok: false });
    expect(await create({ senderFrame: top }, { name: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('Electron host quitting', () => {
  it('holds the quit until the Key API has stopped and the vault is sealed, then quits once', async () => {
    const electron = await import('electron');
    const on = electron.app.on as unknown as ReturnType<typeof vi.fn>;
    const beforeQuit = on.mock.calls.find(([event]) => event === 'before-quit')![1] as (event: { preventDefault: () => void }) => void;
    const quit = electron.app.quit as unknown as ReturnType<typeof vi.fn>;
    quit.mockClear();
    const first = { preventDefault: vi.fn() };
    beforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalled(); // KeyManager.shutdown() is async: the quit waits for it
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    const second = { preventDefault: vi.fn() };
    beforeQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });
});

describe('Electron host wiring in a packaged build', () => {
  it('turns DevTools off, closes them if they open anyway, denies frame navigation and removes the menu', async () => {
    calls.packaged = true;
    calls.windows.length = 0;
    vi.resetModules(); // load main.ts again, now as a packaged build
    await import('../../main/electron/main');
    await new Promise((r) => setTimeout(r, 10));

    const win = calls.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ devTools: false, contextIsolation: true, sandbox: true });
    const listeners = new Map(win.webContents.on.mock.calls as Array<[string, (event?: unknown) => void]>);
    listeners.get('devtools-opened')!();
    expect(win.webContents.closeDevTools).toHaveBeenCalled();
    const navigation = { url: 'https://evil.example/', isMainFrame: false, preventDefault: vi.fn() };
    listeners.get('will-frame-navigate')!(navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    // No menu bar on Windows and Linux; macOS keeps an Edit menu (electron-menu.test.ts checks both).
    const expectedMenu = process.platform === 'darwin' ? expect.objectContaining({ template: expect.any(Array) }) : null;
    expect(calls.applicationMenus).toEqual([expectedMenu]);
  });
});
