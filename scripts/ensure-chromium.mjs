// e2e tests drive Debian's Chromium (Playwright's own browser download is not used). Install it when missing and
// possible (root with apt-get); otherwise stop with one line that says how to get it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.SKM_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromium)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  console.log('Chromium not found: installing Debian\'s chromium package for the e2e tests...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'openssl'], { stdio: 'inherit', env });
  if (install && install.status === 0 && existsSync(chromium)) process.exit(0);
}
console.error(`e2e tests need Chromium at ${chromium}: install it with "sudo apt-get install chromium" or set SKM_CHROMIUM to a Chromium binary.`);
process.exit(1);
