import type { Page } from '@playwright/test';
import { PASSPHRASE, USERNAME, createVault, expect, test, unlock } from './fixtures';

/**
 * The console's frame (issue 12 items 6, 7, 8, 10, 13): focus and titles after navigation, every error at once,
 * dialog words, context kept across reloads, locks and a stopped host, dark mode and Korean.
 */
const SHOTS = 'test-results/screens';

/** Seed through the contract, as the page itself would call it (no dependence on other screens' dialogs). */
async function invoke<T = { id: string; name: string }>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(([c, i]) => (window as unknown as { skm: { invoke: (c: string, i: unknown) => Promise<unknown> } }).skm.invoke(c, i), [
    channel,
    input,
  ] as const);
  const r = result as { ok: boolean; value?: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`);
  return r.value as T;
}

async function keyStoreWithKey(page: Page): Promise<void> {
  const store = await invoke(page, 'keystores.create', { name: 'ceremony-store', authMethods: ['ipv4', 'certificate'] });
  await invoke(page, 'keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'payload-key', rotationCycleDays: 0 });
  // The list shows what was added behind its back once it is opened again.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Key Depository' }).click();
}

const mainHeading = (page: Page) => page.locator('main h1');
const outlineOf = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const style = getComputedStyle(document.querySelector(s)!);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  }, selector);
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('after each navigation the page heading has the focus and the document title names the page; keyboard focus is visible', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page).toHaveTitle('Create vault — Secure Key Manager');
  await createVault(page, host);
  await expect(page).toHaveTitle('Key Depository — Secure Key Manager');
  await expect(page.getByRole('heading', { name: 'Key Depository', level: 1 })).toBeFocused();
  // Focus moved by the app after a mouse click shows no ring on the heading.
  expect(await outlineOf(page, 'main h1')).toMatch(/^none/);

  // The last header control before the page (Lock), reached by keyboard, shows a ring.
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: 'Lock' })).toBeFocused();
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth)).toBe('2px');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeFocused();
  await expect(page).toHaveTitle('Settings — Secure Key Manager');

  await keyStoreWithKey(page);
  await page.getByRole('button', { name: 'ceremony-store', exact: true }).click();
  await expect(mainHeading(page)).toHaveText('ceremony-store');
  await expect(mainHeading(page)).toBeFocused();
  await expect(page).toHaveTitle('ceremony-store — Secure Key Manager');

  await page.getByRole('button', { name: 'payload-key', exact: true }).click();
  await expect(page).toHaveTitle('payload-key — ceremony-store — Secure Key Manager');
  await expect(mainHeading(page)).toBeFocused();

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page).toHaveTitle('Unlock — Secure Key Manager');
});

test('a refused form shows every error at once and focuses the first invalid field; typed input is not lost to Escape without asking', async ({
  page,
  host,
}) => {
  await createVault(page, host);
  await keyStoreWithKey(page);
  await page.getByRole('button', { name: 'ceremony-store', exact: true }).click();
  await page.getByRole('tab', { name: 'Certificate Management' }).click();
  await page.getByRole('button', { name: 'Add Certificates' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add Certificates' });
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByText('Enter a name.')).toBeVisible();
  await expect(dialog.getByText('Certificate passwords are at least 12 characters.')).toBeVisible();
  await expect(dialog.getByText('Type the password again to confirm it.')).toBeVisible();
  await expect(dialog.getByLabel('Name', { exact: false }).first()).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/frame-all-errors.png` });

  // Escape with something typed asks first; the safe answer (Keep editing) has the focus and keeps the input.
  await page.keyboard.type('app-client');
  await page.keyboard.press('Escape');
  const discard = page.getByRole('dialog', { name: 'Discard changes?' });
  await expect(discard).toBeVisible();
  await expect(discard.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(discard).toBeHidden();
  await expect(dialog.getByLabel('Name', { exact: false }).first()).toHaveValue('app-client');
  await page.keyboard.press('Escape');
  await discard.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();

  // Nothing typed: Escape closes at once.
  await page.getByRole('button', { name: 'Add Certificates' }).first().click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(discard).toBeHidden();
});

test('confirmations open on the safe button and never say Cancel beside Cancel Deletion; Enter in the name field deletes', async ({ page, host }) => {
  await createVault(page, host);
  await keyStoreWithKey(page);
  await page.getByRole('button', { name: 'ceremony-store', exact: true }).click();
  await page.getByRole('button', { name: 'payload-key', exact: true }).click();

  await page.getByRole('button', { name: 'Request for Deletion' }).click();
  const request = page.getByRole('dialog', { name: 'Request for Deletion' });
  await expect(request.getByRole('button', { name: 'Keep' })).toBeFocused();
  await expect(request.getByRole('button')).toHaveText(['Keep', 'Request for Deletion']);
  await page.screenshot({ path: `${SHOTS}/frame-confirm.png` });
  // Enter on the focused safe button keeps the key.
  await page.keyboard.press('Enter');
  await expect(request).toBeHidden();
  await expect(page.getByRole('button', { name: 'Request for Deletion' })).toBeVisible();

  await page.getByRole('button', { name: 'Request for Deletion' }).click();
  await request.getByRole('button', { name: 'Request for Deletion' }).click();
  await expect(request).toBeHidden();

  await page.getByRole('button', { name: 'Cancel Deletion' }).click();
  const cancel = page.getByRole('dialog', { name: 'Cancel Deletion' });
  await expect(cancel.getByRole('button')).toHaveText(['Close', 'Cancel Deletion']);
  await expect(cancel.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(cancel).toBeHidden();

  await page.getByRole('button', { name: 'Immediately Delete' }).click();
  const remove = page.getByRole('dialog', { name: 'Immediately Delete' });
  const name = remove.getByLabel('Type the name to confirm');
  await expect(name).toBeFocused();
  await page.keyboard.type('payload');
  await page.keyboard.press('Enter'); // not the name yet: nothing happens
  await expect(remove).toBeVisible();
  await page.keyboard.type('-key');
  await page.keyboard.press('Enter');
  await expect(remove).toBeHidden();
  await expect(page.getByRole('button', { name: 'payload-key', exact: true })).toHaveCount(0);
});

test('context is kept: Unlock remembers the username after Lock, and a reload keeps the header and the Settings vault panel', async ({ page, host }) => {
  await createVault(page, host);
  const header = page.getByRole('banner');
  await expect(header).toContainText(USERNAME);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toBeVisible();
  await expect(header).toContainText(`Signed in as ${USERNAME}`);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.locator('dd').filter({ hasText: /^[0-9a-f]{32}$/ })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.locator('dt', { hasText: 'Signed in as' }).locator('+ dd')).toHaveText(USERNAME);

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue(USERNAME);
  await expect(page.getByLabel(/^Passphrase/)).toBeFocused();
  await expect(page.getByLabel(/^Passphrase/)).toHaveValue('');
  // A reload of the Unlock screen still knows it (the host remembers it while it runs).
  await page.reload();
  await expect(page.getByLabel('Username')).toHaveValue(USERNAME);
  await page.keyboard.type(PASSPHRASE);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toBeVisible();
});

