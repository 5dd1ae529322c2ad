import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { HostMode } from './security';

/**
 * A packaged build has no View menu: Electron's default one offers Reload (which would drop the signed-in screen)
 * and Toggle Developer Tools. Windows and Linux get no menu bar at all. macOS routes Cmd+C / Cmd+V / Cmd+Q through
 * the menu, so it keeps the app menu, an Edit menu with the clipboard roles and the Window menu, and nothing else.
 * `npm start` keeps Electron's default menu for developers.
 */
export const MAC_PACKAGED_MENU: MenuItemConstructorOptions[] = [
  { role: 'appMenu' },
  {
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  },
  { role: 'windowMenu' },
];

export function installApplicationMenu(mode: HostMode, platform: NodeJS.Platform): void {
  if (!mode.packaged) return;
  Menu.setApplicationMenu(platform === 'darwin' ? Menu.buildFromTemplate(MAC_PACKAGED_MENU) : null);
}
