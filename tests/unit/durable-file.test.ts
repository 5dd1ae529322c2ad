import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeIo, removeStaleTempFiles, writeFileDurably, type FileIo } from '../../main/core/vault/durable-file';
import { allFileText, tempDir } from './helpers';

const fail = (code: string) => async () => {
  throw Object.assign(new Error(`${code}: simulated`), { code });
};
/** A process that dies just before the rename: nothing after it runs, so no cleanup either. */
const crashBeforeRename: FileIo = { ...nodeIo, rename: fail('EIO'), rm: fail('EIO') };

describe('removeStaleTempFiles', () => {
  it('removes exactly the temp files interrupted writes of this file leave, and nothing that only looks like them', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    const ours = ['.vault.json.0123456789ab.tmp', 'vault.json.bak.abcdef012345.tmp'];
    const foreign = [
      'vault.json',
      'vault.json.bak',
      'vault.json.lock',
      '.vault.json.lock.0123456789abcdef.tmp', // an instance lock being taken
      '.vault.json.ABCDEF012345.tmp', // not how we write hex
      '.vault.json.0123456789a.tmp', // 11 hex
      '.vault.json.0123456789abc.tmp', // 13 hex
      '.vault.json.0123456789ab.tmp.keep',
      'vault.json.0123456789ab.tmp', // no leading dot
      '.vault.json.bak.0123456789ab.tmp', // dot before the .bak temp
      '.vaultXjson.0123456789ab.tmp', // "." is not a wildcard
      'vaultXjson.bak.0123456789ab.tmp',
      '.other.json.0123456789ab.tmp', // another file's temp (an export being written)
      'settings.json.bak.0123456789ab.tmp',
      'x.vault.json.bak.0123456789ab.tmp',
    ];
    for (const name of [...ours, ...foreign]) await writeFile(path.join(dir, name), name);
    await mkdir(path.join(dir, '.vault.json.fedcba987654.tmp')); // a folder with our pattern is not ours
    await symlink(path.join(dir, 'vault.json'), path.join(dir, 'vault.json.bak.fedcba987654.tmp')); // nor a symlink

    expect(await removeStaleTempFiles(file)).toBe(2);
    expect((await readdir(dir)).sort()).toEqual([...foreign, '.vault.json.fedcba987654.tmp', 'vault.json.bak.fedcba987654.tmp'].sort());
    expect(await readFile(file, 'utf8')).toBe('vault.json'); // the symlink's target is untouched
    expect(await removeStaleTempFiles(file)).toBe(0);
  });

  it('removes what a real interrupted write left (the names writeFileDurably makes), with the deleted material in it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    await writeFileDurably(file, 'generation 1');
    await writeFileDurably(file, 'generation 2');
    for (const secret of ['DELETED-RECORD-A', 'DELETED-RECORD-B']) {
      await expect(writeFileDurably(file, `generation with ${secret}`, crashBeforeRename)).rejects.toMatchObject({ code: 'EIO' });
    }
    const left = (await readdir(dir)).filter((n) => n.endsWith('.tmp'));
    expect(left).toHaveLength(4); // per crash: the new generation's temp, and the .bak temp linked to vault.json
    expect(await allFileText(dir)).toContain('DELETED-RECORD-A');

    expect(await removeStaleTempFiles(file)).toBe(4);
    expect((await readdir(dir)).sort()).toEqual(['vault.json', 'vault.json.bak']);
    expect(await readFile(file, 'utf8')).toBe('generation 2'); // unlinked, not zeroed: one leftover was a link to it
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('generation 1');
    expect(await allFileText(dir)).not.toContain('DELETED-RECORD');
  });

  it('escapes the file name: a name with regular-expression characters matches only itself', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'my vault (1)+.json');
    await writeFile(path.join(dir, '.my vault (1)+.json.0123456789ab.tmp'), 'x');
    await writeFile(path.join(dir, '.my vault 1.json.0123456789ab.tmp'), 'x');
    expect(await removeStaleTempFiles(file)).toBe(1);
    expect(await readdir(dir)).toEqual(['.my vault 1.json.0123456789ab.tmp']);
  });

  it('is best effort: a folder that refuses removal leaves the files and answers 0; a missing folder answers 0', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    await writeFile(path.join(dir, '.vault.json.0123456789ab.tmp'), 'x');
    expect(await removeStaleTempFiles(file, { rm: fail('EROFS') })).toBe(0);
    expect(await readdir(dir)).toEqual(['.vault.json.0123456789ab.tmp']);
    expect(await removeStaleTempFiles(path.join(dir, 'missing', 'vault.json'))).toBe(0);
  });
});

describe('writeFileDurably', () => {
  it('leaves no .bak temp behind when .bak is already the same file as the current one', async () => {
    // A write whose final rename failed has just made vault.json.bak a second name of vault.json. On the next write,
    // rename(bakTmp, bak) of two names of one file does nothing (POSIX) and used to leave the temp behind for good.
    const dir = await tempDir();
    const file = path.join(dir, 'vault.json');
    await writeFileDurably(file, 'one');
    let failNext = true;
    const failsFinalRenameOnce: FileIo = {
      ...nodeIo,
      rename: async (from, to) => {
        if (failNext && to === file) {
          failNext = false;
          throw Object.assign(new Error('EIO: simulated'), { code: 'EIO' });
        }
        return nodeIo.rename(from, to);
      },
    };
    await expect(writeFileDurably(file, 'two', failsFinalRenameOnce)).rejects.toMatchObject({ code: 'EIO' });
    await writeFileDurably(file, 'three', failsFinalRenameOnce);
    expect((await readdir(dir)).sort()).toEqual(['vault.json', 'vault.json.bak']);
    expect(await readFile(file, 'utf8')).toBe('three');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('one');
  });
});
