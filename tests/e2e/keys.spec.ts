import type { Page } from '@playwright/test';
import { addKeyStore, createVault, expect, test } from './fixtures';

async function openKeyStore(page: Page, host: Parameters<typeof createVault>[1]) {
  await createVault(page, host);
  await addKeyStore(page, 'Payments');
  await page.getByRole('button', { name: 'Payments' }).click();
  await expect(page.getByRole('tab', { name: 'Key Management' })).toHaveAttribute('aria-selected', 'true');
}

async function addKey(page: Page, type: string, name: string, extra: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => undefined) {
  await page.getByRole('button', { name: 'Add Key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add Key' });
  await dialog.getByLabel('Key type').click();
  await page.getByRole('option', { name: type, exact: true }).click();
  await dialog.getByLabel('Name').fill(name);
  await extra(dialog);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

const openKey = async (page: Page, name: string) => {
  await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Detail Key Information' })).toBeVisible();
};

test('add one key of each type and import one; they are listed with their type and status', async ({ page, host }) => {
  await openKeyStore(page, host);
  await expect(page.getByText('No keys yet')).toBeVisible();
  await addKey(page, 'Confidential Data', 'DB password', (d) => d.getByLabel(/^Data/).fill('s3cret-value'));
  await addKey(page, 'Symmetric Key', 'Token key', async (d) => {
    await d.getByLabel('Rotation Cycle').click();
    await page.getByRole('option', { name: 'Every 90 days' }).click();
  });
  await addKey(page, 'Asymmetric Key', 'Release signing', async (d) => {
    await d.getByLabel('Algorithm').click();
    await page.getByRole('option', { name: 'ECDSA P-256' }).click();
  });

  await page.getByRole('button', { name: 'Import Key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import Key' });
  await dialog.getByLabel('Name').fill('Legacy HSM key');
  await dialog.getByLabel(/^Key Data/).fill(Array(31).fill('0x1f').join(', '));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByText('An AES-256 key is exactly 32 bytes; 31 bytes were found.')).toBeVisible();
  await dialog.getByLabel(/^Key Data/).fill(['0x00', '0xZZ', ...Array(30).fill('0x1f')].join(' '));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByText('Byte 2 is not written as 0x followed by two hexadecimal digits')).toBeVisible();
  await dialog.getByLabel(/^Key Data/).fill(Array.from({ length: 32 }, (_, i) => `0x${i.toString(16).padStart(2, '0')}`).join(', '));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();

  const table = page.getByRole('grid', { name: 'Keys' });
  await expect(table.getByRole('row', { name: /DB password/ })).toContainText('Confidential Data');
  await expect(table.getByRole('row', { name: /Token key/ })).toContainText('Every 90 days');
  await expect(table.getByRole('row', { name: /Release signing/ })).toContainText('ECDSA P-256');
  await expect(table.getByRole('row', { name: /Legacy HSM key/ })).toContainText('Not rotated (imported)');
  await expect(table.getByRole('row', { name: /Legacy HSM key/ })).toContainText('In Service');
  await page.screenshot({ path: 'test-results/screens/key-management.png' });

  await page.getByLabel('Search by name').fill('token');
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Search by name').fill('');
  await page.getByRole('combobox', { name: /^Type/ }).click();
  await page.getByRole('option', { name: 'Symmetric Key', exact: true }).click();
  await expect(table.getByRole('row')).toHaveCount(3);

  await openKey(page, 'Legacy HSM key');
  await expect(page.getByRole('button', { name: 'Immediately Rotate' })).toHaveCount(0);

  // Rotation cycles under 30 days are refused with the minimum named.
  await page
    .getByRole('link', { name: 'Payments' })
    .or(page.getByRole('button', { name: 'Payments' }))
    .first()
    .click();
  await addKey(page, 'Symmetric Key', 'Too short', async (d) => {
    await d.getByLabel('Rotation Cycle').click();
    await page.getByRole('option', { name: 'Custom number of days…' }).click();
    await d.getByRole('button', { name: 'Add' }).click();
    await expect(d.getByText('Enter the number of days between automatic rotations (30 to 3,650), or choose 0 — no automatic rotation.')).toBeVisible();
    await d.getByLabel('Days between rotations').fill('29');
    await d.getByRole('button', { name: 'Add' }).click();
    await expect(d.getByText('The minimum rotation cycle is 30 days (or 0 for no automatic rotation).')).toBeVisible();
    await d.getByLabel('Days between rotations').fill('30');
  });
});

