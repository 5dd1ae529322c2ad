import type { Locator, Page } from '@playwright/test';
import { addKeyStore, createVault, expect, test } from './fixtures';

// Long walks through the console: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

/**
 * Issue 12 on the key store page: the key store's deletion lifecycle, the confirmation before client authentication
 * is loosened, a pasted list of IPv4 addresses, and the public keys of older versions.
 */

const openStore = async (page: Page, name: string) => {
  await page.getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};
/** The page's header row: its heading, status chip and lifecycle buttons (the lists below have chips of their own). */
const header = (page: Page, name: string) => page.getByRole('heading', { level: 1, name }).locator('xpath=..');

async function addKey(page: Page, type: string, name: string, extra: (dialog: Locator) => Promise<void> = async () => undefined) {
  await page.getByRole('button', { name: 'Add Key', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add Key' });
  await dialog.getByLabel('Key type').click();
  await page.getByRole('option', { name: type, exact: true }).click();
  await dialog.getByLabel('Name').fill(name);
  await extra(dialog);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

/** A lifecycle button of the page's header and the confirmation it opens. */
async function lifecycle(page: Page, action: 'Request for Deletion' | 'Cancel Deletion'): Promise<Locator> {
  await page.getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.getByRole('button', { name: action, exact: true }).click();
  return dialog;
}

test('key store deletion: refused while keys are In Service (named), then Request, Cancel, Request again and Immediately Delete', async ({ page, host }) => {
  await createVault(page, host);
  await addKeyStore(page, 'Payments');
  await addKeyStore(page, 'Ledger');
  await openStore(page, 'Payments');
  await expect(header(page, 'Payments').getByText('In Service', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy Key Store Id' })).toBeVisible();
  await addKey(page, 'Confidential Data', 'card-numbers', (d) => d.getByLabel(/^Data/).fill('4111 1111 1111 1111'));
  await addKey(page, 'Symmetric Key', 'pin-key');

  // Refused while its keys are In Service, in main's words, naming them; nothing changes.
  const refused = await lifecycle(page, 'Request for Deletion');
  await expect(refused.getByRole('alert')).toHaveText('Payments still holds 2 keys In Service: card-numbers, pin-key. Request their deletion first.');
  await refused.getByRole('button', { name: 'Keep' }).click();
  await expect(refused).toBeHidden();
  await expect(header(page, 'Payments').getByText('In Service', { exact: true })).toBeVisible();

  // Each key Scheduled to be Deleted: they no longer hold the key store back.
  for (const key of ['card-numbers', 'pin-key']) {
    await page.getByRole('button', { name: key, exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Detail Key Information' })).toBeVisible();
    await lifecycle(page, 'Request for Deletion');
    await expect(page.getByText(/^Scheduled to be Deleted on /)).toBeVisible();
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'Payments' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
  }

  await lifecycle(page, 'Request for Deletion');
  await expect(header(page, 'Payments').getByText('Scheduled to be Deleted', { exact: true })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: /^Scheduled to be Deleted on .*, with its keys and authentication information\./ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Deletion of "Payments" requested: it will be deleted for good on / })).toBeVisible();
  // Nothing can be added to it meanwhile.
  await page.getByRole('button', { name: 'Add Key', exact: true }).first().click();
  const addKeyDialog = page.getByRole('dialog', { name: 'Add Key' });
  await addKeyDialog.getByLabel('Name').fill('late-key');
  await addKeyDialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(addKeyDialog.getByText(/^The key store "Payments" is Scheduled to be Deleted, so nothing can be added to it\./)).toBeVisible();
  await addKeyDialog.getByRole('button', { name: 'Cancel' }).click();

  await lifecycle(page, 'Cancel Deletion');
  await expect(header(page, 'Payments').getByText('In Service', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Deletion of "Payments" cancelled: it is In Service again.' })).toBeVisible();

  await lifecycle(page, 'Request for Deletion');
  await page.getByRole('button', { name: 'Immediately Delete', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Immediately Delete' });
  await expect(confirm).toContainText('The key store "Payments" is deleted now, for good, with its keys and all their versions');
  await confirm.getByLabel('Type the name to confirm').fill('payments');
  await expect(confirm.getByRole('button', { name: 'Immediately Delete' })).toBeDisabled();
  await confirm.getByLabel('Type the name to confirm').fill('Payments');
  await confirm.getByRole('button', { name: 'Immediately Delete' }).click();

  // Back in the Key Depository, without it.
  await expect(page.getByRole('heading', { level: 1, name: 'Key Depository' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Key store "Payments" deleted.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ledger', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Payments', exact: true })).toHaveCount(0);
  expect(await host.dataDirText()).not.toContain('4111 1111');
});

test('unticking a client authentication method asks first, naming it and its entries; they are back when it is ticked again', async ({ page, host }) => {
  await createVault(page, host);
  await addKeyStore(page, 'Edge', { methods: ['IPv4', 'MAC'] });
  await openStore(page, 'Edge');
  await page.getByRole('tab', { name: 'MAC Address Management' }).click();
  for (const mac of ['AA-BB-CC-DD-EE-01', 'aa:bb:cc:dd:ee:02']) {
    await page.getByRole('button', { name: 'Add MAC Address' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add MAC Address' });
    await dialog.getByLabel('MAC Address').fill(mac);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page.getByRole('button', { name: 'aa:bb:cc:dd:ee:02', exact: true })).toBeVisible();

  const untickMac = async () => {
    await page.getByRole('button', { name: 'Edit Key Store' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Key Store' });
    await edit.getByLabel('MAC', { exact: true }).uncheck();
    await edit.getByRole('button', { name: 'Save' }).click();
    return edit;
  };
  let edit = await untickMac();
  const ask = page.getByRole('dialog', { name: 'Loosen client authentication?' });
  await expect(ask).toContainText('Client programs of "Edge" will no longer be required to pass MAC authentication.');
  await expect(ask).toContainText('Its 2 entries in MAC Address Management stay stored but unused until MAC is ticked again.');
  // Keep: nothing saved, and the form requires MAC again.
  await ask.getByRole('button', { name: 'Keep' }).click();
  await expect(ask).toBeHidden();
  await expect(edit.getByLabel('MAC', { exact: true })).toBeChecked();
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('tab', { name: 'MAC Address Management' })).toBeVisible();

  edit = await untickMac();
  await ask.getByRole('button', { name: 'Loosen and save' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole('tab', { name: 'MAC Address Management' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Key Store Details' }).click();
  await expect(page.getByText('IPv4', { exact: true })).toBeVisible();

  // Tightening needs no confirmation; the stored entries show again.
  await page.getByRole('button', { name: 'Edit Key Store' }).click();
  await edit.getByLabel('MAC', { exact: true }).check();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await page.getByRole('tab', { name: 'MAC Address Management' }).click();
  await expect(page.getByRole('button', { name: 'aa:bb:cc:dd:ee:01', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'aa:bb:cc:dd:ee:02', exact: true })).toBeVisible();
});

test('a pasted list of IPv4 addresses: each line added or refused with its reason', async ({ page, host }) => {
  await createVault(page, host);
  await addKeyStore(page, 'Gateway');
  await openStore(page, 'Gateway');
  await page.getByRole('tab', { name: 'IPv4 Address Management' }).click();
  await page.getByRole('button', { name: 'Add IPv4 Address' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add IPv4 Address' });
  await dialog.getByLabel('IPv4 Address').fill('10.0.0.1\n\n 10.0.0.2 , 010.001.002.000/24\n300.1.1.1\n');
  await dialog.getByLabel('Description').fill('branch office');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();

  await expect(dialog.getByRole('status')).toHaveText('3 added, 1 refused, 0 repeated in the list.');
  const results = dialog.getByRole('table', { name: 'Results per line' });
  await expect(results.getByRole('row')).toHaveCount(5);
  await expect(results.getByRole('row', { name: /10\.0\.0\.1/ })).toContainText('Added');
  await expect(results.getByRole('row', { name: /010\.001/ })).toContainText('Added as 10.1.2.0/24');
  await expect(results.getByRole('row', { name: /300\.1\.1\.1/ })).toContainText('Each number in an IPv4 address is 0 to 255; 300 is too large.');

  // Back to the form with the refused line only; fixed, it is added on its own.
  await dialog.getByRole('button', { name: 'Correct the refused lines' }).click();
  await expect(dialog.getByLabel('IPv4 Address')).toHaveValue('300.1.1.1');
  await dialog.getByLabel('IPv4 Address').fill('10.0.0.3');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();
  for (const address of ['10.0.0.1', '10.0.0.2', '10.1.2.0/24', '10.0.0.3'])
    await expect(page.getByRole('button', { name: address, exact: true })).toBeVisible();
  // The description went with every line, the corrected one too.
  await expect(page.getByText('branch office', { exact: true })).toHaveCount(4);

  // A repeat within the paste and an address already registered are reported too.
  await page.getByRole('button', { name: 'Add IPv4 Address' }).first().click();
  await dialog.getByLabel('IPv4 Address').fill('10.0.0.9, 10.0.0.9, 10.0.0.1');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText('1 added, 1 refused, 1 repeated in the list.');
  await expect(dialog.getByRole('row', { name: /^2 / })).toContainText('Repeats line 1: added once');
  await expect(dialog.getByRole('row', { name: /^3 / })).toContainText('This key store already has the IPv4 address 10.0.0.1.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: '10.0.0.9', exact: true })).toBeVisible();
});

test('the public key of an older version is shown and exported; a scheme mismatch on Verify says so and does not follow to other tabs', async ({
  page,
  host,
}) => {
  await createVault(page, host);
  await addKeyStore(page, 'Releases');
  await openStore(page, 'Releases');
  await addKey(page, 'Asymmetric Key', 'signer');
  await page.getByRole('button', { name: 'signer', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Detail Key Information' })).toBeVisible();

  await page.getByLabel('Data', { exact: true }).fill('release-2.0.tar.gz');
  await page.getByLabel('Signature scheme').click();
  await page.getByRole('option', { name: 'PKCS#1 v1.5 with SHA-256' }).click();
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  const signature = await page.getByLabel('Signature', { exact: true }).inputValue();
  await page.getByRole('tab', { name: 'Public key' }).click();
  const v1 = await page.getByLabel('Public key (version 1, PEM)', { exact: true }).inputValue();

  await page.getByRole('button', { name: 'Immediately Rotate' }).click();
  await page.getByRole('dialog', { name: 'Immediately Rotate' }).getByRole('button', { name: 'Immediately Rotate' }).click();
  const versions = page.getByRole('table', { name: 'Versions' });
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(versions.getByRole('columnheader')).toHaveText(['Version', 'Created', 'Use', 'Public key']);
  await expect(page.getByLabel('Public key (version 2, PEM)', { exact: true })).not.toHaveValue(v1);

  await versions.getByRole('button', { name: 'Show the public key of version 1' }).click();
  const shown = page.getByRole('dialog', { name: 'Public key of signer, version 1' });
  await expect(shown.getByLabel('Public key (version 1, PEM)', { exact: true })).toHaveValue(v1);
  const [download] = await Promise.all([page.waitForEvent('download'), shown.getByRole('button', { name: 'Export public key (version 1)' }).click()]);
  expect(download.suggestedFilename()).toBe('signer-v1.pub.pem');
  await shown.getByRole('button', { name: 'Close' }).click();

  // Verify a PKCS#1 v1.5 signature under RSA-PSS: the words name the scheme; another tab does not keep them.
  await page.getByRole('tab', { name: 'Verify' }).click();
  await page.getByLabel('Signature scheme').click();
  await page.getByRole('option', { name: 'RSA-PSS with SHA-256' }).click();
  await page.getByLabel('Signature to verify').fill(signature);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  const mismatch = page.getByText('The signature was made with PKCS#1 v1.5 with SHA-256, not RSA-PSS with SHA-256');
  await expect(mismatch).toBeVisible();
  await page.getByRole('tab', { name: 'Sign' }).click();
  await expect(mismatch).toHaveCount(0);
});
