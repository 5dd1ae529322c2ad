import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { addKeyStore, createVault, expect, PASSPHRASE, test, unlock } from './fixtures';

test('create vault, add a key store, lock, unlock and restart: still listed, nothing typed stored in plain text', async ({ page, host }) => {
  await createVault(page, host);
  await expect(page.getByText('No key stores yet')).toBeVisible();
  await addKeyStore(page, 'Payments Production', { description: 'Card tokenisation keys', methods: ['IPv4', 'Certificate'] });

  const table = page.getByRole('grid', { name: 'Key stores' });
  await expect(table.getByRole('row', { name: /Payments Production/ })).toContainText('Card tokenisation keys');
  await expect(table.getByRole('row', { name: /Payments Production/ })).toContainText('Certificate');
  await page.screenshot({ path: 'test-results/screens/keystores-list.png' });

  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page);
  await expect(table.getByRole('button', { name: 'Payments Production' })).toBeVisible();

  await host.stop();
  await host.start();
  await page.goto(host.url);
  await unlock(page);
  await expect(table.getByRole('button', { name: 'Payments Production' })).toBeVisible();

  const stored = await host.dataDirText();
  for (const typed of ['Payments Production', 'Card tokenisation keys', PASSPHRASE, 'admin']) expect(stored).not.toContain(typed);
});

test('a key store page shows its details and can be edited', async ({ page, host }) => {
  await createVault(page, host);
  await addKeyStore(page, 'Edge gateways', { methods: ['MAC'] });
  await page.getByRole('button', { name: 'Edge gateways' }).click();
  await expect(page.getByRole('heading', { name: 'Edge gateways' })).toBeVisible();
  await page.getByRole('tab', { name: 'Key Store Details' }).click();
  await expect(page.getByText(/^[0-9a-f]{32}$/)).toBeVisible();

  await page.getByRole('button', { name: 'Edit Key Store' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Key Store' });
  await dialog.getByLabel('Name').fill('Edge gateways EU');
  await dialog.getByLabel('IPv4', { exact: true }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'Edge gateways EU' })).toBeVisible();
  await expect(page.getByText('IPv4, MAC')).toBeVisible();

  await page
    .getByRole('link', { name: 'Key Depository' })
    .or(page.getByRole('button', { name: 'Key Depository' }).first())
    .first()
    .click();
  await expect(page.getByRole('button', { name: 'Edge gateways EU' })).toBeVisible();
});

test('bad key store input shows its message and changes nothing', async ({ page, host }) => {
  await createVault(page, host);
  await addKeyStore(page, 'Alpha');
  const vaultFile = path.join(host.dataDir, 'vault.json');
  const before = await readFile(vaultFile);

  const cases: Array<{ name: string; methods: string[]; message: string | RegExp }> = [
    { name: '', methods: ['IPv4'], message: 'Enter a name.' },
    { name: 'x'.repeat(101), methods: ['IPv4'], message: 'Names are at most 100 characters.' },
    { name: 'alpha', methods: ['IPv4'], message: 'A key store named "alpha" already exists. Choose another name.' },
    { name: 'Beta', methods: [], message: 'Choose at least one authentication method.' },
  ];
  for (const c of cases) {
    await page.getByRole('button', { name: 'Add Key Store' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add Key Store' });
    await dialog.getByLabel('Name').fill(c.name);
    for (const m of c.methods) await dialog.getByLabel(m, { exact: true }).check();
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByText(c.message)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  }
  expect(await readFile(vaultFile)).toEqual(before);
  await expect(page.getByRole('grid', { name: 'Key stores' }).getByRole('row')).toHaveCount(2);
});

test('bad vault input shows its message', async ({ page, host }) => {
  await page.goto(host.url);
  const fill = async (user: string, pass: string, confirm: string) => {
    await page.getByLabel('Username').fill(user);
    await page.getByLabel(/^Passphrase/).fill(pass);
    await page.getByLabel(/^Confirm passphrase/).fill(confirm);
    await page.getByRole('button', { name: 'Create vault' }).click();
  };
  await fill('admin', 'short pass', 'short pass');
  await expect(page.getByText('Passphrases are at least 12 characters.')).toBeVisible();
  await fill('admin', PASSPHRASE, `${PASSPHRASE}!`);
  await expect(page.getByText('The passphrase and its confirmation do not match.')).toBeVisible();
  await fill('', PASSPHRASE, PASSPHRASE);
  await expect(page.getByText('Enter a username.')).toBeVisible();
  expect(await host.dataDirText()).not.toContain('skm-vault');

  await fill('admin', PASSPHRASE, PASSPHRASE);
  await page.getByRole('button', { name: 'Lock' }).click();
  // Lock's last write (the audit trail's head) is done once the Unlock screen shows.
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
  const before = await readFile(path.join(host.dataDir, 'vault.json'));
  await unlock(page, 'not the passphrase');
  await expect(page.getByText('Wrong username or passphrase.')).toBeVisible();
  await page.getByLabel('Username').fill('someone-else');
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByText('Wrong username or passphrase.')).toBeVisible();
  expect(await readFile(path.join(host.dataDir, 'vault.json'))).toEqual(before);
});

for (const [label, damage, message] of [
  ['truncated', (b: Buffer) => b.subarray(0, b.length - 40), /truncated or is not a Secure Key Manager vault/],
  ['not a vault', () => Buffer.from('{"some":"other file"}'), /truncated or is not a Secure Key Manager vault/],
  ['tampered with', (b: Buffer) => tamperPayload(b), /failed its integrity check/],
] as const) {
  test(`a vault file that is ${label} is refused and left byte-for-byte as it was`, async ({ page, host }) => {
    await createVault(page, host);
    await addKeyStore(page, 'Alpha');
    await host.stop();
    const file = path.join(host.dataDir, 'vault.json');
    const damaged = damage(await readFile(file));
    await writeFile(file, damaged);
    await host.start();
    await page.goto(host.url);
    if (label === 'tampered with') await unlock(page);
    await expect(page.getByText(message)).toBeVisible();
    expect(await readFile(file)).toEqual(damaged);
  });
}

function tamperPayload(bytes: Buffer): Buffer {
  const json = JSON.parse(bytes.toString('utf8'));
  const ct = Buffer.from(json.payload.ciphertext, 'base64');
  ct[0] = ct[0]! ^ 0xff;
  json.payload.ciphertext = ct.toString('base64');
  return Buffer.from(JSON.stringify(json));
}

test('Settings shows the app key and keeps the auto-lock time; out-of-range values are refused', async ({ page, host }) => {
  await createVault(page, host);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByText(/^[0-9a-f]{32}$/)).toBeVisible();
  const minutes = page.getByLabel('Lock after idle minutes');
  await expect(minutes).toHaveValue('5');
  await minutes.fill('0');
  const autoLock = page.getByRole('form', { name: 'Auto-lock' });
  await autoLock.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Auto-lock is at least 1 minute.')).toBeVisible();
  await minutes.fill('15');
  await autoLock.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await host.stop();
  await host.start();
  await page.goto(host.url);
  await unlock(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Lock after idle minutes')).toHaveValue('15');
});

test('a lock from elsewhere reaches every open window: each drops its data and shows Unlock', async ({ page, host, context }) => {
  await createVault(page, host);
  await addKeyStore(page, 'Shared view');
  const other = await context.newPage();
  await other.goto(host.url);
  await expect(other.getByRole('button', { name: 'Shared view' })).toBeVisible();

  // The vault.locked push event (the same one idle auto-lock sends) travels over the event stream.
  await other.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByText('Shared view')).toHaveCount(0);
});
