import * as path from 'node:path';
import { KEY_API_DEFAULTS, KeyApiConfig } from '../../shared/domain';
import { resolveDataDir } from '../core/data-dir';

export const USAGE = 'Usage: npm run serve -- [--data-dir DIR] [--listen HOST:PORT] [--host-name NAME]... [--write-ca FILE]';

/** What `npm run serve` was asked to do. */
export interface ServeOptions {
  dataDir: string;
  keyApi: KeyApiConfig;
  /** Where to write the API CA certificate (PEM) for client programs, if asked. */
  writeCa: string | null;
  username: string;
  /** The file holding the passphrase (SKM_PASSPHRASE_FILE); null: prompt on a terminal, else one line of stdin. */
  passphraseFile: string | null;
}

/** A command line or environment that cannot work: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

const VALUED = new Set(['--data-dir', '--listen', '--host-name', '--write-ca']);

/** Reads `--name value` and `--name=value`; every flag but --host-name at most once; nothing else is accepted. */
function readFlags(argv: readonly string[]): Map<string, string[]> {
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUED.has(name)) throw new UsageError(`Unknown argument "${arg}". ${USAGE}`);
    let value: string | undefined;
    if (name !== arg) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i += 1;
    }
    if (value === undefined || (name === arg && value.startsWith('--'))) throw new UsageError(`${name} needs a value. ${USAGE}`);
    const seen = flags.get(name) ?? [];
    if (seen.length > 0 && name !== '--host-name') throw new UsageError(`${name} is given twice; give it once.`);
    flags.set(name, [...seen, value]);
  }
  return flags;
}

/** `HOST:PORT`, as in 127.0.0.1:8443 (0.0.0.0:8443 listens on every interface). */
function parseListen(text: string): { listen: string; port: number } {
  const colon = text.lastIndexOf(':');
  const portText = colon < 0 ? '' : text.slice(colon + 1);
  if (colon <= 0 || !/^\d{1,5}$/.test(portText)) {
    throw new UsageError(`--listen takes HOST:PORT, as in 127.0.0.1:8443; "${text}" is not in that form.`);
  }
  return { listen: text.slice(0, colon), port: Number(portText) };
}

export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const flags = readFlags(argv);
  const one = (name: string): string | undefined => flags.get(name)?.[0];
  const listenText = one('--listen');
  const config = KeyApiConfig.safeParse({
    ...(listenText === undefined ? { listen: KEY_API_DEFAULTS.listen, port: KEY_API_DEFAULTS.port } : parseListen(listenText)),
    hostNames: flags.get('--host-name') ?? [],
  });
  if (!config.success) {
    const first = config.error.issues[0]!;
    throw new UsageError(`${first.path[0] === 'hostNames' ? '--host-name' : '--listen'}: ${first.message}`);
  }
  const username = env.SKM_USERNAME?.trim();
  if (!username) throw new UsageError("Set SKM_USERNAME to the username of the vault's member that opens it.");
  const writeCa = one('--write-ca');
  return {
    dataDir: resolveDataDir(flags.has('--data-dir') ? ['--data-dir', one('--data-dir')!] : [], env),
    keyApi: config.data,
    writeCa: writeCa === undefined ? null : path.resolve(writeCa),
    username,
    passphraseFile: env.SKM_PASSPHRASE_FILE ? path.resolve(env.SKM_PASSPHRASE_FILE) : null,
  };
}