test('encrypt and decrypt text; after Immediately Rotate, version 2 is current and version-1 text still decrypts', async ({ page, host }) => {
  await openKeyStore(page, host);
  await addKey(page, 'Symmetric Key', 'Tokens');
  await openKey(page, 'Tokens');

  await page.getByLabel('Plaintext', { exact: true }).fill('4111 1111 1111 1111');
  await page.getByRole('button', { name: 'Encrypt', exact: true }).click();
  const v1 = await page.getByLabel('Ciphertext', { exact: true }).inputValue();
  expect(v1).toMatch(/^skm:v1:/);

  await page.getByRole('button', { name: 'Immediately Rotate' }).click();
  await page.getByRole('dialog', { name: 'Immediately Rotate' }).getByRole('button', { name: 'Immediately Rotate' }).click();
  await expect(page.getByRole('table', { name: 'Versions' }).getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('table', { name: 'Versions' }).getByRole('row').nth(1)).toContainText('Current');

  await page.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(page.getByLabel('Ciphertext', { exact: true })).toHaveValue(/^skm:v2:/);

  await page.getByRole('tab', { name: 'Decrypt' }).click();
  await page.getByLabel('Ciphertext to decrypt').fill(v1);
  await page.getByRole('button', { name: 'Decrypt', exact: true }).click();
  await expect(page.getByText('Decrypted with version 1.')).toBeVisible();
  await expect(page.getByLabel('Plaintext', { exact: true })).toHaveValue('4111 1111 1111 1111');
  await page.screenshot({ path: 'test-results/screens/key-decrypt.png' });

  // A file works as input too, and its ciphertext decrypts back to the same bytes.
  await page.getByRole('tab', { name: 'Encrypt' }).click();
  await page.getByLabel('Plaintext file').setInputFiles({ name: 'card.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0, 1, 2, 250, 251]) });
  await expect(page.getByLabel('File card.bin')).toBeVisible();
  const textCiphertext = await page.getByLabel('Ciphertext', { exact: true }).inputValue();
  await page.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(page.getByLabel('Ciphertext', { exact: true })).not.toHaveValue(textCiphertext);
  const fileCiphertext = await page.getByLabel('Ciphertext', { exact: true }).inputValue();
  await page.getByRole('tab', { name: 'Decrypt' }).click();
  await page.getByLabel('Ciphertext to decrypt').fill(fileCiphertext);
  await page.getByRole('button', { name: 'Decrypt', exact: true }).click();
  await expect(page.getByText('The plaintext is binary data (5 bytes).')).toBeVisible();

  await page.getByRole('tab', { name: 'Data key' }).click();
  await page.getByRole('button', { name: 'Create local key' }).click();
  await expect(page.getByLabel('Encrypted data key (version 2)', { exact: true })).toHaveValue(/^skm:v2:/);
  const dataKey = await page.getByLabel('Data key (base64)', { exact: true }).inputValue();
  expect(Buffer.from(dataKey, 'base64')).toHaveLength(32);

  await page.getByRole('tab', { name: 'Decrypt' }).click();
  await page.getByLabel('Ciphertext to decrypt').fill(v1.slice(0, -6));
  await page.getByRole('button', { name: 'Decrypt', exact: true }).click();
  await expect(page.getByText('This ciphertext was not made by this key, or it was altered or truncated.')).toBeVisible();
});

test('sign and verify with an asymmetric key; a changed message is refused; the public key is shown', async ({ page, host }) => {
  await openKeyStore(page, host);
  await addKey(page, 'Asymmetric Key', 'Signer');
  await openKey(page, 'Signer');
  await expect(page.getByText('RSA 2048').first()).toBeVisible();
  await page.getByLabel('Data', { exact: true }).fill('release-1.0.tar.gz sha256=abc');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  const signature = await page.getByLabel('Signature', { exact: true }).inputValue();
  expect(signature).toMatch(/^skm:v1:/);

  await page.getByRole('tab', { name: 'Verify' }).click();
  await page.getByLabel('Signature to verify').fill(signature);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByText('The signature is valid (made by version 1 of this key).')).toBeVisible();
  await page.getByLabel('Data', { exact: true }).fill('release-1.0.tar.gz sha256=abd');
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByText(/The signature does not match this data/)).toBeVisible();

  await page.getByRole('tab', { name: 'Public key' }).click();
  await expect(page.getByLabel('Public key (version 1, PEM)', { exact: true })).toHaveValue(/BEGIN PUBLIC KEY/);
});

test('Confidential Data is masked until Reveal', async ({ page, host }) => {
  await openKeyStore(page, host);
  await addKey(page, 'Confidential Data', 'API token', (d) => d.getByLabel(/^Data/).fill('tok_live_123456'));
  await openKey(page, 'API token');
  await expect(page.getByRole('textbox', { name: 'Data' })).not.toContainText('tok_live');
  await page.getByRole('button', { name: 'Reveal' }).click();
  await expect(page.getByRole('textbox', { name: 'Data' })).toHaveText('tok_live_123456');
  await page.getByRole('button', { name: 'Hide' }).click();
  await expect(page.getByRole('textbox', { name: 'Data' })).not.toContainText('tok_live');
  expect(await host.dataDirText()).not.toContain('tok_live');
});

test('Request for Deletion blocks use; Cancel Deletion restores it; Immediately Delete needs the name', async ({ page, host }) => {
  await openKeyStore(page, host);
  await addKey(page, 'Symmetric Key', 'Retiring');
  await openKey(page, 'Retiring');

  await page.getByRole('button', { name: 'Request for Deletion' }).click();
  await page.getByRole('dialog', { name: 'Request for Deletion' }).getByRole('button', { name: 'Request for Deletion' }).click();
  await expect(page.getByText(/Scheduled to be Deleted on/)).toBeVisible();
  await page.getByLabel('Plaintext', { exact: true }).fill('hello');
  await page.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(page.getByText('The key "Retiring" is Scheduled to be Deleted and cannot be used. Cancel Deletion to use it again.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/key-scheduled.png' });

  await page.getByRole('button', { name: 'Cancel Deletion' }).click();
  await page.getByRole('dialog', { name: 'Cancel Deletion' }).getByRole('button', { name: 'Cancel Deletion' }).click();
  await page.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(page.getByLabel('Ciphertext', { exact: true })).toHaveValue(/^skm:v1:/);

  await page.getByRole('button', { name: 'Request for Deletion' }).click();
  await page.getByRole('dialog', { name: 'Request for Deletion' }).getByRole('button', { name: 'Request for Deletion' }).click();
  await page.getByRole('button', { name: 'Immediately Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Immediately Delete' });
  await confirm.getByLabel('Type the name to confirm').fill('retiring');
  await expect(confirm.getByRole('button', { name: 'Immediately Delete' })).toBeDisabled();
  await confirm.getByLabel('Type the name to confirm').fill('Retiring');
  await confirm.getByRole('button', { name: 'Immediately Delete' }).click();
  await expect(page.getByText('No keys yet')).toBeVisible();
});
