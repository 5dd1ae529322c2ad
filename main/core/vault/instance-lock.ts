import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { SkmError } from '../../../shared/errors';

/**
 * One process at a time may have a vault open: two writers (two windows, or Electron and the browser host) would
 * silently overwrite each other's changes. `<vault>.lock` holds the owner's pid; a lock left by a process that no longer
 * runs is taken over. Synchronous on purpose: the file is tiny, and release must finish inside lock() and at exit.
 */
const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
};

export function acquireInstanceLock(vaultFile: string): () => void {
  const lockFile = `${vaultFile}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSafe(lockFile));
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new SkmError(
          'VAULT_IN_USE',
          `This vault is open in another Secure Key Manager process (pid ${owner}). Lock or close it there first; if no other copy is running, delete ${lockFile}.`,
        );
      }
      try {
        unlinkSync(lockFile); // stale: its process is gone
      } catch {
        // someone else removed it first; try again
      }
    }
  }
  throw new SkmError('VAULT_IN_USE', 'This vault is being opened by another process. Try again in a moment.');
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
