import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
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
  const tmp = path.join(dir, `.${path.basename(file)}.${tempSuffix()}`);
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
  const bakTmp = `${bak}.${tempSuffix()}`;
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
  // When .bak is already a link to the same file (the previous write failed after keeping it), POSIX rename() does
  // nothing and succeeds, leaving bakTmp behind: one more name for the vault's bytes. Remove it; usually it is gone.
  await io.rm(bakTmp, { force: true }).catch(() => undefined); // the write itself succeeded; removeStaleTempFiles retries
}

/** The random part of every temp name; removeStaleTempFiles recognises exactly this shape. */
const tempSuffix = (): string => `${randomBytes(6).toString('hex')}.tmp`;
const TEMP_SUFFIX = String.raw`\.[0-9a-f]{12}\.tmp`;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes what interrupted writes of `file` left in its folder: `.<name>.<12 hex>.tmp` (writeFileDurably) and
 * `<name>.bak.<12 hex>.tmp` (keepPreviousGeneration); nothing else, not even a similar name with other hex or case.
 * Such files may be whole earlier generations, still holding records whose deletion was acknowledged.
 * Call it only when no write of `file` can be under way: at open while holding the instance lock, or inside the
 * vault's write queue. Best effort per file (one that cannot be removed is left for the next call); returns how
 * many were removed.
 *
 * Unlink, no overwrite with zeros first: a `.bak.…tmp` left between link() and rename() is a hard link to the live
 * vault.json or vault.json.bak, so writing zeros into it would destroy the vault itself; and on copy-on-write or
 * flash storage (APFS, btrfs, SSD wear levelling) an overwrite goes to new blocks and erases nothing anyway. The
 * contents are ciphertext under the data key; what removal guarantees is that no file of ours still offers them.
 */
export async function removeStaleTempFiles(file: string, io: Pick<FileIo, 'rm'> = nodeIo): Promise<number> {
  const dir = path.dirname(file);
  const name = escapeRegExp(path.basename(file));
  const leftover = new RegExp(`^(?:\\.${name}|${name}\\.bak)${TEMP_SUFFIX}$`);
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!entry.isFile() || !leftover.test(entry.name)) continue; // never a folder or a symlink someone put there
    try {
      await io.rm(path.join(dir, entry.name));
      removed += 1;
    } catch {
      // gone already, or the folder is read-only: left for the next call
    }
  }
  if (removed > 0) await syncDirectory(dir).catch(() => undefined); // the next open removes any that come back
  return removed;
}

export async function syncDirectory(dir: string): Promise<void> {
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
