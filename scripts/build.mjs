// Builds everything the hosts need into dist/: the renderer (Vite), the Electron main and preload (CommonJS,
// because a sandboxed preload cannot be an ES module), the browser host and its small browser preload, and the
// headless Key API host. `--headless` builds only the headless host (`npm run serve` needs nothing else).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const esmRequireShim = "import { createRequire as __skmCreateRequire } from 'node:module'; const require = __skmCreateRequire(import.meta.url);";
const headless = () =>
  esbuild({ ...node, entryPoints: ['main/headless/cli.ts'], outfile: 'dist/main/serve.mjs', format: 'esm', banner: { js: esmRequireShim } });

if (process.argv.includes('--headless')) {
  await headless();
  console.log('Built dist/main/serve.mjs (headless Key API host).');
} else {
  await Promise.all([
    viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }),
    esbuild({ ...node, entryPoints: ['main/electron/main.ts'], outfile: 'dist/main/electron.cjs', format: 'cjs', external: ['electron'] }),
    esbuild({ ...node, entryPoints: ['preload/electron.ts'], outfile: 'dist/preload/electron.cjs', format: 'cjs', external: ['electron'] }),
    esbuild({ ...node, entryPoints: ['main/browser/cli.ts'], outfile: 'dist/main/browser.mjs', format: 'esm', banner: { js: esmRequireShim } }),
    headless(),
    esbuild({
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
      entryPoints: ['preload/browser.ts'],
      outfile: 'dist/preload/browser.js',
      logLevel: 'warning',
    }),
  ]);
  console.log('Built dist/ (renderer, Electron main + preload, browser host, headless Key API host).');
}
