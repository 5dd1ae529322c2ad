// Builds everything the hosts need into dist/: the renderer (Vite), the Electron main and preload (CommonJS,
// because a sandboxed preload cannot be an ES module), the browser host and its small browser preload, and the
// headless Key API host. `--headless` builds only the headless host (`npm run serve` needs nothing else).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import * as path from 'node:path';

// SKM_DIST builds elsewhere (parallel e2e runs of different trees each test their own build); dist/ by default.
const out = process.env.SKM_DIST ?? 'dist';
const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const esmRequireShim = "import { createRequire as __skmCreateRequire } from 'node:module'; const require = __skmCreateRequire(import.meta.url);";
const headless = () =>
  esbuild({ ...node, entryPoints: ['main/headless/cli.ts'], outfile: `${out}/main/serve.mjs`, format: 'esm', banner: { js: esmRequireShim } });

if (process.argv.includes('--headless')) {
  await headless();
  console.log('Built dist/main/serve.mjs (headless Key API host).');
} else {
  await Promise.all([
    viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: path.resolve(out, 'renderer') } }),
    esbuild({ ...node, entryPoints: ['main/electron/main.ts'], outfile: `${out}/main/electron.cjs`, format: 'cjs', external: ['electron'] }),
    esbuild({ ...node, entryPoints: ['preload/electron.ts'], outfile: `${out}/preload/electron.cjs`, format: 'cjs', external: ['electron'] }),
    esbuild({ ...node, entryPoints: ['main/browser/cli.ts'], outfile: `${out}/main/browser.mjs`, format: 'esm', banner: { js: esmRequireShim } }),
    headless(),
    esbuild({
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
      entryPoints: ['preload/browser.ts'],
      outfile: `${out}/preload/browser.js`,
      logLevel: 'warning',
    }),
  ]);
  console.log('Built dist/ (renderer, Electron main + preload, browser host, headless Key API host).');
}
