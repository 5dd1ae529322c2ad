import { readFile, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from './helpers';

// Electron is mocked: the save dialog answers what each test says.
const showSaveDialog = vi.fn();
vi.mock('electron', () => ({
  BrowserWindow: { getFocusedWindow: () => null, getAllWindows: () => [] },
  dialog: { showSaveDialog: (...args: unknown[]) => showSaveDialog(...args) },
}));
const { electronFileSaver } = await import('../../main/electron/file-saver');

const file = { suggestedName: 'client-01.p12', bytes: Buffer.from('pkcs12 bytes'), mime: 'application/x-pkcs12', description: 'PKCS#12 certificate' };

describe('Electron file saver', () => {
  beforeEach(() => showSaveDialog.mockReset());

  it('asks where to save (suggesting the name and type) and writes the file in main', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'chosen.p12');
    showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    expect(await electronFileSaver(dir).save(file)).toEqual({ status: 'saved', path: target });
    expect(showSaveDialog).toHaveBeenCalledWith({
      defaultPath: path.join(dir, 'client-01.p12'),
      filters: [{ name: 'PKCS#12 certificate', extensions: ['p12'] }],
    });
    expect(await readFile(target, 'utf8')).toBe('pkcs12 bytes');
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const dir = await tempDir();
    showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await electronFileSaver(dir).save(file)).toEqual({ status: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a folder that cannot be written, leaving nothing behind', async () => {
    const dir = await tempDir();
    showSaveDialog.mockResolvedValue({ canceled: false, filePath: path.join(dir, 'gone', 'x.p12') });
    await expect(electronFileSaver(dir).save(file)).rejects.toMatchObject({ code: 'FILE_WRITE_FAILED' });
    expect(await readdir(dir)).toEqual([]);
  });
});
