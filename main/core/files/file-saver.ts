import * as path from 'node:path';
import type { SaveResult } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import { nodeIo, writeFileDurably, type FileIo } from '../vault/durable-file';

/** A file the user asked to save (a .p12, a CA certificate). */
export interface OutgoingFile {
  suggestedName: string;
  bytes: Buffer;
  mime: string;
  /** Shown in the save dialog's type filter. */
  description: string;
}

/**
 * How a host delivers a file to the user: Electron shows a save dialog and writes it in main (the bytes never pass
 * through the renderer); the browser host hands the browser a one-time download URL.
 */
export interface FileSaver {
  save(file: OutgoingFile): Promise<SaveResult>;
}

/** Until a host installs its own (tests, or before wiring). */
export const noFileSaver: FileSaver = {
  save: () => Promise.reject(new SkmError('INTERNAL', 'Saving files is not available in this host.')),
};

/** File names from user-chosen names: no path separators or control characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they must not reach a file name
export const safeFileName = (name: string): string => name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 120) || 'download';

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'The disk is full, so the file was not saved. Free some space or choose another drive.',
  EDQUOT: 'The disk quota is used up, so the file was not saved. Choose another location.',
  EACCES: 'There is no permission to write there, so the file was not saved. Choose another folder.',
  EPERM: 'There is no permission to write there, so the file was not saved. Choose another folder.',
  EROFS: 'That location is read-only, so the file was not saved. Choose another folder.',
  ENOENT: 'That folder does not exist, so the file was not saved. Choose another folder.',
  ENOTDIR: 'That folder does not exist, so the file was not saved. Choose another folder.',
};

/**
 * Write a user-chosen file completely or not at all: temp file beside it, fsync, rename. On failure nothing
 * half-written is left and the error says why in words (disk full, no permission).
 */
export async function writeUserFile(target: string, bytes: Buffer, io: FileIo = nodeIo): Promise<SaveResult> {
  try {
    await writeFileDurably(target, bytes, io, { keepBackup: false });
    return { status: 'saved', path: target };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new SkmError('FILE_WRITE_FAILED', WRITE_ERRORS[code] ?? `The file could not be written to ${path.dirname(target)}, so it was not saved.`);
  }
}
