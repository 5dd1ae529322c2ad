import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's Menu is mocked: the test sees which menu the app installs.
const setApplicationMenu = vi.fn();
vi.mock('electron', () => ({
  Menu: {
    setApplicationMenu: (menu: unknown) => setApplicationMenu(menu),
    buildFromTemplate: (template: unknown) => ({ template }),
  },
}));
const { installApplicationMenu } = await import('../../main/electron/menu');

type Item = { role?: string; label?: string; submenu?: Item[] };
const roles = (items: Item[]): string[] => items.flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu ?? [])]);

describe('Electron application menu', () => {
  beforeEach(() => setApplicationMenu.mockReset());

  it('removes the menu bar of a packaged build on Windows and Linux', () => {
    for (const platform of ['win32', 'linux'] as const) {
      setApplicationMenu.mockReset();
      installApplicationMenu({ packaged: true }, platform);
      expect(setApplicationMenu, platform).toHaveBeenCalledExactlyOnceWith(null);
    }
  });

  it('keeps only the app, Edit (with copy and paste) and Window menus in a packaged build on macOS', () => {
    installApplicationMenu({ packaged: true }, 'darwin');
    expect(setApplicationMenu).toHaveBeenCalledOnce();
    const { template } = setApplicationMenu.mock.calls[0]![0] as { template: Item[] };
    expect(template.map((item) => item.role ?? item.label)).toEqual(['appMenu', 'Edit', 'windowMenu']);
    const edit = template.find((item) => item.label === 'Edit')!;
    expect(roles(edit.submenu!)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'undo', 'redo']));
    // Nothing that reloads the page or opens DevTools.
    for (const role of ['reload', 'forceReload', 'toggleDevTools', 'viewMenu']) expect(roles(template)).not.toContain(role);
  });

  it("leaves Electron's default menu (with DevTools) to npm start", () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) installApplicationMenu({ packaged: false }, platform);
    expect(setApplicationMenu).not.toHaveBeenCalled();
  });
});
