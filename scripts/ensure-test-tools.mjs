// The tests need three programs from the system: Debian's Chromium for the e2e tests (Playwright's own browser
// download is not used), the openssl command line, the second implementation the crypto tests check against, and
// curl, the real client the Key API tests call it with (a .p12 client certificate, as an operator would); and a
// Korean font when it can be had.
// Install what is missing when possible (root with apt-get); otherwise stop with one line that says how to get it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.SKM_CHROMIUM ?? '/usr/bin/chromium';
const hasOpenssl = () => spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
const hasCurl = () => spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
const missing = () => [...(existsSync(chromium) ? [] : ['chromium']), ...(hasOpenssl() ? [] : ['openssl']), ...(hasCurl() ? [] : ['curl'])];

// Korean glyphs for the Korean UI's screenshots and layout checks (boxes otherwise); wanted, but no reason to stop.
const koreanFont = () => (existsSync('/usr/share/fonts/truetype/nanum') ? [] : ['fonts-nanum']);

let packages = missing();
const wanted = [...packages, ...koreanFont()];
if (wanted.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (isRoot && hasApt) {
  console.log(`Installing Debian's ${wanted.join(' and ')} for the tests...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status === 0) spawnSync('apt-get', ['install', '-y', '-qq', ...wanted], { stdio: 'inherit', env });
  packages = missing();
}
if (packages.length === 0) process.exit(0);
const how = packages.map((p) =>
  p === 'chromium' ? `Chromium at ${chromium} ("sudo apt-get install chromium", or set SKM_CHROMIUM)` : `the ${p} command ("sudo apt-get install ${p}")`,
);
console.error(`The tests need ${how.join(' and ')}.`);
process.exit(1);
