import { homedir } from 'node:os';
import * as path from 'node:path';

export const PRODUCT_NAME = 'Secure Key Manager Desktop';

/**
 * Where the vault lives when no --data-dir or SKM_DATA_DIR is given: the same folder Electron uses as userData,
 * so both hosts open the same vault.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), PRODUCT_NAME);
}

/** The value of `--name value` or `--name=value` on a command line. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
}

/** --data-dir DIR wins over SKM_DATA_DIR, which wins over the default. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, fallback = defaultDataDir(env)): string {
  const dir = argValue(argv, '--data-dir') || env.SKM_DATA_DIR;
  return dir ? path.resolve(dir) : fallback;
}
