import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { argValue, resolveDataDir } from '../core/data-dir';
import { KeyManager } from '../core/key-manager';
import { DownloadRegistry } from './downloads';
import { openLauncher } from './launcher';
import { startBrowserHost, type BrowserHost } from './server';

/** `npm run start:browser -- --data-dir DIR --port PORT --no-open` */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const port = Number(argValue(argv, '--port') ?? 7317);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('--port takes a number from 0 to 65535.');
    process.exit(2);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const downloads = new DownloadRegistry();
  const km = new KeyManager({ dataDir: resolveDataDir(argv), files: downloads.saver });
  const host = await startBrowserHost({
    km,
    downloads,
    port,
    rendererDir: path.join(here, '..', 'renderer'),
    preloadFile: path.join(here, '..', 'preload', 'browser.js'),
  });
  const open = !argv.includes('--no-open');
  const launcherFiles: Promise<void>[] = [];
  // The desktop's browser gets its own single-use secret through a file, never on a command line.
  const openBrowser = (h: BrowserHost): void => {
    const launch = h.newLaunch();
    launcherFiles.push(
      openLauncher(h.origin, launch.secret, launch.done).then(
        ({ removed }) => removed,
        () => console.error('Could not open a browser; use the printed address.'),
      ),
    );
  };

  // The printed link is for people (another browser, or when nothing opens): single-use, valid for 60 seconds.
  console.log(`Console ready at ${host.url}`);
  if (open) openBrowser(host);
  if (process.stdin.isTTY) {
    console.log('Each console link works once, for 60 seconds. Press Enter here for a new one.');
    createInterface({ input: process.stdin }).on('line', () => {
      console.log(`Console ready at ${host.newLaunch().url}`);
      if (open) openBrowser(host);
    });
  }

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await km.shutdown();
    await host.close(); // settles every launch, which removes the launcher files
    await Promise.all(launcherFiles);
    console.log('Stopped; the vault is locked.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? 'That port is in use; pass another with --port.' : `Could not start the console (${code ?? 'error'}).`);
  process.exit(1);
});
