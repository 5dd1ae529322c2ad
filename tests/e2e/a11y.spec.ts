import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { Result } from 'axe-core';
import { invoke } from '../../scripts/bench-ui';
import { createVault, expect, test } from './fixtures';

// Accessibility in CI (issue 12, item 14): axe scans each main screen and dialog against WCAG 2.0 / 2.1 A and AA,
// with no serious or critical violation allowed. The data is seeded through the contract so the scans, not the
// clicking, take the time; every scan is a soft assertion, so one run lists everything that needs fixing.

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** One line per violation: what is wrong, where (the selectors axe found it at), and how to fix it. */
function describe(v: Result): string {
  const targets = v.nodes.map((n) => n.target.join(' ')).slice(0, 8);
  const more = v.nodes.length > targets.length ? ` (+${v.nodes.length - targets.length} more)` : '';
  const first = v.nodes[0];
  const summary = first?.failureSummary?.replace(/\s+/g, ' ').trim();
  // The element's own HTML finds the component when the selector is only a generated class.
  const html = first ? ` — first: ${first.html.length > 200 ? `${first.html.slice(0, 200)}…` : first.html}` : '';
  return `${v.id} (${v.impact}): ${v.help} — at ${targets.join(' | ')}${more}${html}${summary ? ` — ${summary}` : ''} — ${v.helpUrl}`;
}

/**
 * MUI's dark theme lightens raised surfaces (the header bar, dialogs, menus, the Unlock card) with a one-colour
 * gradient overlay, and axe leaves the contrast of all text on a gradient unchecked ("incomplete"). A gradient whose
 * stops are one colour is one colour: paint it as the solid colour it shows, so that axe checks that text too.
 * Answers a function that puts the page back as it was.
 */
async function flattenUniformGradients(page: Page): Promise<() => Promise<void>> {
  const count = await page.evaluate(() => {
    const channels = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    let n = 0;
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(el);
      const stops = /^linear-gradient\((rgba?\([^)]*\)), (rgba?\([^)]*\))\)$/.exec(style.backgroundImage);
      if (!stops || stops[1] !== stops[2]) continue;
      const [r, g, b, a = 1] = channels(stops[1]!);
      const [br, bg, bb, ba = 1] = channels(style.backgroundColor);
      if (ba !== 1) continue; // over a see-through colour the result depends on what is behind: leave it to axe
      const over = (top: number, base: number) => Math.round(top * a + base * (1 - a));
      el.dataset.a11yFlattened = `${el.style.backgroundImage}|${el.style.backgroundColor}`;
      el.style.backgroundImage = 'none';
      el.style.backgroundColor = `rgb(${over(r!, br!)}, ${over(g!, bg!)}, ${over(b!, bb!)})`;
      n++;
    }
    return n;
  });
  return async () => {
    if (count === 0) return;
    await page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-a11y-flattened]')) {
        const [image, color] = el.dataset.a11yFlattened!.split('|');
        el.style.backgroundImage = image!;
        el.style.backgroundColor = color!;
        delete el.dataset.a11yFlattened;
      }
    });
  };
}

/**
 * Scan the page as it is now, or only the part `within` selects. Waits for transitions first: a dialog halfway
 * through its fade-in has contrast it will not keep.
 */
async function expectAccessible(page: Page, screen: string, within?: string): Promise<void> {
  // Time-based ones only: scroll-driven animations (MUI X's scroll shadows) run for as long as the element exists.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.timeline !== document.timeline));
  const restore = await flattenUniformGradients(page);
  // Legacy mode runs axe in the page itself. The default opens a blank page for every scan to merge the results of
  // cross-origin frames, which the console (one same-origin document, no frames) does not have; it tripled the time.
  const builder = new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .setLegacyMode()
    .options({ resultTypes: ['violations'] });
  if (within) builder.include(within);
  const { violations } = await builder.analyze().finally(restore);
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  expect.soft(blocking.length, `${screen}: ${blocking.length} serious or critical accessibility violations\n${blocking.map(describe).join('\n')}`).toBe(0);
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });

/** From the Key Depository (its one grid, whatever the language names it) to the key store's Key Management. */
async function openKeyStore(page: Page, name: string): Promise<void> {
  await page.getByRole('grid').getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('grid')).toBeVisible();
}

