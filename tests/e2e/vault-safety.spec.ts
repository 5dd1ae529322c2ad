import { copyFile } from 'node:fs/promises';
import * as path from 'node:path';
import { PASSPHRASE, USERNAME, addKeyStore, createVault, expect, test, unlock } from './fixtures';

const NEW_PASSPHRASE = 'a brand new passphrase 2026';

test('an older copy of vault.json put back is refused at unlock until the administrator accepts it', async ({ page, host }) => {
  await createVault(page, host);
  await addKeyStore(page, 'Kept');
  await copyFile(path.join(host.dataDir, 'vault.json'), path.join(host.dataDir, 'older.json'));
  await addKeyStore(page, 'Added later');
  await page.getByRole('button', { name: 'Lock' }).click();
  // Lock's last write (the audit trail's head) is on disk once the Unlock screen shows: copy the old file after it.
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await copyFile(path.join(host.dataDir, 'older.json'), path.join(host.dataDir, 'vault.json'));

  await unlock(page);
  const warning = page.getByRole('alert').filter({ hasText: 'older than the one last opened on this computer' });
  await expect(warning).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible(); // still locked
  await page.screenshot({ path: 'test-results/screens/unlock-rolled-back.png' });
  await page.getByLabel('Accept restored vault').check();
  await page.getByLabel(/^Passphrase/).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kept' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Added later' })).toHaveCount(0);
});

test('Change passphrase in Settings: the old passphrase no longer unlocks, the new one does', async ({ page, host }) => {
  await createVault(page, host);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change passphrase' });
  await dialog.getByLabel(/^Current passphrase/).fill('not my passphrase');
  await dialog.getByLabel(/^New passphrase/).fill(NEW_PASSPHRASE);
  await dialog.getByLabel(/^Confirm new passphrase/).fill(NEW_PASSPHRASE);
  await dialog.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(dialog.getByText('The current passphrase is not correct.')).toBeVisible();
  await dialog.getByLabel(/^Current passphrase/).fill(PASSPHRASE);
  await dialog.getByLabel(/^Confirm new passphrase/).fill('something else entirely');
  await dialog.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(dialog.getByText('The new passphrase and its confirmation do not match.')).toBeVisible();
  await dialog.getByLabel(/^Confirm new passphrase/).fill(NEW_PASSPHRASE);
  await page.screenshot({ path: 'test-results/screens/change-passphrase.png' });
  await dialog.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Passphrase changed.')).toBeVisible();

  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page);
  await expect(page.getByText('Wrong username or passphrase.')).toBeVisible();
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel(/^Passphrase/).fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toBeVisible();
});
