import { BrowserWindow, dialog } from 'electron';
import * as path from 'node:path';
import type { FileSaver } from '../core/files/file-saver';
import { writeUserFile } from '../core/files/file-saver';

/** Electron's FileSaver: main asks where to save and writes the file itself; the bytes never reach the renderer. */
export const electronFileSaver = (downloadsDir: string): FileSaver => ({
  async save(file) {
    const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const extension = path.extname(file.suggestedName).slice(1);
    const options = {
      defaultPath: path.join(downloadsDir, file.suggestedName),
      filters: [{ name: file.description, extensions: [extension] }],
    };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { status: 'cancelled' };
    return writeUserFile(choice.filePath, file.bytes);
  },
});
