import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Every file of a data directory, concatenated, to search for plain text that must not be there. */
export async function dataDirText(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true });
  const parts = await Promise.all(
    names.map((n) =>
      readFile(path.join(dir, n))
        .then((b) => b.toString('latin1'))
        .catch(() => ''),
    ),
  );
  return parts.join('\n');
}
