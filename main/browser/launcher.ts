import { spawn as nodeSpawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Opening the console in the desktop's browser without putting the launch secret on any command line (`ps` shows
 * those to every user): the secret goes into an owner-only file in a fresh owner-only folder, a page that posts it
 * to the host; the opener is given only that file's path. The file is deleted once the link is used or expired.
 */
export type Spawn = (
  command: string,
  args: string[],
  options: { stdio: 'ignore'; detached: true },
) => {
  on(event: 'error', listener: () => void): unknown;
  unref(): void;
};

export interface LauncherOptions {
  spawn?: Spawn;
  platform?: NodeJS.Platform;
  /** Folder the fresh folder is made in (the system temp folder by default). */
  tempRoot?: string;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function launcherPage(origin: string, secret: string): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Opening Secure Key Manager</title></head><body>',
    `<form method="post" action="${escapeHtml(origin)}/session"><input type="hidden" name="secret" value="${escapeHtml(secret)}">`,
    '<p>Opening the console… If nothing happens, <button type="submit">Open the console</button></p></form>',
    '<script>document.forms[0].submit();</script></body></html>',
  ].join('\n');
}

export const openerCommand = (platform: NodeJS.Platform): string => (platform === 'win32' ? 'explorer' : platform === 'darwin' ? 'open' : 'xdg-open');

/**
 * Writes the launcher page and asks the desktop to open it. When `done` settles (the link was used or expired) the
 * folder is removed; `removed` settles after that.
 */
export async function openLauncher(
  origin: string,
  secret: string,
  done: Promise<void>,
  options: LauncherOptions = {},
): Promise<{ file: string; removed: Promise<void> }> {
  const dir = await mkdtemp(path.join(options.tempRoot ?? tmpdir(), 'skm-launch-')); // mkdtemp makes it 0700
  const file = path.join(dir, 'open-console.html');
  const remove = (): Promise<void> => rm(dir, { recursive: true, force: true }).catch(() => undefined);
  try {
    await writeFile(file, launcherPage(origin, secret), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    await remove();
    throw err;
  }
  const removed = done.then(remove);
  try {
    const spawn = options.spawn ?? (nodeSpawn as unknown as Spawn);
    const child = spawn(openerCommand(options.platform ?? process.platform), [file], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No desktop to open a browser on: the printed URL is enough.
  }
  return { file, removed };
}
