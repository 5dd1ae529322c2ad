import type { Download, Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { addKeyStore, createVault, expect, test } from './fixtures';

/**
 * Key transfer in the console, checked by a second implementation (the openssl command line): a key exported wrapped
 * for "Vault / OpenBao transit" unwraps to the exact key bytes, and a key wrapped by openssl for the vault's wrapping
 * key (downloaded from Settings) imports through Import Key → Wrapped key material and then encrypts and decrypts.
 */
const run = promisify(execFile);
const openssl = async (args: string[], input?: Buffer): Promise<Buffer> => {
  if (input === undefined) return (await run('openssl', args, { encoding: 'buffer' })).stdout;
  return new Promise((resolve, reject) => {
    const child = execFile('openssl', args, { encoding: 'buffer' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    child.stdin!.end(input);
  });
};

/** SHA-256 of the SubjectPublicKeyInfo DER, by openssl, in the app's form (AB:CD:…, upper case). */
async function opensslFingerprint(publicKeyPem: string): Promise<string> {
  const der = await openssl(['pkey', '-pubin', '-outform', 'DER'], Buffer.from(publicKeyPem));
  const hex = (await openssl(['dgst', '-sha256', '-r'], der)).toString().split(' ')[0]!;
  return hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });

async function openKeyStore(page: Page) {
  await nav(page, 'Key Depository').click();
  await page.getByRole('button', { name: 'Payments', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Key Management' })).toHaveAttribute('aria-selected', 'true');
}

async function openKey(page: Page, name: string) {
  await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Detail Key Information' })).toBeVisible();
}

test('Export wrapped for Vault / OpenBao transit: the fingerprint is openssl’s, and openssl unwraps the file to the exact key bytes', async ({
  page,
  host,
}, testInfo) => {
  // RSA-4096 generation (openssl's here) takes seconds, and many more on a loaded machine.
  test.slow();
  // The destination's RSA-4096 wrapping key, made by openssl as transit would hold it (once: it takes seconds).
  const destinationPem = testInfo.outputPath('destination.pem');
  await openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:4096', '-out', destinationPem]);
  const publicPem = (await openssl(['pkey', '-in', destinationPem, '-pubout'])).toString();
  const fingerprint = await opensslFingerprint(publicPem);

  await createVault(page, host);
  await addKeyStore(page, 'Payments');
  await openKeyStore(page);
  const key = randomBytes(32);
  await page.getByRole('button', { name: 'Import Key' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import Key' });
  await importDialog.getByLabel('Name').fill('payments');
  await importDialog.getByLabel(/^Key Data/).fill([...key].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', '));
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(importDialog).toBeHidden();
  await openKey(page, 'payments');

  // Without Allow export the button is there, disabled, and says why.
  const exportButton = page.getByRole('button', { name: 'Export wrapped' });
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAccessibleDescription('Turn on Allow export (under Detail Key Information) to export this key wrapped.');
  await page.getByRole('button', { name: 'Turn on Allow export' }).click();
  await page.getByRole('dialog', { name: 'Allow export' }).getByRole('button', { name: 'Allow export' }).click();
  await expect(exportButton).toBeEnabled();

  await exportButton.click();
  const dialog = page.getByRole('dialog', { name: 'Export wrapped' });
  await dialog.getByRole('combobox', { name: 'Destination' }).click();
  await page.getByRole('option', { name: /^Vault \/ OpenBao transit/ }).click();
  await dialog.getByLabel(/^Destination’s public wrapping key/).fill(publicPem);
  await expect(dialog.getByTestId('destination-fingerprint')).toHaveText(fingerprint);
  await expect(dialog.getByText(/^RSA 4096 bits\. Read it aloud/)).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Version' })).toHaveText(/^Version 1 \(current\)/);

  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const done = page.getByRole('dialog', { name: 'Exported wrapped' });
  await expect(done).toBeVisible();
  // The snackbar too (behind the modal dialog, which says the same in its own words).
  await expect(page.getByRole('status', { includeHidden: true }).filter({ hasText: '"payments" version 1 wrapped for Vault / OpenBao transit' })).toBeVisible();
  await expect.poll(() => downloads.length).toBe(2);
  const [blobFile, commandFile] = downloads as [Download, Download];
  expect(blobFile.suggestedFilename()).toBe('payments-v1-transit.transit.b64');
  expect(commandFile.suggestedFilename()).toBe('payments-v1-transit-import.txt');
  const transitImport = 'vault write <MOUNT>/keys/<TRANSIT_KEY_NAME>/import ciphertext=@payments-v1-transit.transit.b64 hash_function=SHA256 type=aes256-gcm96';
  await expect(done.getByRole('textbox', { name: 'Import command' })).toHaveValue(
    /^vault write <MOUNT>\/keys\/<TRANSIT_KEY_NAME>\/import ciphertext=@payments-v1-transit\.transit\.b64 /m,
  );

  // The second implementation: RSA-OAEP (SHA-256, MGF1 SHA-256) on the first 512 bytes, RFC 5649 on the rest.
  const blob = Buffer.from((await readFile((await blobFile.path())!)).toString('utf8'), 'base64');
  const ephemeral = await openssl(
    ['pkeyutl', '-decrypt', '-inkey', destinationPem, '-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256'],
    blob.subarray(0, 512),
  );
  expect(ephemeral).toHaveLength(32);
  const unwrapped = await openssl(['enc', '-d', '-id-aes256-wrap-pad', '-iv', 'A65959A6', '-K', ephemeral.toString('hex')], blob.subarray(512));
  expect(unwrapped.equals(key)).toBe(true);

  const command = (await readFile((await commandFile.path())!)).toString('utf8');
  // The file is what the dialog showed: the transit import (its mount a placeholder, "usually transit") and the fingerprint to compare.
  expect(command).toBe(await done.getByRole('textbox', { name: 'Import command' }).inputValue());
  expect(command.split('\n')).toContain(transitImport);
  expect(command).toContain('<MOUNT> is the transit mount (usually "transit")');
  expect(command).toContain(fingerprint);
  await done.getByRole('button', { name: 'Close' }).click();
  await expect(done).toBeHidden();
});

test('a key wrapped by openssl for the vault’s wrapping key (from Settings) imports as Wrapped key material and encrypts and decrypts', async ({
  page,
  host,
}, testInfo) => {
  // The vault makes its RSA-4096 wrapping key on first need: seconds, and many more on a loaded machine.
  test.slow();
  await createVault(page, host);
  await addKeyStore(page, 'Payments');

  // Settings → Wrapping key: made on first need, with progress; the PEM downloads and its fingerprint is openssl's.
  await nav(page, 'Settings').click();
  const panel = page.getByRole('region', { name: 'Wrapping key' });
  const [pemDownload] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), panel.getByRole('button', { name: 'Download PEM' }).click()]);
  expect(pemDownload.suggestedFilename()).toMatch(/^skm-wrapping-key-[0-9a-f]{8}\.pem$/);
  const wrappingPem = testInfo.outputPath('wrapping.pem');
  await pemDownload.saveAs(wrappingPem);
  const fingerprint = await opensslFingerprint(await readFile(wrappingPem, 'utf8'));
  await expect(panel.getByTestId('wrapping-key-fingerprint')).toHaveText(fingerprint);
  expect(pemDownload.suggestedFilename()).toBe(`skm-wrapping-key-${fingerprint.replace(/:/g, '').slice(0, 8).toLowerCase()}.pem`);

  // Wrapped outside the app, as README's "Bringing a wrapped key back in" says.
  const key = randomBytes(32);
  const ephemeral = randomBytes(32);
  const part1 = await openssl(
    [
      'pkeyutl',
      '-encrypt',
      '-pubin',
      '-inkey',
      wrappingPem,
      '-pkeyopt',
      'rsa_padding_mode:oaep',
      '-pkeyopt',
      'rsa_oaep_md:sha256',
      '-pkeyopt',
      'rsa_mgf1_md:sha256',
    ],
    ephemeral,
  );
  const part2 = await openssl(['enc', '-id-aes256-wrap-pad', '-iv', 'A65959A6', '-K', ephemeral.toString('hex')], key);
  const wrapped = Buffer.concat([part1, part2]);
  await writeFile(testInfo.outputPath('wrapped.bin'), wrapped);

  await openKeyStore(page);
  await page.getByRole('button', { name: 'Import Key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import Key' });
  await dialog.getByLabel('Name').fill('from-hsm');
  await dialog.getByRole('radio', { name: 'Wrapped key material' }).check();
  await expect(dialog.getByTestId('wrapping-key-fingerprint')).toHaveText(fingerprint);
  await expect(dialog.getByRole('combobox', { name: 'Key algorithm' })).toHaveText('AES-256-GCM');
  // A file cut short is refused at the file, in words.
  await dialog
    .getByLabel('Wrapped key file', { exact: true })
    .setInputFiles({ name: 'cut.bin', mimeType: 'application/octet-stream', buffer: wrapped.subarray(0, 300) });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByText(/The wrapped key file is 300 bytes: too short/)).toBeVisible();
  await dialog.getByLabel('Wrapped key file', { exact: true }).setInputFiles({ name: 'wrapped.bin', mimeType: 'application/octet-stream', buffer: wrapped });
  await expect(dialog.getByLabel('Wrapped key file wrapped.bin')).toBeVisible();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();

  await openKey(page, 'from-hsm');
  await page.getByLabel('Plaintext', { exact: true }).fill('4111 1111 1111 1111');
  await page.getByRole('button', { name: 'Encrypt', exact: true }).click();
  const ciphertext = await page.getByLabel('Ciphertext', { exact: true }).inputValue();
  expect(ciphertext).toMatch(/^skm:v1:/);
  await page.getByRole('tab', { name: 'Decrypt' }).click();
  await page.getByLabel('Ciphertext to decrypt').fill(ciphertext);
  await page.getByRole('button', { name: 'Decrypt', exact: true }).click();
  await expect(page.getByText('Decrypted with version 1.')).toBeVisible();
  await expect(page.getByLabel('Plaintext', { exact: true })).toHaveValue('4111 1111 1111 1111');

  // And the key inside is the one openssl wrapped: its ciphertext opens outside the app (iv | body | tag, AAD skm:<id>:v1).
  const keyId = await page
    .getByRole('definition')
    .filter({ has: page.getByRole('button', { name: 'Copy Key Id' }) })
    .locator('code')
    .innerText();
  const sealed = Buffer.from(ciphertext.slice('skm:v1:'.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(`skm:${keyId}:v1`));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  expect(Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]).toString()).toBe('4111 1111 1111 1111');
});
