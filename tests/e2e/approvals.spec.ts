import type { Locator, Page } from '@playwright/test';
import { addKeyStore, createVault, expect, test } from './fixtures';

const REQUESTER = { username: 'requester', passphrase: 'requester passphrase 1' };
const APPROVER = { username: 'approver', passphrase: 'approver passphrase 22' };

/** A contract call as the signed-in member, straight through window.skm (what main answers, whatever the UI shows). */
async function invoke(page: Page, channel: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(([c, i]) => (window as unknown as { skm: { invoke(c: string, i: unknown): Promise<never> } }).skm.invoke(c as string, i), [
    channel,
    input,
  ] as const);
}

async function signInAs(page: Page, who: { username: string; passphrase: string }) {
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock' })).toBeVisible();
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel(/^Passphrase/).fill(who.passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
}

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });

async function addKey(page: Page, name: string) {
  await page.getByRole('button', { name: 'Add Key', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add Key' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

async function requestApproval(page: Page, comment: string) {
  await page.getByRole('button', { name: 'Request Approval' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request Approval' });
  await dialog.getByLabel('Comment').fill(comment);
  await dialog.getByRole('button', { name: 'Request Approval' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Request sent with/)).toBeVisible();
}

/** The newest request whose row matches (the list is newest first), opened in its detail dialog. */
async function openRequest(page: Page, row: RegExp): Promise<Locator> {
  await nav(page, 'Approval List').click();
  await page.getByRole('table', { name: 'Approval requests' }).getByRole('row', { name: row }).first().getByRole('button', { name: 'Details' }).click();
  return page.getByRole('dialog', { name: /^Approval request/ });
}

async function keysOfPayments(page: Page): Promise<Locator> {
  await nav(page, 'Key Depository').click();
  await page.getByRole('button', { name: 'Payments' }).click();
  const table = page.getByRole('grid', { name: 'Keys' });
  await expect(table).toBeVisible();
  return table;
}

test('approval feature: staged changes apply only when another member approves; denial and co-signing', async ({ page, host }) => {
  test.setTimeout(180_000);
  // The ADMIN sets the scene before the feature is on: a key store with a key, two members with approval roles.
  await createVault(page, host);
  await addKeyStore(page, 'Payments');
  await page.getByRole('button', { name: 'Payments' }).click();
  await addKey(page, 'Old key');
  for (const [who, approvalRoles] of [
    [REQUESTER, ['APPROVAL_MEMBER']],
    [APPROVER, ['APPROVAL_ADMIN']],
  ] as const) {
    const added = await invoke(page, 'members.add', { ...who, confirmPassphrase: who.passphrase, role: 'MEMBER', approvalRoles });
    expect(added.ok, JSON.stringify(added.error)).toBe(true);
  }
  expect((await invoke(page, 'governance.update', { approvalFeature: true })).ok).toBe(true);

  // The requester stages an Add Key and a Request for Deletion, and requests approval.
  await signInAs(page, REQUESTER);
  await nav(page, 'Key Store Management').click();
  await expect(page.getByRole('heading', { name: 'Key Store Management' })).toBeVisible();
  await expect(page.getByText('No pending changes for the key store "Payments"')).toBeVisible();
  await addKey(page, 'New key');
  const keys = page.getByRole('table', { name: 'Keys' });
  await expect(keys.getByRole('row', { name: /New key/ })).toContainText('Added');
  await keys
    .getByRole('row', { name: /Old key/ })
    .getByRole('button', { name: 'Request for Deletion' })
    .click();
  await page.getByRole('dialog', { name: 'Request for Deletion' }).getByRole('button', { name: 'Request for Deletion' }).click();
  await expect(keys.getByRole('row', { name: /Old key/ })).toContainText('Request for Deletion');
  await expect(keys.getByRole('row', { name: /Old key/ })).toContainText('In Service');
  await expect(page.getByRole('table', { name: 'Pending changes' }).getByRole('row')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/screens/key-store-management.png', fullPage: true });
  await requestApproval(page, 'New key for the Q3 release; retire the old one');

  // The requester cannot approve their own request: no Approve button, and main refuses.
  let detail = await openRequest(page, /Payments.*Pending/);
  await expect(detail.getByRole('table', { name: 'Changes' })).toContainText('New key');
  await expect(detail.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await expect(detail.getByRole('button', { name: 'Withdraw' })).toBeVisible();
  const [mine] = ((await invoke(page, 'approvals.list')).value as Array<{ id: string }>) ?? [];
  expect((await invoke(page, 'approvals.approve', { requestId: mine!.id })).error?.code).toBe('FORBIDDEN');
  expect((await invoke(page, 'approvals.coSign', { requestId: mine!.id, coSigner: REQUESTER })).error?.code).toBe('SELF_APPROVAL');
  await detail.getByRole('button', { name: 'Close' }).click();

  // The approver approves: the new key is In Service, the other Scheduled to be Deleted, in the Key Depository.
  await signInAs(page, APPROVER);
  detail = await openRequest(page, /requester.*Payments.*Pending/);
  await expect(detail.getByRole('table', { name: 'History' })).toContainText('Requested approval');
  await detail.getByRole('button', { name: 'Approve', exact: true }).click();
  const approve = page.getByRole('dialog', { name: 'Approve' });
  await approve.getByRole('button', { name: 'Approve' }).click();
  await expect(approve).toBeHidden({ timeout: 30_000 });
  await expect(detail.getByText('Approved', { exact: true }).first()).toBeVisible();
  await expect(detail.getByRole('table', { name: 'History' })).toContainText('Applied: 2 changes in one write.');
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('table', { name: 'Approval requests' }).getByRole('row', { name: /Payments/ })).toContainText('approver');
  let depository = await keysOfPayments(page);
  await expect(depository.getByRole('row', { name: /New key/ })).toContainText('In Service');
  await expect(depository.getByRole('row', { name: /Old key/ })).toContainText('Scheduled to be Deleted');

  // Two more requests: one to deny, one approved by a co-signing officer at the requester's desk.
  await signInAs(page, REQUESTER);
  await nav(page, 'Key Store Management').click();
  await addKey(page, 'Rejected key');
  await requestApproval(page, 'To be denied');
  await addKey(page, 'Co-signed key');
  await requestApproval(page, 'Co-signed at the desk');
  detail = await openRequest(page, /Payments.*Pending/);
  await expect(detail.getByRole('table', { name: 'Changes' })).toContainText('Co-signed key');
  await expect(detail.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await detail.getByRole('button', { name: 'Co-sign' }).click();
  const coSign = page.getByRole('dialog', { name: 'Approve with a co-signing officer' });
  await coSign.getByLabel('Username').fill(REQUESTER.username);
  await coSign.getByLabel(/^Passphrase/).fill(REQUESTER.passphrase);
  await coSign.getByRole('button', { name: 'Approve' }).click();
  await expect(coSign.getByText('The requester cannot approve their own request')).toBeVisible();
  await coSign.getByLabel('Username').fill(APPROVER.username);
  await coSign.getByLabel(/^Passphrase/).fill('not the passphrase');
  await coSign.getByRole('button', { name: 'Approve' }).click();
  await expect(coSign.getByRole('alert')).toBeVisible();
  await coSign.getByLabel(/^Passphrase/).fill(APPROVER.passphrase);
  await coSign.getByRole('button', { name: 'Approve' }).click();
  await expect(coSign).toBeHidden({ timeout: 30_000 });
  await expect(detail.getByRole('table', { name: 'History' })).toContainText('co-signed at this workstation by approver');
  await detail.getByRole('button', { name: 'Close' }).click();

  // The approver denies the other request with a reason; nothing changes.
  await signInAs(page, APPROVER);
  detail = await openRequest(page, /Payments.*Pending/);
  await expect(detail.getByRole('table', { name: 'Changes' })).toContainText('Rejected key');
  await detail.getByRole('button', { name: 'Deny' }).click();
  const deny = page.getByRole('dialog', { name: 'Deny' });
  await deny.getByRole('button', { name: 'Deny' }).click();
  await expect(deny.getByText('Enter the reason for the denial.')).toBeVisible();
  await deny.getByLabel(/^Reason/).fill('Not needed this quarter');
  await deny.getByRole('button', { name: 'Deny' }).click();
  await expect(deny).toBeHidden();
  await expect(detail.getByText('Denied by approver: Not needed this quarter')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/approval-request.png' });
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(detail).toBeHidden();
  await page.screenshot({ path: 'test-results/screens/approval-list.png', fullPage: true });
  depository = await keysOfPayments(page);
  await expect(depository.getByRole('row', { name: /Co-signed key/ })).toContainText('In Service');
  await expect(depository.getByRole('row', { name: /Rejected key/ })).toHaveCount(0);
  await expect(depository.getByRole('row', { name: /New key/ })).toContainText('In Service');
});
