import { createVault, expect, test } from './fixtures';
import { invoke, seedKeys, seededName } from '../../scripts/bench-ui';
import type { Page } from '@playwright/test';

// The console at scale (issue 12): 10,000 keys in one key store, seeded through the contract, in the one data grid
// the lists share; and the key store page at 1024×768.

const KEYS = 10_000;

async function openKeyStore(page: Page, name: string): Promise<void> {
  await page.getByRole('grid', { name: 'Key stores' }).getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The data rows of a grid (its header row is a row too), in the order shown. */
const dataRows = (page: Page, grid: string) => page.getByRole('grid', { name: grid }).locator('[role="row"][data-rowindex]');

/**
 * Tick a row's checkbox. Not locator.check(): that asserts the box's state the instant the click returns, while the
 * grid takes its (controlled) selection back a render later; on a busy machine the box is ticked a moment after.
 */
async function tick(page: Page, name: string): Promise<void> {
  const box = page.getByRole('grid', { name: 'Keys' }).getByRole('checkbox', { name: `Select ${name}` });
  await box.click();
  await expect(box).toBeChecked();
}

test('10,000 keys: sort, page, search, Key Id, and Request for Deletion then Cancel Deletion of several at once', async ({ page, host }) => {
  test.setTimeout(300_000);
  await createVault(page, host);
  const store = await invoke(page, 'keystores.create', { name: 'Ten thousand', description: '', authMethods: ['ipv4'], authMode: 'all' });
  // Created one after another around the bulk: the oldest and the newest keys, whatever order the bulk commits in.
  await invoke(page, 'keys.create', { type: 'confidential', keyStoreId: store.id, name: 'a-oldest', description: '', data: 'first' });
  await seedKeys(page, host, store.id, KEYS - 2);
  await invoke(page, 'keys.create', { type: 'confidential', keyStoreId: store.id, name: 'a-newest', description: '', data: 'last' });
  await page.reload();
  await openKeyStore(page, 'Ten thousand');

  const grid = page.getByRole('grid', { name: 'Keys' });
  const rows = dataRows(page, 'Keys');
  // The pager is below the grid proper (role grid holds the headers and rows only).
  const pager = page.getByText(/^\d+–\d+ of [\d,]+$/);
  await expect(pager).toHaveText('1–25 of 10,000');
  await expect(rows).toHaveCount(25);

  // Sorting: by name (ascending, then descending shows the last key first), then by created.
  const nameHeader = grid.getByRole('columnheader', { name: 'Name' });
  await nameHeader.click();
  await expect(rows.first()).toContainText('a-newest');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText(seededName(KEYS - 3));
  const created = grid.getByRole('columnheader', { name: 'Created' });
  await created.click();
  await expect(rows.first()).toContainText('a-oldest');
  await created.click();
  await expect(rows.first()).toContainText('a-newest');

  // Paging: the next page and back.
  await nameHeader.click(); // name, ascending: a-newest, a-oldest, key-00000 …
  await expect(rows.first()).toContainText('a-newest');
  await page.getByRole('button', { name: 'Go to next page' }).click();
  await expect(pager).toHaveText('26–50 of 10,000');
  await expect(rows.first()).toContainText(seededName(23));
  await page.getByRole('button', { name: 'Go to previous page' }).click();
  await expect(pager).toHaveText('1–25 of 10,000');
  await expect(rows.first()).toContainText('a-newest');

  // Search by name, with the type and status filters that were there before.
  await page.getByLabel('Search by name').fill('key-0998');
  await expect(rows).toHaveCount(10);
  await expect(pager).toHaveText('1–10 of 10');
  await page.getByRole('combobox', { name: /^Type/ }).click();
  await page.getByRole('option', { name: 'Confidential Data' }).click();
  await expect(rows).toHaveCount(3); // key-09981, key-09984, key-09987: every third seeded key is Confidential Data
  await page.getByRole('combobox', { name: /^Type/ }).click();
  await page.getByRole('option', { name: 'All types' }).click();
  await expect(rows).toHaveCount(10);

  // Key Id: hidden until shown in Columns.
  await expect(grid.getByRole('columnheader', { name: 'Key Id' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Key Id' }).check();
  await page.keyboard.press('Escape');
  await expect(grid.getByRole('columnheader', { name: 'Key Id' })).toBeVisible();
  await expect(rows.first()).toContainText(/[0-9a-f]{32}/);

  // Multi-select: three keys to Request for Deletion, then back with Cancel Deletion.
  const picked = [seededName(9980), seededName(9981), seededName(9982)];
  for (const name of picked) await tick(page, name);
  await expect(page.getByText('3 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Request for Deletion (3)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Request for Deletion' });
  await expect(confirm).toContainText('These 3 keys will be Scheduled to be Deleted');
  for (const name of picked) await expect(confirm).toContainText(name);
  await confirm.getByRole('button', { name: 'Request for Deletion' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '3 keys are Scheduled to be Deleted.' })).toBeVisible();
  for (const name of picked) await expect(rows.filter({ hasText: name })).toContainText('Scheduled to be Deleted');
  await expect(page.getByText('Select rows to act on several at once.')).toBeVisible();

  // A selection of both kinds offers each action for the rows it applies to.
  for (const name of [...picked, seededName(9983)]) await tick(page, name);
  await expect(page.getByRole('button', { name: 'Request for Deletion (1)' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel Deletion (3)' }).click();
  const undo = page.getByRole('dialog', { name: 'Cancel Deletion' });
  await expect(undo).toContainText('These 3 keys return to In Service');
  await expect(undo).toContainText('1 other selected keys are already In Service and stay as they are.');
  await undo.getByRole('button', { name: 'Cancel Deletion' }).click();
  await expect(undo).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '3 keys are back In Service.' })).toBeVisible();
  for (const name of picked) await expect(rows.filter({ hasText: name })).toContainText('In Service');
  const after = await invoke(page, 'keys.list', { keyStoreId: store.id });
  expect(after.filter((k) => k.status !== 'in-service')).toEqual([]);
});

test('at 1024×768 the key store tabs scroll, the certificate Download button is on screen without horizontal scrolling, and the grid works by keyboard', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await createVault(page, host);
  const store = await invoke(page, 'keystores.create', {
    name: 'Small screen',
    description: 'Every authentication method, so that the tab strip is full',
    authMethods: ['ipv4', 'mac', 'certificate'],
    authMode: 'all',
  });
  const today = new Date().toISOString().slice(0, 10);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  await invoke(page, 'auth.addCertificate', {
    keyStoreId: store.id,
    name: 'app-client',
    description: 'The payments worker in the second data centre',
    password: 'a long certificate password',
    confirmPassword: 'a long certificate password',
    validFrom: today,
    validTo: nextYear.endsWith('02-29') ? nextYear.replace('02-29', '02-28') : nextYear,
  });
  await page.reload();
  await openKeyStore(page, 'Small screen');

  // The tab strip scrolls rather than cutting its last tab off: its scroll buttons move it, and every tab can be reached.
  const tabs = page.getByRole('tablist', { name: 'Key store menu' });
  const scroller = tabs.locator('xpath=..');
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // MUI's scroll arrows have no role of their own (the keyboard moves along the tabs instead): found by their class.
  const forward = page.locator('.MuiTabs-scrollButtons').last();
  await expect(forward).toBeVisible();
  await forward.click();
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await tabs.getByRole('tab', { name: 'Key Store Details' }).click();
  await expect(tabs.getByRole('tab', { name: 'Key Store Details' })).toHaveAttribute('aria-selected', 'true');

  await tabs.getByRole('tab', { name: 'Certificate Management' }).click();
  const certificates = page.getByRole('grid', { name: 'Certificate Management' });
  const download = certificates.getByRole('button', { name: 'Download app-client' });
  await expect(download).toBeVisible();
  const box = (await download.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1024);
  // Nothing is wider than the window: neither the page nor the grid scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  const gridScroller = certificates.locator('.MuiDataGrid-virtualScroller');
  expect(await gridScroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  // Dates on one line.
  const validTo = certificates
    .getByRole('gridcell')
    .filter({ hasText: nextYear.slice(0, 4) })
    .first();
  expect(await validTo.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);

  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(file.suggestedFilename()).toMatch(/app-client.*\.p12$/);

  // By keyboard: from the search into the grid, along the row with the arrow keys, Enter opens the certificate.
  await page.getByLabel('Search by name').focus();
  await page.keyboard.press('Tab'); // Columns
  await page.keyboard.press('Tab'); // into the grid, on the cell focused last (Download)
  await page.keyboard.press('Home');
  await expect(certificates.getByRole('checkbox', { name: 'Select app-client' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByText('1 selected')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(certificates.getByRole('button', { name: 'app-client', exact: true })).toBeFocused();
  await page.keyboard.press('End');
  await expect(certificates.getByRole('button', { name: 'Request for Deletion app-client' })).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'app-client' })).toBeVisible();
});