/** Open a dialog with `button`, scan it (and do `more` in it), and close it again with Escape. */
async function scanDialog(page: Page, button: Locator, dialogName: string, context = '', more?: (dialog: Locator) => Promise<void>): Promise<void> {
  await button.click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expect(dialog).toBeVisible();
  // The dialog alone: the screen behind it has its own scan, and MUI hides it from assistive technology meanwhile.
  await expectAccessible(page, `${dialogName} dialog${context}`, '[role="dialog"]');
  await more?.(dialog);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

type KeyStore = Awaited<ReturnType<typeof invoke<'keystores.create'>>>;

/** A key store with every authentication method, keys of each type (one Scheduled to be Deleted) and entries. */
async function seedKeyStore(page: Page, name: string): Promise<{ store: KeyStore; symmetric: string; asymmetric: string; retired: string }> {
  const store = await invoke(page, 'keystores.create', {
    name,
    description: 'Keys of the payment workers',
    authMethods: ['ipv4', 'mac', 'certificate'],
    authMode: 'all',
  });
  const keyStoreId = store.id;
  await invoke(page, 'keys.create', { type: 'confidential', keyStoreId, name: 'db-password', description: 'Primary database', data: 'not a real password' });
  const symmetric = await invoke(page, 'keys.create', {
    type: 'symmetric',
    keyStoreId,
    name: 'token-key',
    description: 'Session tokens',
    rotationCycleDays: 90,
  });
  const asymmetric = await invoke(page, 'keys.create', { type: 'asymmetric', keyStoreId, name: 'release-signing', description: '', algorithm: 'ECDSA-P256' });
  const retired = await invoke(page, 'keys.create', { type: 'symmetric', keyStoreId, name: 'retired-key', description: '' });
  await invoke(page, 'keys.requestDeletion', { keyId: retired.id });
  const hex = Array.from({ length: 32 }, (_, i) => `0x${i.toString(16).padStart(2, '0')}`).join(', ');
  await invoke(page, 'keys.import', { keyStoreId, name: 'legacy-hsm-key', description: '', keyData: hex });
  return { store, symmetric: symmetric.name, asymmetric: asymmetric.name, retired: retired.name };
}

async function seedAuthEntries(page: Page, keyStoreId: string): Promise<void> {
  await invoke(page, 'auth.addIpv4', { keyStoreId, address: '192.168.10.5', description: 'Payments worker' });
  await invoke(page, 'auth.addIpv4', { keyStoreId, address: '10.1.2.0/24', description: 'Batch subnet' });
  await invoke(page, 'auth.addMac', { keyStoreId, address: 'aa:bb:cc:dd:ee:ff', description: 'Payments worker NIC' });
  const today = new Date().toISOString().slice(0, 10);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  await invoke(page, 'auth.addCertificate', {
    keyStoreId,
    name: 'app-client',
    description: 'The payments worker',
    password: 'a long certificate password',
    confirmPassword: 'a long certificate password',
    validFrom: today,
    validTo: nextYear.endsWith('02-29') ? nextYear.replace('02-29', '02-28') : nextYear,
  });
}

test('a11y: Key Depository, a key store with its keys and dialogs, Detail Key Information', async ({ page, host }) => {
  test.setTimeout(120_000);
  await createVault(page, host);
  const { symmetric, asymmetric, retired } = await seedKeyStore(page, 'Payments');
  await page.reload();
  await expect(page.getByRole('grid', { name: 'Key stores' }).getByRole('button', { name: 'Payments', exact: true })).toBeVisible();
  await expectAccessible(page, 'Key Depository');
  await scanDialog(page, page.getByRole('button', { name: 'Add Key Store' }).first(), 'Add Key Store');

  await openKeyStore(page, 'Payments');
  await expectAccessible(page, 'Key Management');
  await scanDialog(page, page.getByRole('button', { name: 'Add Key', exact: true }).first(), 'Add Key');
  await scanDialog(page, page.getByRole('button', { name: 'Import Key' }).first(), 'Import Key');
  await scanDialog(page, page.getByRole('button', { name: `Request for Deletion ${symmetric}` }), 'Request for Deletion');
  // Popups: a filter's options and the grid's Columns panel.
  await page.getByRole('combobox', { name: 'Type' }).click();
  await expect(page.getByRole('listbox')).toBeVisible();
  await expectAccessible(page, 'Type filter options', '[role="listbox"]');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
  await page.getByRole('button', { name: 'Columns' }).click();
  await expect(page.getByRole('checkbox', { name: 'Key Id' })).toBeVisible();
  await expectAccessible(page, 'Columns panel');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('checkbox', { name: 'Key Id' })).toBeHidden();
  // A selection: the bulk actions appear and the page's header checkbox is half-ticked.
  await page.getByRole('checkbox', { name: `Select ${symmetric}` }).click();
  await expect(page.getByText('1 selected')).toBeVisible();
  await expectAccessible(page, 'Key Management (one key selected)');

  for (const name of [symmetric, asymmetric]) {
    await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Detail Key Information' })).toBeVisible();
    await expectAccessible(page, `Detail Key Information (${name})`);
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('button', { name: 'Payments' }).click();
    await expect(page.getByRole('grid', { name: 'Keys' })).toBeVisible();
  }
  await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name: retired, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Detail Key Information' })).toBeVisible();
  await expectAccessible(page, 'Detail Key Information (Scheduled to be Deleted)');
  await scanDialog(page, page.getByRole('button', { name: 'Immediately Delete' }), 'Immediately Delete');
});

