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

/** --data-dir DIR wins over SKM_DATA_DIR, which wins over the default. */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, fallback = defaultDataDir(env)): string {
  const flag = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (flag >= 0) {
    const arg = argv[flag]!;
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[flag + 1];
    if (value) return path.resolve(value);
  }
  if (env.SKM_DATA_DIR) return path.resolve(env.SKM_DATA_DIR);
  return fallback;
}
