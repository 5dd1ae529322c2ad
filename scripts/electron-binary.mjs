// Where the Electron binary is, without triggering the electron package's own download-on-require.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export function electronBinary() {
  if (process.env.SKM_ELECTRON_PATH) return existsSync(process.env.SKM_ELECTRON_PATH) ? process.env.SKM_ELECTRON_PATH : null;
  try {
    const pkgDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = path.join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export function electronInstallScript() {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
  } catch {
    return null;
  }
}
