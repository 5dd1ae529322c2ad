import type { Browser, Locator, Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { PASSPHRASE, USERNAME, addKeyStore, createVault, expect, startFreshHost, test, unlock } from './fixtures';

const SHOTS = '/tmp/shots';
const BACKUP_PASSPHRASE = 'backup passphrase for the safe';
const SCREEN = { width: 1280, height: 720 };
/** An A4 page inside the print CSS's 16 mm margins, in CSS pixels: how the printouts are laid out. */
const A4_CONTENT = { width: 673, height: 1001 };

test.beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
});

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });

async function addKey(page: Page, type: string, name: string) {
  await page.getByRole('button', { name: 'Add Key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add Key' });
  await dialog.getByLabel('Key type').click();
  await page.getByRole('option', { name: type, exact: true }).click();
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

async function openKeyStore(page: Page, name: string) {
  await nav(page, 'Key Depository').click();
  await page.getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Key Management' })).toHaveAttribute('aria-selected', 'true');
}

/** The data rows of a table (its first row is the header). */
const dataRows = (table: Locator) => table.locator('tbody').getByRole('row');

/** Settings → Backup → Export backup, and the file it downloads (the browser host's download). */
async function exportBackup(page: Page, fill: (dialog: Locator) => Promise<void>, savePath: string): Promise<void> {
  await nav(page, 'Settings').click();
  await page.getByRole('button', { name: 'Export backup' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export backup' });
  await fill(dialog);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export backup' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^skm-backup-\d{4}-\d{2}-\d{2}\.skmbackup$/);
  await download.saveAs(savePath);
}

/** A second browser host on an empty data folder: open its Restore from backup dialog with `file` chosen. */
async function openRestore(browser: Browser, file: string) {
  const fresh = await startFreshHost();
  const page = await browser.newPage();
  await page.goto(fresh.host.url);
  await expect(page.getByRole('heading', { name: 'Create vault' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/create-vault.png` });
  await page.getByRole('button', { name: 'Restore from backup' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore from backup' });
  await dialog.getByLabel('Backup file').setInputFiles(file);
  return {
    page,
    dialog,
    dispose: async () => {
      await page.close();
      await fresh.dispose();
    },
  };
}

async function unlockRestored(page: Page) {
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('The backup was restored into this data folder.')).toBeVisible();
  await expect(page.getByText('To restore a backup, start the app with an empty data folder.')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/unlock-restored.png` });
  await unlock(page, PASSPHRASE, USERNAME);
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Key stores' }).getByRole('button', { name: 'Payments', exact: true })).toBeVisible();
}

test('the Audit Log lists actions newest first, filters by action, verifies its chain, and exports a file the verifier accepts', async ({
  page,
  host,
}, testInfo) => {
  await createVault(page, host);
  await addKeyStore(page, 'Payments');
  await openKeyStore(page, 'Payments');
  await addKey(page, 'Symmetric Key', 'Tokens');
  await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name: 'Tokens', exact: true }).click();
  await page.getByLabel('Plaintext', { exact: true }).fill('4111 1111 1111 1111');
  await page.getByRole('button', { name: 'Encrypt', exact: true }).click();
  await expect(page.getByLabel('Ciphertext', { exact: true })).toHaveValue(/^skm:v1:/);

  await nav(page, 'Audit Log').click();
  await expect(page.getByRole('heading', { name: 'Audit Log' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Audit records' });
  const rows = dataRows(table);
  // Newest first: the encryption, then the key, the key store and the vault itself.
  await expect(rows.first()).toContainText('Encrypt');
  await expect(rows.first()).toContainText('Tokens');
  await expect(rows.first()).toContainText('Payments');
  await expect(rows.first()).toContainText('OK');
  const actionsInOrder = await rows.locator('td:nth-child(4)').allInnerTexts();
  const order = ['Encrypt', 'Add Key', 'Add Key Store', 'Create vault'].map((a) => actionsInOrder.findIndex((t) => t.split('\n')[0] === a));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  const seqs = (await rows.locator('td:first-child').allInnerTexts()).map(Number);
  expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
  await expect(page.getByText('Check an export later with')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/audit-log.png`, fullPage: true });

  // Filter by action: only Add Key is left.
  await page.getByRole('combobox', { name: 'Action' }).click();
  await page.getByRole('option', { name: 'Add Key', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Tokens');
  await expect(page.getByText('1–1 of 1')).toBeVisible();

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText(/^Chain verified: \d+ records, head #\d+ \(MAC [A-Za-z0-9+/=_-]+\)/)).toBeVisible();

  // Export the current filter as JSON Lines: the header comes first, and the verifier accepts the file.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /JSON Lines/ }).click()]);
  const file = testInfo.outputPath(download.suggestedFilename() || 'audit.jsonl');
  await download.saveAs(file);
  const [first] = (await readFile(file, 'utf8')).split('\n');
  const { header } = JSON.parse(first!) as { header: { format: string; count: number; filter: { action?: string }; publicKeyFingerprint: string } };
  expect(header.format).toBe('skm-audit-export');
  expect(header.filter.action).toBe('keys.create');
  expect(header.count).toBe(1);
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/audit-verify.ts', file], { cwd: process.cwd() });
  expect(stdout).toContain('Verified');
  expect(stdout).toContain(header.publicKeyFingerprint);
  // The console shows the same export key fingerprint the verifier printed.
  await expect(page.getByText(header.publicKeyFingerprint)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/audit-log-verified.png`, fullPage: true });
});

test('export a backup with a passphrase, restore it on an empty data folder, and unlock it with the original account', async ({
  page,
  host,
  browser,
}, testInfo) => {
  await createVault(page, host);
  await addKeyStore(page, 'Payments');
  const file = testInfo.outputPath('passphrase.skmbackup');
  await exportBackup(
    page,
    async (dialog) => {
      await expect(dialog.getByRole('radio', { name: 'Backup passphrase' })).toBeChecked();
      await dialog.getByLabel(/^Passphrase/).fill('too short');
      await dialog.getByLabel(/^Confirm passphrase/).fill('too short');
      await dialog.getByRole('button', { name: 'Export backup' }).click();
      await expect(dialog.getByText(/at least 12 characters/i).first()).toBeVisible();
      await dialog.getByLabel(/^Passphrase/).fill(BACKUP_PASSPHRASE);
      await dialog.getByLabel(/^Confirm passphrase/).fill(BACKUP_PASSPHRASE);
    },
    file,
  );
  await expect(page.getByText(/^Backup [0-9a-f]+ exported\./)).toBeVisible();

  const restore = await openRestore(browser, file);
  try {
    const { page: other, dialog } = restore;
    await expect(dialog.getByText('Backup passphrase', { exact: true })).toBeVisible();
    await dialog.getByLabel(/^Backup passphrase/).fill('not the backup passphrase');
    await dialog.getByRole('button', { name: 'Restore' }).click();
    // A wrong passphrase is said under the passphrase field.
    await expect(dialog.getByText('The backup passphrase is not correct', { exact: false })).toBeVisible({ timeout: 30_000 });
    await expect(dialog.getByLabel(/^Backup passphrase/)).toHaveAttribute('aria-invalid', 'true');
    await other.screenshot({ path: `${SHOTS}/restore-passphrase.png` });
    await dialog.getByLabel(/^Backup passphrase/).fill(BACKUP_PASSPHRASE);
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await unlockRestored(other);
  } finally {
    await restore.dispose();
  }
});

test('export a backup split into 3 shares needing 2, and restore it with two of them', async ({ page, host, browser }, testInfo) => {
  await createVault(page, host);
  await addKeyStore(page, 'Payments');
  const file = testInfo.outputPath('shares.skmbackup');
  await exportBackup(
    page,
    async (dialog) => {
      await dialog.getByRole('radio', { name: 'Split the backup key into shares' }).check();
      await dialog.getByRole('spinbutton', { name: 'Number of shares' }).fill('3');
      await dialog.getByRole('spinbutton', { name: 'Shares needed to restore' }).fill('4');
      await dialog.getByRole('button', { name: 'Export backup' }).click();
      await expect(dialog.getByText('Shares needed cannot be more than the shares made.')).toBeVisible();
      await dialog.getByRole('spinbutton', { name: 'Shares needed to restore' }).fill('2');
      await page.screenshot({ path: `${SHOTS}/export-backup-shares.png` });
    },
    file,
  );

  const sharesDialog = page.getByRole('dialog', { name: 'Backup shares' });
  await expect(sharesDialog).toBeVisible();
  const shares: string[] = [];
  for (let i = 1; i <= 3; i++) shares.push(await sharesDialog.getByLabel(`Share ${i} of 3`).inputValue());
  expect(new Set(shares).size).toBe(3);
  for (const s of shares) expect(s).toMatch(/^skm1-[0-9a-f]{8}-2of3-\d-/);
  await expect(sharesDialog.getByRole('button', { name: 'Copy share 3' })).toBeVisible();
  await expect(sharesDialog.getByRole('button', { name: 'Print' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/shares-dialog.png` });
  // What Print prints: one sheet per officer, nothing of the console.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize(A4_CONTENT);
  await page.screenshot({ path: `${SHOTS}/shares-print.png`, fullPage: true });
  await page.emulateMedia({ media: null });
  await page.setViewportSize(SCREEN);
  // Printed, that is one page per officer.
  const pdf = (await page.pdf({ path: `${SHOTS}/shares-print.pdf`, format: 'A4' })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(3);

  // Closing asks first: nothing keeps the shares.
  await sharesDialog.getByRole('button', { name: 'Done' }).click();
  const confirm = page.getByRole('dialog', { name: 'Close the shares?' });
  await expect(confirm).toContainText('The shares are not kept anywhere; make sure each officer has theirs.');
  await confirm.getByRole('button', { name: 'Back to the shares' }).click();
  await expect(sharesDialog).toBeVisible();
  await sharesDialog.getByRole('button', { name: 'Done' }).click();
  await confirm.getByRole('button', { name: 'Close shares' }).click();
  await expect(sharesDialog).toBeHidden();

  const restore = await openRestore(browser, file);
  try {
    const { page: other, dialog } = restore;
    await expect(dialog.getByText('Shares: any 2 of 3')).toBeVisible();
    await expect(dialog.getByLabel(/^Share \d/)).toHaveCount(2);
    // A typo is named under the share it is in.
    const typo = shares[2]!.slice(0, -1) + (shares[2]!.endsWith('0') ? '1' : '0');
    await dialog.getByLabel('Share 1').fill(shares[0]!);
    await dialog.getByLabel('Share 2').fill(typo);
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await expect(dialog.getByText(/^Share 2 has a typo/)).toBeVisible({ timeout: 30_000 });
    await other.screenshot({ path: `${SHOTS}/restore-shares.png` });
    await dialog.getByLabel('Share 2').fill(shares[2]!);
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await unlockRestored(other);
  } finally {
    await restore.dispose();
  }
});

test('a key ceremony: start it with two officers, add a key, end it, and its record shows the key and a signature line per officer', async ({ page, host }) => {
  await createVault(page, host);
  await addKeyStore(page, 'Payments');

  await nav(page, 'Ceremonies').click();
  await expect(page.getByText('No ceremonies yet')).toBeVisible();
  await page.getByRole('button', { name: 'Start ceremony' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start ceremony' });
  await dialog.getByLabel('Title').fill('Payments master key');
  await dialog.getByLabel('Officer 1 name').fill('Alice Officer');
  await dialog.getByLabel('Officer 2 name').fill('Bob Witness');
  await dialog.getByRole('button', { name: 'Add officer' }).click();
  await dialog.getByRole('button', { name: 'Remove officer 3' }).click();
  await page.screenshot({ path: `${SHOTS}/start-ceremony.png` });
  await dialog.getByRole('button', { name: 'Start ceremony' }).click();
  await expect(dialog).toBeHidden();

  const banner = page.getByRole('status', { name: 'Ceremony in progress' });
  await expect(banner).toContainText(`Ceremony in progress: Payments master key — started`);
  await expect(banner).toContainText(`by ${USERNAME}`);
  await expect(page.getByRole('table', { name: 'Ceremonies' }).getByRole('row', { name: /Payments master key/ })).toContainText('In progress');
  await page.screenshot({ path: `${SHOTS}/ceremony-running.png` });

  await openKeyStore(page, 'Payments');
  await addKey(page, 'Symmetric Key', 'Master key');
  await expect(banner).toBeVisible();

  await banner.getByRole('button', { name: 'End ceremony' }).click();
  await page.getByRole('dialog', { name: 'End ceremony' }).getByRole('button', { name: 'End ceremony' }).click();
  await expect(banner).toBeHidden();

  // The record opens: the key with its key check value, the actions, and a signature line per officer.
  await expect(page.getByRole('heading', { name: 'Payments master key' })).toBeVisible();
  const keys = page.getByRole('table', { name: 'Keys created' });
  await expect(keys.getByRole('row', { name: /Master key/ })).toContainText(/Key check value\s*[0-9A-Fa-f]{6}/);
  await expect(page.getByRole('table', { name: 'Actions' })).toContainText('Add Key');
  await expect(page.getByText('Audit chain at start')).toBeVisible();
  await expect(page.getByText('Audit chain at end')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Signature line for Alice Officer' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Signature line for Bob Witness' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/ceremony-record.png`, fullPage: true });
  // What Print prints: the record alone, at the width of an A4 page inside its margins.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize(A4_CONTENT);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/ceremony-record-print.png`, fullPage: true });
  await page.pdf({ path: `${SHOTS}/ceremony-record.pdf`, format: 'A4' });
  await page.emulateMedia({ media: null });
  await page.setViewportSize(SCREEN);

  // The list keeps it, and its record opens again from there.
  await nav(page, 'Ceremonies').click();
  const list = page.getByRole('table', { name: 'Ceremonies' });
  await expect(list.getByRole('row', { name: /Payments master key/ })).toContainText('Alice Officer, Bob Witness');
  await list.getByRole('button', { name: 'Open the record of Payments master key' }).click();
  await expect(page.getByRole('group', { name: 'Signature line for Bob Witness' })).toBeVisible();
});
