import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/channel-names';
import { tempDir } from './helpers';

// The whole Electron host, loaded with electron (and electron-store, which needs it) mocked.
const calls = vi.hoisted(() => ({
  schemes: [] as unknown[],
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  windows: [] as Array<{ options: Record<string, unknown>; url?: string; webContents: { setWindowOpenHandler: ReturnType<typeof vi.fn> } }>,
  protocolHandled: [] as string[],
  permissionHandlers: 0,
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
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn(), send: vi.fn() };
    constructor(readonly options: Record<string, unknown>) {
      calls.windows.push(this as never);
    }
    on() {}
    once() {}
    getSize() { return [1200, 800]; }
    loadURL(url: string) { (this as unknown as { url: string }).url = url; return Promise.resolve(); }
  }
  return {
    app: {
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

  it('answers only the app\'s own top-level frame, and parses input first', async () => {
    const status = calls.handlers.get('vault.status')!;
    const create = calls.handlers.get('keystores.create')!;
    const top = { url: 'app://skm/index.html', parent: null };
    expect(await status({ senderFrame: top }, undefined)).toEqual({ ok: true, value: { state: 'new' } });
    expect(await status({ senderFrame: { url: 'https://evil.example/', parent: null } }, undefined)).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
    expect(await status({ senderFrame: { url: 'app://skm/index.html', parent: top } }, undefined)).toMatchObject({ ok: false });
    expect(await create({ senderFrame: top }, { name: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