test('a11y: IPv4, MAC and Certificate Management with entries, their Add dialogs, Key Store Details, Unlock', async ({ page, host }) => {
  test.setTimeout(120_000);
  await createVault(page, host);
  const { store } = await seedKeyStore(page, 'Payments');
  await seedAuthEntries(page, store.id);
  await page.reload();
  await openKeyStore(page, 'Payments');
  const tab = (name: string) => page.getByRole('tablist', { name: 'Key store menu' }).getByRole('tab', { name });

  await tab('IPv4 Address Management').click();
  await expect(page.getByRole('grid', { name: 'IPv4 Address Management' })).toContainText('192.168.10.5');
  await expectAccessible(page, 'IPv4 Address Management');
  await scanDialog(page, page.getByRole('button', { name: 'Add IPv4 Address' }).first(), 'Add IPv4 Address');

  await tab('MAC Address Management').click();
  await expect(page.getByRole('grid', { name: 'MAC Address Management' })).toContainText('aa:bb:cc:dd:ee:ff');
  await expectAccessible(page, 'MAC Address Management');
  await scanDialog(page, page.getByRole('button', { name: 'Add MAC Address' }).first(), 'Add MAC Address');

  await tab('Certificate Management').click();
  await expect(page.getByRole('grid', { name: 'Certificate Management' })).toContainText('app-client');
  await expectAccessible(page, 'Certificate Management');
  await scanDialog(page, page.getByRole('button', { name: 'Add Certificates' }).first(), 'Add Certificates', '', async (dialog) => {
    // Every field's error at once (issue 12, item 7): red words and aria-invalid fields must hold up too.
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(dialog.getByText('Enter a name.')).toBeVisible();
    await expectAccessible(page, 'Add Certificates dialog (errors)', '[role="dialog"]');
  });

  await tab('Key Store Details').click();
  await expect(page.getByText('Authentication methods')).toBeVisible();
  await expectAccessible(page, 'Key Store Details');

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await expectAccessible(page, 'Unlock');
});

