import { writeFile } from 'node:fs/promises';
import { SkmError } from '../../shared/errors';
import { KeyManager } from '../core/key-manager';
import { USAGE, UsageError, parseServeArgs, type ServeOptions } from './args';
import { PassphraseError, passphraseFromFile, passphraseFromStdin } from './passphrase';

/**
 * `npm run serve -- --data-dir DIR --listen HOST:PORT [--host-name NAME]... [--write-ca FILE]`
 *
 * Opens a vault without a screen and runs only the Key API until SIGINT or SIGTERM. The member's username comes from
 * SKM_USERNAME, the passphrase from the file named by SKM_PASSPHRASE_FILE (else a hidden prompt on a terminal, else
 * one line of stdin). Exit codes: 0 after a clean stop, 1 when the vault or the API could not be opened, 2 for a
 * command line that cannot work. Every failure is one line of words on stderr; the passphrase is never printed.
 */

/** Longer than the Key API's own 5 s drain: only a stop that hangs is cut short. */
const STOP_LIMIT_MS = 10_000;
/** After main() returns: time for the vault's last writes before the process is made to exit. */
const EXIT_LIMIT_MS = 3_000;

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const complain = (line: string): void => void process.stderr.write(`${line}\n`);

async function readPassphrase(options: ServeOptions): Promise<string> {
  const bytes = options.passphraseFile
    ? await passphraseFromFile(options.passphraseFile, complain)
    : await passphraseFromStdin(`Passphrase for ${options.username}: `);
  try {
    return bytes.toString('utf8');
  } finally {
    bytes.fill(0); // the string handed to unlock cannot be wiped; this copy can
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    say(`${USAGE}\nEnvironment: SKM_USERNAME (required), SKM_PASSPHRASE_FILE (else a hidden prompt, or one line of stdin), SKM_DATA_DIR.`);
    return 0;
  }
  let options: ServeOptions;
  try {
    options = parseServeArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      complain(err.message);
      return 2;
    }
    throw err;
  }

  const km = new KeyManager({ dataDir: options.dataDir });
  await km.unlock({ username: options.username, passphrase: await readPassphrase(options) });
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => (stopping ??= km.shutdown());
  try {
    if (options.writeCa) {
      const pem = await km.keyApi().caCertificatePem();
      await writeFile(options.writeCa, pem, { mode: 0o644 }).catch((err: NodeJS.ErrnoException) => {
        throw new SkmError('FILE_WRITE_FAILED', `Could not write the API CA certificate to ${options.writeCa} (${err.code ?? 'error'}).`);
      });
    }
    const status = await km.startKeyApi(options.keyApi);
    say(`Key API ready at ${status.url}`);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // A second signal while in-flight requests finish is not a reason to leave the keys in memory unwiped.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  complain(`${signal}: stopping the Key API (in-flight requests get up to 5 s).`);
  const limit = new Promise<'late'>((resolve) => setTimeout(resolve, STOP_LIMIT_MS, 'late').unref());
  if ((await Promise.race([stop().then(() => 'stopped' as const), limit])) === 'late') {
    complain(`The Key API did not stop within ${STOP_LIMIT_MS / 1000} s; exiting anyway.`);
    return 1;
  }
  say('Key API stopped; the vault is sealed and its keys are wiped.');
  return 0;
}

/**
 * The process ends by itself once the vault's last writes and its instance lock's release are done (nothing else
 * keeps it alive); the timer only ends a process that something unexpected still holds open.
 */
const finish = (code: number): void => {
  process.exitCode = code;
  setTimeout(() => process.exit(code), EXIT_LIMIT_MS).unref();
};

main().then(finish, (err: unknown) => {
  if (err instanceof SkmError || err instanceof PassphraseError) complain(err.message);
  else complain(`Could not start the Key API (${(err as NodeJS.ErrnoException | undefined)?.code ?? 'internal error'}).`);
  finish(1);
});
