import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { addKeyStore, createVault, expect, test, unlock } from './fixtures';

test('the printed link opens the console once; reload keeps working; a replay is refused; Lock makes a captured cookie and token useless', async ({
  page,
  context,
  browser,
  host,
  request,
}) => {
  await createVault(page, host);
  // The launch address is gone from the tab: its history entry is the plain console address.
  expect(page.url()).toBe(`${host.origin}/`);
  await page.goBack().catch(() => undefined);
  expect(page.url()).not.toContain('/session/');
  if (page.url() !== `${host.origin}/`) await page.goForward();

  // Reload: the cookie and the token the tab keeps in sessionStorage still open the console.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toBeVisible();
  await addKeyStore(page, 'After reload');

  // The same link in another browser profile (someone reading the history, the terminal, a log) opens nothing.
  const elsewhere = await browser.newContext();
  const replay = await elsewhere.newPage();
  const refused = await replay.goto(host.url);
  expect(refused?.status()).toBe(403);
  await expect(replay.getByText('This console link was already used')).toBeVisible();
  await expect(replay.getByText('Key Depository')).toHaveCount(0);
  expect(await elsewhere.cookies()).toEqual([]);
  await elsewhere.close();

  // Capture both halves of the session, as malware reading the profile and the page might.
  const cookies = await context.cookies(host.origin);
  const session = cookies.find((c) => c.name === 'skm_session')!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', domain: new URL(host.origin).hostname });
  const token = (await page.evaluate(() => JSON.parse(sessionStorage.getItem('skm.session') ?? 'null')?.token)) as string;
  expect(token).toMatch(/^[\w-]{43}$/);
  const ask = (channel: string, halves: { cookie?: boolean; token?: boolean } = { cookie: true, token: true }) => {
    const { url, headers } = host.loopback(`/bridge/${channel}`);
    return request.post(url, {
      headers: {
        ...headers,
        'Content-Type': 'application/json',
        ...(halves.cookie ? { Cookie: `skm_session=${session.value}` } : {}),
        ...(halves.token ? { 'X-SKM-Session': token } : {}),
      },
      data: {},
    });
  };
  // Before Lock the captured pair works (so the refusals below are the host's doing, not a broken request)...
  expect(await (await ask('keystores.list')).json()).toMatchObject({ ok: true, value: [{ name: 'After reload' }] });
  // ...but either half alone does not.
  expect((await ask('keystores.list', { cookie: true })).status()).toBe(401);
  expect((await ask('keystores.list', { token: true })).status()).toBe(401);

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  for (const channel of ['keystores.list', 'vault.info']) {
    const res = await ask(channel);
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
  }

  // Unlock starts a new session: the tab carries on, the captured pair is dead for good.
  await unlock(page);
  await expect(page.getByRole('button', { name: 'After reload' })).toBeVisible();
  for (const channel of ['keystores.list', 'vault.info', 'vault.status']) {
    const res = await ask(channel);
    expect(res.status()).toBe(401);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'SESSION_INVALID' } });
  }
  expect((await context.cookies(host.origin)).find((c) => c.name === 'skm_session')?.value).not.toBe(session.value);
  await page.reload();
  await expect(page.getByRole('button', { name: 'After reload' })).toBeVisible();
});

test('a second tab of the same browser joins the session; a tab with no session is told what to do', async ({ page, context, host }) => {
  await createVault(page, host);
  await addKeyStore(page, 'Shared');
  const second = await context.newPage();
  await second.goto(`${host.origin}/`);
  await expect(second.getByRole('button', { name: 'Shared' })).toBeVisible();

  // Without a session cookie the console is not served at all.
  const stranger = await (await context.browser()!.newContext()).newPage();
  const res = await stranger.goto(`${host.origin}/`);
  expect(res?.status()).toBe(401);
  await expect(stranger.getByText('Open the console with the address printed when the app started')).toBeVisible();
});

test('the desktop opener gets a file path, never the secret; the file opens the console once and is deleted', async ({ page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'skm-e2e-open-'));
  const bin = path.join(dir, 'bin');
  const record = path.join(dir, 'opener-args.txt');
  await (await import('node:fs/promises')).mkdir(bin);
  // A stand-in for xdg-open that writes down its command line and keeps a copy of the file it was given.
  await writeFile(
    path.join(bin, 'xdg-open'),
    `#!/bin/sh\nprintf '%s\\n' "$0" "$@" > '${record}'\ncp "$1" '${record}.html'\nstat -c '%a' "$1" >> '${record}.mode'\nstat -c '%a' "$(dirname "$1")" >> '${record}.mode'\n`,
  );
  await chmod(path.join(bin, 'xdg-open'), 0o755);
  const child = spawn(process.execPath, [`${process.env.SKM_DIST ?? 'dist'}/main/browser.mjs`, '--data-dir', path.join(dir, 'data'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  try {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await expect.poll(async () => (await stat(`${record}.mode`).catch(() => null)) !== null, { timeout: 15_000 }).toBe(true);
    const argv = (await readFile(record, 'utf8')).trim().split('\n');
    const launcher = argv[1]!;
    const copy = await readFile(`${record}.html`, 'utf8');
    const secret = /name="secret" value="([\w-]+)"/.exec(copy)![1]!;
    expect(argv).toHaveLength(2);
    expect(launcher).toMatch(/skm-launch-\w+\/open-console\.html$/);
    expect(argv.join(' ')).not.toContain(secret);
    expect((await readFile(`${record}.mode`, 'utf8')).trim().split('\n')).toEqual(['600', '700']);
    // The printed link is another, separate secret.
    expect(out).toMatch(/Console ready at http:\/\/skm-[0-9a-f]{16}\.localhost:\d+\/session\/[\w-]{43}/);
    expect(out).not.toContain(secret);

    await page.goto(`file://${launcher}`);
    await expect(page.getByRole('heading', { name: 'Create vault' })).toBeVisible();
    expect(page.url()).toMatch(/^http:\/\/skm-[0-9a-f]{16}\.localhost:\d+\/$/);
    await expect.poll(async () => (await stat(launcher).catch(() => null)) === null).toBe(true);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  }
});

test('downloads are fetched with the session token and handed to the browser as a blob with the file name', async ({ page, host }, testInfo) => {
  await createVault(page, host);
  await addKeyStore(page, 'Gateway', { methods: ['Certificate'] });
  await page.getByRole('button', { name: 'Gateway' }).click();
  await page.getByRole('tab', { name: 'Certificate Management' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CA certificate' }).click()]);
  expect(download.url()).toMatch(/^blob:http:\/\/skm-[0-9a-f]{16}\.localhost:\d+\//);
  expect(download.suggestedFilename()).toBe('Gateway-ca.pem');
  const saved = testInfo.outputPath('ca.pem');
  await download.saveAs(saved);
  expect(await readFile(saved, 'utf8')).toContain('BEGIN CERTIFICATE');
});
