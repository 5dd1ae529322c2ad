// node scripts/parallel.mjs typecheck lint build — runs those npm scripts at the same time and fails if any fails.
// npm test's checks are each single-threaded (tsc, ESLint, Prettier, esbuild): side by side they use both cores.
// Each script's output is held and printed whole when it ends, so the log reads as if they had run one by one.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error('usage: node scripts/parallel.mjs <npm script> [<npm script> ...]');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const runs = names.map(
  (name) =>
    new Promise((resolve) => {
      const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
      const output = [];
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
      child.on('error', (err) => output.push(Buffer.from(`${err.message}\n`)));
      child.on('close', (code) => {
        process.stdout.write(`\n> npm run ${name}${code === 0 ? '' : ` (failed, exit ${code})`}\n`);
        process.stdout.write(Buffer.concat(output));
        resolve(code === 0);
      });
    }),
);

const passed = await Promise.all(runs);
process.exit(passed.every(Boolean) ? 0 : 1);
