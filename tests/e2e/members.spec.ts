import type { Locator, Page } from '@playwright/test';
import { PASSPHRASE, addKeyStore, createVault, expect, test, unlock } from './fixtures';

const MEMBER_PASSPHRASE = 'another long passphrase 42';
const APPROVAL_ON = 'With the Approval Feature on, changes go through Key Store Management.';

async function addMember(page: Page, username: string, role: 'ADMIN' | 'MEMBER' | 'VIEWER', approvalRoles: string[]) {
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Member' });
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel(/^Passphrase/).fill(MEMBER_PASSPHRASE);
  await dialog.getByLabel(/^Confirm passphrase/).fill(MEMBER_PASSPHRASE);
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: role, exact: true }).click();
  for (const r of approvalRoles) await dialog.getByRole('checkbox', { name: r }).check();
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Members' }).getByRole('row', { name: new RegExp(`^${username}`) })).toBeVisible();
}

async function switchMember(page: Page, username: string, passphrase: string) {
  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page, passphrase, username);
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toBeVisible();
}

async function expectDisabledWithReason(button: Locator) {
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription(APPROVAL_ON);
}

test('an ADMIN manages members; a VIEWER sees no change or use; the Approval Feature disables changes on key store pages', async ({ page, host }) => {
  test.setTimeout(120_000); // four key derivations (create, three unlocks)
  await createVault(page, host);
  await addKeyStore(page, 'Payments');
  await page.getByRole('button', { name: 'Payments' }).click();
  await page.getByRole('button', { name: 'Add Key' }).first().click();
  const keyDialog = page.getByRole('dialog', { name: 'Add Key' });
  await keyDialog.getByLabel('Key type').click();
  await page.getByRole('option', { name: 'Confidential Data', exact: true }).click();
  await keyDialog.getByLabel('Name').fill('DB password');
  await keyDialog.getByLabel(/^Data/).fill('s3cret-value');
  await keyDialog.getByRole('button', { name: 'Add' }).click();
  await expect(keyDialog).toBeHidden();

  // Settings: the signed-in member's roles; Member Management explains a one-member vault.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByText('Your roles')).toBeVisible();
  await expect(page.getByText('Manages members and the Governance Setting')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Member Management' })).toBeVisible();
  await expect(page.getByText('You are the only member.')).toBeVisible();

  // One requester is not enough for the Approval Feature: refused with words, and the switch stays off.
  await addMember(page, 'requester', 'MEMBER', ['APPROVAL MEMBER']);
  const governance = page.getByRole('form', { name: 'Governance Setting' });
  await governance.getByRole('switch', { name: 'Approval Feature' }).check();
  await governance.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/needs at least two members with an approval role, at least one of them APPROVAL ADMIN/)).toBeVisible();
  await expect(governance.getByRole('switch', { name: 'Approval Feature' })).not.toBeChecked();

  await addMember(page, 'approver', 'MEMBER', ['APPROVAL ADMIN']);
  await addMember(page, 'viewer', 'VIEWER', []);
  // A username taken (any letter case) is refused under its field.
  await page.getByRole('button', { name: 'Add Member' }).click();
  const dup = page.getByRole('dialog', { name: 'Add Member' });
  await dup.getByLabel('Username').fill('Viewer');
  await dup.getByLabel(/^Passphrase/).fill(MEMBER_PASSPHRASE);
  await dup.getByLabel(/^Confirm passphrase/).fill(MEMBER_PASSPHRASE);
  await dup.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dup.getByText(/already exists/)).toBeVisible();
  await dup.getByRole('button', { name: 'Cancel' }).click();

  // The last ADMIN cannot be demoted.
  await page.getByRole('button', { name: 'Change roles of admin' }).click();
  const roles = page.getByRole('dialog', { name: 'Change roles of admin' });
  await roles.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'MEMBER', exact: true }).click();
  await roles.getByRole('button', { name: 'Save' }).click();
  await expect(roles.getByText('admin is the last ADMIN: a vault needs at least one ADMIN to manage members.', { exact: false })).toBeVisible();
  await expect(roles).toBeVisible();
  await roles.getByRole('button', { name: 'Cancel' }).click();

  const members = page.getByRole('table', { name: 'Members' });
  await expect(members.getByRole('row', { name: /^approver/ })).toContainText('APPROVAL ADMIN');
  await expect(members.getByRole('row', { name: /^requester/ })).toContainText('APPROVAL MEMBER');
  await expect(members.getByRole('row', { name: /^viewer/ })).toContainText('VIEWER');
  await expect(page.getByText('You are the only member.')).toHaveCount(0);
  await page.getByRole('region', { name: 'Member Management' }).screenshot({ path: 'test-results/screens/member-management.png' });

  // The VIEWER sees metadata only: no Add Key Store, Add Key, Edit, Reveal; no Member Management.
  await switchMember(page, 'viewer', MEMBER_PASSPHRASE);
  await expect(page.getByRole('button', { name: 'Add Key Store' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Payments' }).click();
  await expect(page.getByRole('grid', { name: 'Keys' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add Key' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import Key' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit Key Store' })).toHaveCount(0);
  await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name: 'DB password' }).click();
  await expect(page.getByRole('heading', { name: 'Detail Key Information' })).toBeVisible();
  await expect(page.getByText('Your role (VIEWER) cannot use keys')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reveal' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Request for Deletion' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByText('Sees key stores, keys and authentication information (metadata only)')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Member Management' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Governance Setting' })).toHaveCount(0);

  // Back as the ADMIN: two approval members, one APPROVAL ADMIN, so the Approval Feature turns on.
  await switchMember(page, 'admin', PASSPHRASE);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByText('Now 2 members hold an approval role, and 1 is APPROVAL ADMIN.')).toBeVisible();
  await governance.getByRole('switch', { name: 'Approval Feature' }).check();
  await governance.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('The Approval Feature is on.')).toBeVisible();
  await expect(governance.getByRole('switch', { name: 'Approval Feature' })).toBeChecked();
  await page.getByRole('region', { name: 'Governance Setting' }).screenshot({ path: 'test-results/screens/governance.png' });

  // Key store pages: change buttons disabled and saying why; using keys still works.
  await page.getByRole('button', { name: 'Key Depository' }).click();
  await expectDisabledWithReason(page.getByRole('button', { name: 'Add Key Store' }));
  await page.getByRole('button', { name: 'Add Key Store' }).locator('..').hover();
  await expect(page.getByRole('tooltip')).toHaveText(APPROVAL_ON);
  await page.getByRole('button', { name: 'Payments' }).click();
  await expectDisabledWithReason(page.getByRole('button', { name: 'Add Key' }));
  await expectDisabledWithReason(page.getByRole('button', { name: 'Import Key' }));
  await expectDisabledWithReason(page.getByRole('button', { name: 'Edit Key Store' }));
  await page.getByRole('grid', { name: 'Keys' }).getByRole('button', { name: 'DB password' }).click();
  await expectDisabledWithReason(page.getByRole('button', { name: 'Edit', exact: true }));
  await expectDisabledWithReason(page.getByRole('button', { name: 'Request for Deletion' }));
  await page.getByRole('button', { name: 'Reveal', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Data' })).toHaveText('s3cret-value');
  await page.screenshot({ path: 'test-results/screens/approval-feature-key-page.png' });
});

test('an ADMIN removes a member after typing the username; the removed passphrase no longer unlocks', async ({ page, host }) => {
  await createVault(page, host);
  await page.getByRole('button', { name: 'Settings' }).click();
  await addMember(page, 'leaver', 'MEMBER', []);
  await page.getByRole('button', { name: 'Remove leaver' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove leaver' });
  await expect(confirm).toContainText('re-keys the vault');
  await expect(confirm.getByRole('button', { name: 'Remove member' })).toBeDisabled();
  await confirm.getByLabel('Type the name to confirm').fill('leaver');
  await confirm.getByRole('button', { name: 'Remove member' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('leaver was removed, and the vault was re-keyed.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Members' }).getByRole('row', { name: /^leaver/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page, MEMBER_PASSPHRASE, 'leaver');
  await expect(page.getByRole('heading', { name: 'Key Depository' })).toHaveCount(0);
  await expect(page.getByText('Wrong username or passphrase.')).toBeVisible();
});
