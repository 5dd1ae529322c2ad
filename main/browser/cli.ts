import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { argValue, resolveDataDir } from '../core/data-dir';
import { KeyManager } from '../core/key-manager';
import { DownloadRegistry } from './downloads';
import { startBrowserHost } from './server';

function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  try {
    spawn(command, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // No desktop to open a browser on: the printed URL is enough.
  }
}

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
  console.log(`Console ready at ${host.url}`);
  if (!argv.includes('--no-open')) openInBrowser(host.url);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    km.lock('shutdown');
    await host.close();
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
