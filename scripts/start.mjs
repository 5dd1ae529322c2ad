// npm start: build, then run the Electron app. Without an Electron binary (and no way to fetch one) say so in one
// line and start the browser host instead, so the console still runs on a machine without internet.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary, electronInstallScript } from './electron-binary.mjs';

const passThrough = process.argv.slice(2);
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

let binary = electronBinary();
if (!binary && electronInstallScript()) {
  // One quiet attempt to fetch it (electron >= 45 no longer does this at npm install time).
  spawnSync(process.execPath, [electronInstallScript()], { stdio: 'ignore', timeout: 120_000 });
  binary = electronBinary();
}

const run = (command, args) => {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
};

if (binary) {
  run(binary, ['.', ...passThrough]);
} else {
  console.log('No Electron binary here and it cannot be downloaded: starting the browser host instead.');
  run(process.execPath, ['dist/main/browser.mjs', ...passThrough]);
}
