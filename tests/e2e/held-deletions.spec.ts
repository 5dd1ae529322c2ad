import { KeyManager } from '../../main/core/key-manager';
import { PASSPHRASE, USERNAME, expect, test, unlock } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A vault whose scheduler last looked at the clock eight days ago, with a key whose deletion fell due yesterday:
 * to the app that is a forward clock jump (or a week closed), so the deletion is held for an administrator.
 */
async function vaultLastSeenEightDaysAgo(dataDir: string): Promise<void> {
  let now = Date.now() - 8 * DAY;
  const km = new KeyManager({ dataDir, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 }, clock: { now: () => new Date(now) } });
  await km.createVault({ username: USERNAME, passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  const store = await km.createKeyStore({ name: 'Payments', description: '', authMethods: ['ipv4'] });
  const key = await km.keys().create({ type: 'confidential', keyStoreId: store.id, name: 'Old token', description: '', data: 'old-token-value' });
  await km.keys().requestDeletion(key.id);
  now += 0.5 * 60 * 1000;
  await km.applyDue();
  km.lock();
}

test('deletions that fell due across a clock jump are held, shown in a banner, and applied only when confirmed', async ({ page, host }) => {
  await host.stop();
  await vaultLastSeenEightDaysAgo(host.dataDir);
  await host.start();
  await page.goto(host.url);
  await unlock(page);
  const banner = page.getByRole('status').filter({ hasText: 'The clock moved forward by more than a day' });
  await expect(banner).toContainText('1 Scheduled to be Deleted item fell due in that gap and is held');
  await page.getByRole('button', { name: 'Payments' }).click();
  await expect(page.getByRole('grid', { name: 'Keys' }).getByRole('row', { name: /Old token/ })).toContainText('Scheduled to be Deleted');
  await page.screenshot({ path: 'test-results/screens/held-deletions.png' });

  await banner.getByRole('button', { name: 'Apply held deletions' }).click();
  const dialog = page.getByRole('dialog', { name: 'Apply held deletions' });
  await dialog.getByRole('button', { name: 'Delete now' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByRole('grid', { name: 'Keys' }).getByRole('row', { name: /Old token/ })).toHaveCount(0);
});
