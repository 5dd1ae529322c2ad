import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { addKeyStore, createVault, expect, test } from './fixtures';

async function openKeyStore(page: Page, host: Parameters<typeof createVault>[1]) {
  await createVault(page, host);
  await addKeyStore(page, 'Gateway', { methods: ['IPv4', 'MAC', 'Certificate'] });
  await page.getByRole('button', { name: 'Gateway' }).click();
}

async function addAddress(page: Page, tab: string, button: string, field: string, value: string) {
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('button', { name: button }).first().click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.getByLabel(field).fill(value);
  await dialog.getByRole('button', { name: 'Add' }).click();
  return dialog;
}

const openssl = (args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });
/** A UTC day relative to today: certificates start today at the earliest, so fixed dates would age out. */
const day = (offsetDays: number, years = 0) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
};

test('IPv4 addresses, CIDR ranges and MAC addresses: added normalised; bad input shows its message', async ({ page, host }) => {
  await openKeyStore(page, host);
  await expect(page.getByRole('tab', { name: 'IPv4 Address Management' })).toBeVisible();

  for (const [value, message] of [
    ['256.1.1.1', 'Each number in an IPv4 address is 0 to 255; 256 is too large.'],
    ['10.0.0.1/33', 'The prefix length after / is a number from 0 to 32.'],
    ['1.2.3', 'An IPv4 address has four numbers separated by dots'],
    ['2001:db8::1', 'IPv4 only: IPv6 addresses are not supported.'],
  ]) {
    const dialog = await addAddress(page, 'IPv4 Address Management', 'Add IPv4 Address', 'IPv4 Address', value!);
    await expect(dialog.getByText(message!)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  await expect(await addAddress(page, 'IPv4 Address Management', 'Add IPv4 Address', 'IPv4 Address', '010.001.002.003')).toBeHidden();
  await expect(await addAddress(page, 'IPv4 Address Management', 'Add IPv4 Address', 'IPv4 Address', '10.1.2.0/24')).toBeHidden();
  const dup = await addAddress(page, 'IPv4 Address Management', 'Add IPv4 Address', 'IPv4 Address', '10.1.2.3');
  await expect(dup.getByText('This key store already has the IPv4 address 10.1.2.3.')).toBeVisible();
  await dup.getByRole('button', { name: 'Cancel' }).click();
  const ipTable = page.getByRole('grid', { name: 'IPv4 Address Management' });
  await expect(ipTable.getByRole('button', { name: '10.1.2.3', exact: true })).toBeVisible();
  await expect(ipTable.getByRole('button', { name: '10.1.2.0/24', exact: true })).toBeVisible();

  for (const [value, message] of [
    ['aa:bb:cc:dd:ee', '5 groups were found'],
    ['aa:bb:cc:dd:ee:ff:00', '7 groups were found'],
    ['aa:bb:cc:dd:ee:zz', '"zz" is not hexadecimal'],
  ]) {
    const dialog = await addAddress(page, 'MAC Address Management', 'Add MAC Address', 'MAC Address', value!);
    await expect(dialog.getByText(message!)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  await expect(await addAddress(page, 'MAC Address Management', 'Add MAC Address', 'MAC Address', 'AA-BB-CC-DD-EE-FF')).toBeHidden();
  await expect(page.getByRole('grid', { name: 'MAC Address Management' }).getByRole('button', { name: 'aa:bb:cc:dd:ee:ff', exact: true })).toBeVisible();

  // Request for Deletion of each kind, and Cancel Deletion of one.
  await page.getByRole('grid', { name: 'MAC Address Management' }).getByRole('button', { name: 'aa:bb:cc:dd:ee:ff', exact: true }).click();
  let detail = page.getByRole('dialog', { name: 'aa:bb:cc:dd:ee:ff' });
  await detail.getByRole('button', { name: 'Request for Deletion' }).click();
  await page.getByRole('dialog', { name: 'Request for Deletion' }).getByRole('button', { name: 'Request for Deletion' }).click();
  await expect(detail.getByText(/Scheduled to be Deleted on/)).toBeVisible();
  await detail.getByRole('button', { name: 'Cancel Deletion' }).click();
  await page.getByRole('dialog', { name: 'Cancel Deletion' }).getByRole('button', { name: 'Cancel Deletion' }).click();
  await expect(detail.getByText('In Service')).toBeVisible();
  await detail.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('tab', { name: 'IPv4 Address Management' }).click();
  await ipTable.getByRole('button', { name: '10.1.2.0/24', exact: true }).click();
  detail = page.getByRole('dialog', { name: '10.1.2.0/24' });
  await detail.getByRole('button', { name: 'Request for Deletion' }).click();
  await page.getByRole('dialog', { name: 'Request for Deletion' }).getByRole('button', { name: 'Request for Deletion' }).click();
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(ipTable.getByRole('row', { name: /10\.1\.2\.0\/24/ })).toContainText('Scheduled to be Deleted');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/ipv4-management.png' });
});

test('issue a certificate, download it as a .p12 that opens with its password, download the CA certificate', async ({ page, host }, testInfo) => {
  await openKeyStore(page, host);
  await page.getByRole('tab', { name: 'Certificate Management' }).click();
  await expect(page.getByText('No certificates yet')).toBeVisible();
  await page.getByRole('button', { name: 'Add Certificates' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add Certificates' });
  await expect(dialog.getByText('Protects the downloaded .p12 file. At least 12 characters; it is not stored.')).toBeVisible();
  await dialog.getByLabel('Name').fill('payments-worker-01');
  await dialog.getByLabel(/^Password/).fill('short');
  await dialog.getByLabel(/^Confirm password/).fill('short');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByText('Certificate passwords are at least 12 characters.')).toBeVisible();
  await dialog.getByLabel(/^Password/).fill('eight-ch');
  await dialog.getByLabel(/^Confirm password/).fill('eight-ch');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByText('Certificate passwords are at least 12 characters.')).toBeVisible();
  await dialog.getByLabel(/^Password/).fill('worker-p12-pass');
  await dialog.getByLabel(/^Confirm password/).fill('worker-p12-pass!');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByText('The password and its confirmation do not match.')).toBeVisible();
  await dialog.getByLabel(/^Confirm password/).fill('worker-p12-pass');
  await dialog.getByLabel('Valid from').fill('1955-01-01');
  await dialog.getByLabel('Valid to').fill('1959-12-31');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByText(/^Valid from cannot be before today \(\d{4}-\d{2}-\d{2}, UTC\)\.$/)).toBeVisible();
  await dialog.getByLabel('Valid from').fill(day(42));
  await dialog.getByLabel('Valid to').fill(day(33));
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByText('Valid to must be after valid from.')).toBeVisible();
  await dialog.getByLabel('Valid to').fill(day(43, 10));
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByText('A certificate is valid for at most 10 years.')).toBeVisible();
  await dialog.getByLabel('Valid to').fill(day(42, 1));
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });

  const table = page.getByRole('grid', { name: 'Certificate Management' });
  await expect(table.getByRole('row', { name: /payments-worker-01/ })).toContainText('In Service');
  await page.screenshot({ path: 'test-results/screens/certificates.png' });

  const [p12Download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Download' }).click()]);
  expect(p12Download.suggestedFilename()).toBe('payments-worker-01.p12');
  const p12Path = testInfo.outputPath('worker.p12');
  await p12Download.saveAs(p12Path);
  const opened = openssl(['pkcs12', '-in', p12Path, '-passin', 'pass:worker-p12-pass', '-nokeys', '-clcerts']);
  expect(opened.status).toBe(0);
  expect(opened.stdout).toContain('subject=CN = payments-worker-01');
  expect(openssl(['pkcs12', '-in', p12Path, '-passin', 'pass:wrong-password', '-noout']).status).not.toBe(0);

  const [caDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CA certificate' }).click()]);
  const caPath = testInfo.outputPath('ca.pem');
  await caDownload.saveAs(caPath);
  expect(await readFile(caPath, 'utf8')).toContain('BEGIN CERTIFICATE');
  const certPath = testInfo.outputPath('client.pem');
  await (await import('node:fs/promises')).writeFile(certPath, opened.stdout);
  // The certificate starts in six weeks, so check the chain, not today's date.
  expect(openssl(['verify', '-no_check_time', '-CAfile', caPath, certPath]).stdout).toContain(': OK');

  // Duplicate names are refused; the password is nowhere in the data folder.
  await page.getByRole('button', { name: 'Add Certificates' }).click();
  await dialog.getByLabel('Name').fill('Payments-Worker-01');
  await dialog.getByLabel(/^Password/).fill('worker-p12-pass');
  await dialog.getByLabel(/^Confirm password/).fill('worker-p12-pass');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByText('This key store already has a certificate named "Payments-Worker-01".')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const stored = await host.dataDirText();
  expect(stored).not.toContain('worker-p12-pass');
  expect(stored).not.toContain('payments-worker-01');

  // Request for Deletion of the certificate blocks its download.
  await table.getByRole('button', { name: 'payments-worker-01', exact: true }).click();
  const detail = page.getByRole('dialog', { name: 'payments-worker-01' });
  await detail.getByRole('button', { name: 'Request for Deletion' }).click();
  await page.getByRole('dialog', { name: 'Request for Deletion' }).getByRole('button', { name: 'Request for Deletion' }).click();
  await expect(detail.getByRole('button', { name: 'Download' })).toHaveCount(0);
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(table.getByRole('button', { name: 'Download' })).toBeDisabled();

  // Download CRL: signed by the key store's CA, and it revokes the certificate Scheduled to be Deleted.
  const [crlDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CRL' }).click()]);
  expect(crlDownload.suggestedFilename()).toBe('Gateway-ca.crl');
  const crlPath = testInfo.outputPath('gateway.crl');
  await crlDownload.saveAs(crlPath);
  const crlChecked = openssl(['crl', '-in', crlPath, '-CAfile', caPath, '-noout', '-verify']);
  expect(`${crlChecked.stdout}${crlChecked.stderr}`).toContain('verify OK');
  const checked = openssl(['verify', '-no_check_time', '-crl_check', '-CAfile', caPath, '-CRLfile', crlPath, certPath]);
  expect(checked.status).not.toBe(0);
  expect(`${checked.stdout}${checked.stderr}`).toContain('certificate revoked');
});