test('a success is confirmed in a snackbar', async ({ page, host }) => {
  await createVault(page, host);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Lock after idle minutes').fill('15');
  await page.getByRole('form', { name: 'Auto-lock' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
});

test('when the host stops, the page says "The console has stopped" instead of an Unlock form', async ({ page, host }) => {
  await createVault(page, host);
  await host.stop();
  await expect(page.getByRole('heading', { name: 'The console has stopped' })).toBeVisible();
  await expect(page.getByText('start Secure Key Manager again')).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveCount(0);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'The console has stopped' })).toBeVisible();
});

test('a host gone while the Unlock screen shows is noticed at the next call', async ({ page, host }) => {
  await createVault(page, host);
  // Every call the Lock and the Unlock screen make must be answered first (vault.lock, then vault.status and
  // preferences.get as the screen shows): a kill before that would make one of them the call that notices.
  const answered = ['vault.lock', 'vault.status', 'preferences.get'].map((channel) => page.waitForResponse((r) => r.url().endsWith(`/bridge/${channel}`)));
  await page.getByRole('button', { name: 'Lock' }).click();
  await Promise.all(answered);
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  // Killed, not stopped: a stopping host says so itself, and then the page would not wait for the next call.
  await host.stop('SIGKILL');
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'The console has stopped' })).toBeVisible();
});

test('dark mode follows the OS unless Settings says otherwise; Korean from Settings or the Unlock screen; paper stays light', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await createVault(page, host);
  const light = await background(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => background(page)).toBe('rgb(18, 20, 23)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => background(page)).toBe(light);

  await page.getByRole('button', { name: 'Settings' }).click();
  const appearance = page.getByRole('region', { name: 'Appearance' });
  await appearance.scrollIntoViewIfNeeded();
  await appearance.screenshot({ path: `${SHOTS}/frame-appearance.png` });
  await appearance.getByRole('combobox', { name: 'Theme' }).click();
  await page.getByRole('option', { name: 'Dark' }).click();
  await expect.poll(() => background(page)).toBe('rgb(18, 20, 23)');
  await expect(page.getByRole('status').filter({ hasText: 'Appearance saved.' })).toBeVisible();

  // Printed, the page is light whatever the screen shows.
  await page.emulateMedia({ media: 'print' });
  await expect.poll(() => background(page)).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ media: 'screen' });
  await expect.poll(() => background(page)).toBe('rgb(18, 20, 23)');

  await appearance.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: '한국어' }).click();
  await expect(page.getByRole('button', { name: '키 보관소' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '설정', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('설정 — Secure Key Manager');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
  await page.getByRole('region', { name: '화면 표시' }).screenshot({ path: `${SHOTS}/frame-appearance-ko-dark.png` });

  // The Unlock screen keeps both, and switches language before anyone signs in.
  await page.getByRole('button', { name: '잠금' }).click();
  await expect(page.getByRole('heading', { name: '잠금 해제' })).toBeVisible();
  expect(await background(page)).toBe('rgb(18, 20, 23)');
  await page.screenshot({ path: `${SHOTS}/frame-unlock-dark-ko.png` });
  await page.getByRole('group', { name: '언어' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/frame-unlock-dark.png` });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await unlock(page);
  await expect(page.getByRole('button', { name: 'Key Depository' })).toBeVisible();
});

test('motion follows the OS: nothing slides, fades or ripples when it asks for less; otherwise dialogs fade in', async ({ page, host }) => {
  await createVault(page, host);
  const backdropTransition = async () => {
    await page.getByRole('button', { name: 'Add Key Store' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add Key Store' });
    await expect(dialog).toBeVisible();
    const transition = await page.locator('.MuiDialog-root .MuiBackdrop-root').evaluate((el) => (el as HTMLElement).style.transition);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    return transition;
  };
  // The specs run with reducedMotion 'reduce' (playwright.config.ts).
  expect(await backdropTransition()).toBe('none');
  await expect(page.locator('.MuiTouchRipple-root')).toHaveCount(0);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await backdropTransition()).toMatch(/opacity \d+ms/);
  expect(await page.locator('.MuiTouchRipple-root').count()).toBeGreaterThan(0);
});
