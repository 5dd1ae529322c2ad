import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/** The few filesystem calls a durable write makes; tests pass a failing one to simulate a crash or a full disk. */
export interface FileIo {
  open: typeof fs.open;
  rename: typeof fs.rename;
  link: typeof fs.link;
  copyFile: typeof fs.copyFile;
  rm: typeof fs.rm;
}
export const nodeIo: FileIo = { open: fs.open, rename: fs.rename, link: fs.link, copyFile: fs.copyFile, rm: fs.rm };

/**
 * Replace `file` so that after a crash at any point either the old or the new content is found, never a mix:
 * write a temp file in the same folder (mode 0600), fsync it, keep the current generation as `<file>.bak`,
 * rename the temp file over `file`, then fsync the folder so the rename itself is on disk.
 * `keepBackup: false` skips the .bak (files the user exports are not generations of anything).
 */
export async function writeFileDurably(file: string, data: string | Buffer, io: FileIo = nodeIo, options: { keepBackup?: boolean } = {}): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await io.open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.keepBackup ?? true) await keepPreviousGeneration(file, io);
    await io.rename(tmp, file);
  } catch (err) {
    await io.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir);
}

/** Hard-link the current file as .bak (no copy: files are only ever replaced, never edited in place). */
async function keepPreviousGeneration(file: string, io: FileIo): Promise<void> {
  const bak = `${file}.bak`;
  const bakTmp = `${bak}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await io.link(file, bakTmp);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // first write: no previous generation
    await io.copyFile(file, bakTmp); // filesystems without hard links
  }
  try {
    await io.rename(bakTmp, bak);
  } catch (err) {
    await io.rm(bakTmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Windows cannot open or fsync a directory; its rename is already durable there.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES' && code !== 'EINVAL') throw err;
  } finally {
    await handle?.close();
  }
}

export async function readFileIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
