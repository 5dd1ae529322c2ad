import type { Locator, Page } from '@playwright/test';
import { once } from 'node:events';
import { mkdir, readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { addKeyStore, createVault, expect, test, unlock } from './fixtures';

const SHOTS = '/tmp/shots';

/** A port nobody listens on right now: the OS picks one for listen(0), and it is given back at once. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Another program holding a port, to see Start refuse it. */
async function occupy(port: number): Promise<Server> {
  const server = createServer();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

/** GET over HTTPS trusting only `ca` (the API CA certificate the console handed out), as a client program would. */
function httpsGet(url: string, ca: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', ca }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The value of a label/value pair in a DetailList (a <dl>). */
const detail = (scope: Page | Locator, label: string): Locator => scope.locator(`dt:text-is("${label}") + dd`);

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const panel = page.getByRole('region', { name: 'Key API' });
  await expect(panel).toBeVisible();
  return panel;
}

test('start the Key API, call it over HTTPS with its CA certificate, lock and unlock while it serves, stop it', async ({ page, host }, testInfo) => {
  await mkdir(SHOTS, { recursive: true });
  await createVault(page, host);
  const panel = await openSettings(page);
  const appKey = (await detail(page, 'App Key').innerText()).trim();
  expect(appKey).toMatch(/^[0-9a-f]{32}$/);

  // Not serving yet; the form starts from the defaults.
  await expect(detail(panel, 'Status')).toHaveText('Stopped');
  await expect(panel.getByText("While the Key API serves, the vault's data key and the keys clients use stay in this app's memory")).toBeVisible();
  await expect(panel.getByLabel('Listen address')).toHaveValue('127.0.0.1');
  await expect(panel.getByLabel('Port')).toHaveValue('8443');

  // Refusals land under the field they are about: a host name the contract refuses, a port another program holds.
  const port = await freePort();
  await panel.getByLabel('Host names').fill('kms_bad!');
  await panel.getByRole('button', { name: 'Start Key API' }).click();
  await expect(panel.getByText('Host names use letters, digits, hyphens and dots')).toBeVisible();
  await panel.getByLabel('Host names').fill('kms.example.internal');
  const squatter = await occupy(port);
  try {
    await panel.getByLabel('Port').fill(String(port));
    await panel.getByRole('button', { name: 'Start Key API' }).click();
    // The first Start issues the API CA before it listens (RSA key generation): as long as a start that succeeds.
    await expect(panel.getByText(`Port ${port} on 127.0.0.1 is already in use by another program`)).toBeVisible({ timeout: 20_000 });
    await expect(detail(panel, 'Status')).toHaveText('Stopped');
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }

  await panel.getByRole('button', { name: 'Start Key API' }).click();
  await expect(detail(panel, 'Status')).toHaveText('Serving', { timeout: 20_000 });
  const url = (await detail(panel, 'Address').locator('code').innerText()).trim();
  expect(url).toContain(appKey);
  expect(url).toContain(`:${port}/`);
  await expect(panel.getByRole('button', { name: 'Stop Key API' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Start Key API' })).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Copy address' })).toBeVisible();
  await expect(panel.getByLabel('Port')).toBeDisabled();
  await expect(detail(panel, 'API CA fingerprint (SHA-256)').locator('code')).toHaveText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

  // Download API CA certificate: a PEM certificate that client programs trust instead of passing -k.
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download API CA certificate' }).click()]);
  const caPath = testInfo.outputPath('key-api-ca.pem');
  await download.saveAs(caPath);
  const ca = await readFile(caPath, 'utf8');
  expect(ca.startsWith('-----BEGIN CERTIFICATE-----')).toBe(true);

  const confirm = await httpsGet(`${url}confirm`, ca);
  expect(confirm.status).toBe(200);
  expect(confirm.body.header.isSuccessful).toBe(true);
  // The status refreshes itself while the panel shows (every ~2 s): the call is counted without a reload.
  await expect(detail(panel, 'Requests served')).not.toHaveText('0', { timeout: 10_000 });
  await expect(detail(panel, 'Host names')).toHaveText('kms.example.internal');
  // Tall enough that the panel needs no scrolling, so the sticky app bar does not cover its top in the picture.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 2400 });
  await panel.screenshot({ path: `${SHOTS}/settings-key-api.png` });
  if (viewport) await page.setViewportSize(viewport);

  // Lock: the console session ends, the API keeps serving, and the Unlock screen says so.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: 'The Key API is still serving at' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(url);
  await expect(notice).toContainText("The vault's data key stays in memory until Stop Key API or quitting the app.");
  await page.screenshot({ path: `${SHOTS}/unlock-key-api-notice.png` });
  expect((await httpsGet(`${url}confirm`, ca)).status).toBe(200);

  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toBeVisible();
  const again = await openSettings(page);
  await expect(detail(again, 'Status')).toHaveText('Serving');
  await again.getByRole('button', { name: 'Stop Key API' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stop Key API' });
  await expect(dialog).toContainText('Client programs lose access');
  await dialog.getByRole('button', { name: 'Stop Key API' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail(again, 'Status')).toHaveText('Stopped');
  await expect(detail(again, 'Address')).toHaveText('—');
  await expect(httpsGet(`${url}confirm`, ca)).rejects.toThrow();

  // The last values used fill the form next time.
  await page.reload();
  const later = await openSettings(page);
  await expect(later.getByLabel('Port')).toHaveValue(String(port));
  await expect(later.getByLabel('Host names')).toHaveValue('kms.example.internal');

  // Locked without the API serving: no notice.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByText('The Key API is still serving')).toHaveCount(0);
});

test('Allow export on a symmetric key, and a key store whose clients pass any one of its methods', async ({ page, host }) => {
  await createVault(page, host);

  // Add Key Store with "Any one of the methods": Key Store Details says so.
  await page.getByRole('button', { name: 'Add Key Store' }).first().click();
  const add = page.getByRole('dialog', { name: 'Add Key Store' });
  await add.getByLabel('Name').fill('Edge');
  await add.getByLabel('IPv4', { exact: true }).check();
  await add.getByLabel('MAC', { exact: true }).check();
  const mode = add.getByRole('radiogroup', { name: 'Client authentication' });
  await expect(mode.getByRole('radio', { name: 'All of the methods' })).toBeChecked();
  await mode.getByRole('radio', { name: 'Any one of the methods' }).check();
  await expect(add.getByText('Passing one of the methods chosen above is enough.')).toBeVisible();
  await mkdir(SHOTS, { recursive: true });
  await add.screenshot({ path: `${SHOTS}/add-key-store-client-authentication.png` });
  await add.getByRole('button', { name: 'Add' }).click();
  await expect(add).toBeHidden();
  await page.getByRole('button', { name: 'Edge', exact: true }).click();
  await page.getByRole('tab', { name: 'Key Store Details' }).click();
  await expect(detail(page, 'Client authentication')).toHaveText('Any one of the methods');

  // A key store added without choosing keeps the default.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Key Depository' }).click();
  await addKeyStore(page, 'Payments');
  await page.getByRole('button', { name: 'Payments', exact: true }).click();
  await page.getByRole('tab', { name: 'Key Store Details' }).click();
  await expect(detail(page, 'Client authentication')).toHaveText('All of the methods');

  // A symmetric key: Allow export is Off until turned on, with a confirmation that says what it means.
  await page.getByRole('tab', { name: 'Key Management' }).click();
  await page.getByRole('button', { name: 'Add Key' }).first().click();
  const addKey = page.getByRole('dialog', { name: 'Add Key' });
  await addKey.getByLabel('Key type').click();
  await page.getByRole('option', { name: 'Symmetric Key', exact: true }).click();
  await addKey.getByLabel('Name').fill('Tokens');
  await addKey.getByRole('button', { name: 'Add' }).click();
  await expect(addKey).toBeHidden();
  await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name: 'Tokens', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Detail Key Information' })).toBeVisible();
  await expect(detail(page, 'API calls')).toHaveText('0');
  await expect(detail(page, 'Last API call')).toHaveText('Never');
  await expect(detail(page, 'Allow export')).toContainText('Off');

  await page.getByRole('button', { name: 'Turn on Allow export' }).click();
  const confirm = page.getByRole('dialog', { name: 'Allow export' });
  await expect(confirm).toContainText("Client programs with access to this key store will be able to read this key's material through the Key API.");
  await confirm.getByRole('button', { name: 'Allow export' }).click();
  await expect(confirm).toBeHidden();
  await expect(detail(page, 'Allow export')).toContainText('On');
  await page
    .getByRole('heading', { name: 'Detail Key Information' })
    .locator('..')
    .screenshot({ path: `${SHOTS}/detail-key-information.png` });
  await page.reload();
  // After a reload the console opens on the Key Depository: go back to the key.
  await page.getByRole('button', { name: 'Payments', exact: true }).click();
  await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name: 'Tokens', exact: true }).click();
  await expect(detail(page, 'Allow export')).toContainText('On');

  // Edit Key turns it off again.
  await page.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Key' });
  await expect(edit.getByRole('switch', { name: 'Allow export' })).toBeChecked();
  await edit.getByRole('switch', { name: 'Allow export' }).uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await expect(detail(page, 'Allow export')).toContainText('Off');
});