test('a11y: Settings (every panel) with Export backup, Audit Log, Ceremonies, then Key Store Management and Approval List', async ({ page, host }) => {
  test.setTimeout(120_000);
  await createVault(page, host);
  const { store } = await seedKeyStore(page, 'Payments');
  const me = await invoke(page, 'members.me', undefined);
  await invoke(page, 'members.updateRoles', { memberId: me.id, role: 'ADMIN', approvalRoles: ['APPROVAL_ADMIN'] });
  const officer = 'officer passphrase 1234';
  await invoke(page, 'members.add', {
    username: 'officer',
    passphrase: officer,
    confirmPassphrase: officer,
    role: 'MEMBER',
    approvalRoles: ['APPROVAL_ADMIN'],
  });
  await invoke(page, 'members.add', { username: 'auditor', passphrase: officer, confirmPassphrase: officer, role: 'VIEWER', approvalRoles: [] });
  await invoke(page, 'ceremony.start', { title: 'Payments master key', officers: ['Alice Officer', 'Bob Witness'] });
  await invoke(page, 'ceremony.end', undefined);
  await page.reload();

  await nav(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByText('auditor')).toBeVisible();
  await expectAccessible(page, 'Settings');
  await scanDialog(page, page.getByRole('button', { name: 'Export backup' }), 'Export backup');
  // Split into shares, and the dialog that shows them once.
  await page.getByRole('button', { name: 'Export backup' }).click();
  const exporting = page.getByRole('dialog', { name: 'Export backup' });
  await exporting.getByRole('radio', { name: 'Split the backup key into shares' }).check();
  await expectAccessible(page, 'Export backup dialog (shares)', '[role="dialog"]');
  await Promise.all([page.waitForEvent('download'), exporting.getByRole('button', { name: 'Export backup' }).click()]);
  const shares = page.getByRole('dialog', { name: 'Backup shares' });
  await expect(shares).toBeVisible();
  await expectAccessible(page, 'Backup shares dialog', '[role="dialog"]');
  await shares.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('dialog', { name: 'Close the shares?' }).getByRole('button', { name: 'Close shares' }).click();
  await expect(shares).toBeHidden();

  await nav(page, 'Audit Log').click();
  await expect(page.getByRole('table', { name: 'Audit records' })).toContainText('Add Key');
  await expectAccessible(page, 'Audit Log');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await expectAccessible(page, 'Audit Log export menu', '[role="menu"]');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();

  await nav(page, 'Ceremonies').click();
  await expect(page.getByRole('table', { name: 'Ceremonies' })).toContainText('Payments master key');
  await expectAccessible(page, 'Ceremonies');
  await scanDialog(page, page.getByRole('button', { name: 'Start ceremony' }), 'Start ceremony');
  await page.getByRole('button', { name: 'Open the record of Payments master key' }).click();
  await expect(page.getByRole('heading', { name: 'Payments master key' })).toBeVisible();
  await expectAccessible(page, 'Ceremony record');
  // A ceremony in progress: its banner shows above the screens below, until End ceremony at the end.
  await invoke(page, 'ceremony.start', { title: 'Quarterly rotation', officers: ['Alice Officer'] });

  // The Approval Feature on, with one change waiting in Key Store Management and one request in the Approval List.
  await invoke(page, 'governance.update', { approvalFeature: true });
  await invoke(page, 'staging.stage', {
    keyStoreId: store.id,
    channel: 'keys.create',
    input: { type: 'symmetric', keyStoreId: store.id, name: 'q3-key', description: '' },
  });
  await invoke(page, 'approvals.request', { keyStoreId: store.id, comment: 'New key for the Q3 release' });
  await invoke(page, 'staging.stage', {
    keyStoreId: store.id,
    channel: 'keys.create',
    input: { type: 'symmetric', keyStoreId: store.id, name: 'q4-key', description: '' },
  });
  await page.reload();
  await expect(page.getByRole('status', { name: 'Ceremony in progress' })).toBeVisible();

  await nav(page, 'Key Store Management').click();
  await expect(page.getByRole('heading', { name: 'Key Store Management' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Pending changes' })).toContainText('q4-key');
  await expectAccessible(page, 'Key Store Management');

  await nav(page, 'Approval List').click();
  const requests = page.getByRole('table', { name: 'Approval requests' });
  await expect(requests).toContainText('Payments');
  await expectAccessible(page, 'Approval List');
  await requests
    .getByRole('button', { name: /^Details/ })
    .first()
    .click();
  const detail = page.getByRole('dialog', { name: /^Approval request/ });
  await expect(detail).toBeVisible();
  await expectAccessible(page, 'Approval request dialog', '[role="dialog"]');
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toBeHidden();
  const banner = page.getByRole('status', { name: 'Ceremony in progress' });
  await scanDialog(page, banner.getByRole('button', { name: 'End ceremony' }), 'End ceremony');
});

test('a11y: Create vault and Restore from backup; dark mode and Korean: the key list, Add Key, Detail Key Information, Unlock', async ({ page, host }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Create vault' })).toBeVisible();
  await expectAccessible(page, 'Create vault');
  await scanDialog(page, page.getByRole('button', { name: 'Restore from backup' }), 'Restore from backup');
  await createVault(page, host);
  const { symmetric } = await seedKeyStore(page, 'Payments');

  await invoke(page, 'preferences.update', { theme: 'dark' });
  await page.reload();
  await openKeyStore(page, 'Payments');
  // The theme did apply: the page background is dark.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
  expect(r! + g! + b!, `body background ${background}`).toBeLessThan(150);
  await expectAccessible(page, 'Key Management (dark)');
  await scanDialog(page, page.getByRole('button', { name: 'Add Key', exact: true }).first(), 'Add Key', ' (dark)');
  await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name: symmetric, exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Detail Key Information' })).toBeVisible();
  await expectAccessible(page, 'Detail Key Information (dark)');

  await invoke(page, 'preferences.update', { theme: 'light', language: 'ko' });
  await page.reload();
  await expect(page.getByRole('heading', { name: '키 보관소' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await openKeyStore(page, 'Payments');
  await expectAccessible(page, 'Key Management (Korean)');
  await scanDialog(page, page.getByRole('button', { name: '키 추가', exact: true }).first(), '키 추가', ' (Korean)');

  await invoke(page, 'preferences.update', { theme: 'dark' });
  await page.reload();
  await openKeyStore(page, 'Payments');
  await expectAccessible(page, 'Key Management (Korean, dark)');

  // The Unlock screen follows the preferences too.
  await page.getByRole('button', { name: '잠금', exact: true }).click();
  await expect(page.getByRole('heading', { name: '잠금 해제' })).toBeVisible();
  await expectAccessible(page, 'Unlock (Korean, dark)');
});
