import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/channel-names';
import { channels, contract } from '../../shared/contract';
import { PASSPHRASE, allFileText, caller, newManager, unlockedManager } from './helpers';

/** Inputs that no channel accepts (void channels take only `undefined`). */
const malformed: unknown[] = [null, 42, 'text', [], { __proto__: null, unexpected: true }];

describe('contract', () => {
  it('lists the same channels in channel-names.ts (used by the preload) and contract.ts', () => {
    expect([...channelNames].sort()).toEqual([...channels].sort());
  });

  it.each(channels)('%s rejects malformed input with VALIDATION_FAILED before doing anything', async (channel) => {
    const { dispatch, km } = await unlockedManager();
    // Permissions are checked before the input: a member holding every role reaches the parse on every channel.
    await caller(dispatch)('members.updateRoles', { memberId: km.currentMember().id, role: 'ADMIN', approvalRoles: ['APPROVAL_ADMIN', 'APPROVAL_MEMBER'] });
    const inputs = contract[channel].input.safeParse(undefined).success ? [null, 42, 'text', [1]] : malformed;
    for (const input of inputs) {
      const result = await dispatch(channel, input);
      expect(result, `${channel} with ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      // In the app's words, not zod's ("Invalid input: expected object, received number").
      if (!result.ok) expect(result.error.message).not.toMatch(/^(Invalid|Expected|Unrecognized|Required|Too small|Too big)/);
    }
  });

  it('treats a field sent as undefined as not sent, as the HTTP bridge does (Electron IPC keeps such fields)', async () => {
    const { dispatch, km } = await unlockedManager();
    const call = caller(dispatch);
    const store = await call('keystores.create', { name: 'Payments', description: 'Card keys', authMethods: ['ipv4'] });
    // Merged as they came, these would write undefined over the name, and the vault would not open again.
    expect(await call('keystores.update', { id: store.id, name: undefined, description: undefined, authMethods: undefined })).toMatchObject({
      name: 'Payments',
      description: 'Card keys',
      authMethods: ['ipv4'],
    });
    const key = await call('keys.create', { type: 'symmetric', keyStoreId: store.id, name: 'k', description: 'd' });
    expect(await call('keys.update', { keyId: key.id, description: undefined, rotationCycleDays: undefined })).toMatchObject({
      description: 'd',
      rotationCycleDays: 0,
    });
    expect(await call('settings.update', { autoLockMinutes: undefined })).toEqual({ autoLockMinutes: 5 });
    await km.lock();
    expect(await dispatch('vault.unlock', { username: 'admin', passphrase: PASSPHRASE })).toMatchObject({ ok: true });
    expect(await call('keystores.get', { id: store.id })).toMatchObject({ name: 'Payments', description: 'Card keys' });
  });

  it('refuses a channel that is not in the contract', async () => {
    const { dispatch } = await newManager();
    expect(await dispatch('fs.readFile', '/etc/passwd')).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown request.' } });
    expect(await dispatch('__proto__', undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('answers calls that need the vault with VAULT_LOCKED while it is locked', async () => {
    const { dispatch, km } = await unlockedManager();
    await km.lock();
    expect(await dispatch('keystores.list', undefined)).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});

describe('key stores through the contract', () => {
  it('creates, lists, gets and edits a key store with a 32-hex id', async () => {
    const { dispatch } = await unlockedManager();
    const created = await dispatch('keystores.create', { name: '  Payments ', description: 'd', authMethods: ['certificate', 'ipv4'] });
    expect(created).toMatchObject({ ok: true, value: { name: 'Payments', authMethods: ['ipv4', 'certificate'], keyCount: 0 } });
    const id = (created as { value: { id: string } }).value.id;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await dispatch('keystores.list', undefined)).toMatchObject({ ok: true, value: [{ id }] });
    expect(await dispatch('keystores.update', { id, name: 'Payments EU', authMethods: ['mac'] })).toMatchObject({
      ok: true,
      value: { name: 'Payments EU', description: 'd', authMethods: ['mac'] },
    });
    expect(await dispatch('keystores.get', { id })).toMatchObject({ ok: true, value: { name: 'Payments EU' } });
  });

  it.each([
    [{ name: '', authMethods: ['ipv4'] }, 'Enter a name.', 'name'],
    [{ name: 'x'.repeat(101), authMethods: ['ipv4'] }, 'Names are at most 100 characters.', 'name'],
    [{ name: 'B', authMethods: [] }, 'Choose at least one authentication method.', 'authMethods'],
    [{ name: 'B', authMethods: ['ssh'] }, undefined, 'authMethods.0'],
  ])('refuses %j with a message and changes nothing', async (input, message, field) => {
    const { dispatch, km } = await unlockedManager();
    const result = await dispatch('keystores.create', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', field, ...(message ? { message } : {}) } });
    expect(km.listKeyStores()).toEqual([]);
  });

  it('refuses a duplicate name in any letter case, also when renaming', async () => {
    const { dispatch, km } = await unlockedManager();
    await dispatch('keystores.create', { name: 'Alpha', authMethods: ['ipv4'] });
    const beta = (await dispatch('keystores.create', { name: 'Beta', authMethods: ['ipv4'] })) as { value: { id: string } };
    expect(await dispatch('keystores.create', { name: 'ALPHA', authMethods: ['ipv4'] })).toMatchObject({
      ok: false,
      error: { code: 'KEY_STORE_NAME_TAKEN', field: 'name' },
    });
    expect(await dispatch('keystores.update', { id: beta.value.id, name: 'alpha' })).toMatchObject({ ok: false, error: { code: 'KEY_STORE_NAME_TAKEN' } });
    expect(km.listKeyStores().map((k) => k.name)).toEqual(['Alpha', 'Beta']);
  });
});

describe('accounts and secrets', () => {
  it('never logs, returns or stores the passphrase in plain text, even on failure', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const { dispatch, dir, km } = await newManager();
    const results = [
      await dispatch('vault.create', { username: 'admin', passphrase: 'short', confirmPassphrase: 'short' }),
      await dispatch('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: `${PASSPHRASE}x` }),
      await dispatch('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE }),
    ];
    await km.lock();
    results.push(await dispatch('vault.unlock', { username: 'admin', passphrase: `${PASSPHRASE}-wrong` }));
    results.push(await dispatch('vault.unlock', { username: 'admin', passphrase: PASSPHRASE }));
    expect(results.map((r) => r.ok)).toEqual([false, false, true, false, true]);
    const everything = JSON.stringify(results) + JSON.stringify(spies.map((s) => s.mock.calls)) + (await allFileText(dir));
    expect(everything).not.toContain(PASSPHRASE);
    expect(everything).not.toContain('short"');
    spies.forEach((s) => s.mockRestore());
  });

  it('says the same thing for a wrong username and a wrong passphrase, and backs off after failures', async () => {
    const delays: number[] = [];
    const { km } = await unlockedManager();
    const { KeyManager } = await import('../../main/core/key-manager');
    const slow = new KeyManager({ dataDir: km.dataDir, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 }, backoff: (n) => (delays.push(n), 0) });
    await km.lock();
    await expect(slow.unlock({ username: 'nobody', passphrase: PASSPHRASE })).rejects.toMatchObject({ message: 'Wrong username or passphrase.' });
    await expect(slow.unlock({ username: 'admin', passphrase: 'nope nope nope' })).rejects.toMatchObject({ message: 'Wrong username or passphrase.' });
    expect(delays).toEqual([1, 2]);
    await slow.unlock({ username: 'admin', passphrase: PASSPHRASE });
    await slow.lock();
    await expect(slow.unlock({ username: 'admin', passphrase: 'nope nope nope' })).rejects.toThrow();
    expect(delays).toEqual([1, 2, 1]);
  });

  it('grows the unlock back-off and caps it', async () => {
    const { unlockBackoffMs } = await import('../../main/core/key-manager');
    expect([1, 2, 3, 4].map(unlockBackoffMs)).toEqual([500, 1000, 2000, 4000]);
    expect(unlockBackoffMs(30)).toBe(30_000);
  });

  // POSIX permissions only: Windows has ACLs instead of mode bits.
  it.skipIf(process.platform === 'win32')('keeps the data folder owner-only', async () => {
    const { statSync } = await import('node:fs');
    const { km } = await newManager(`${await (await import('./helpers')).tempDir()}/nested/data`);
    expect(statSync(km.dataDir).mode & 0o777).toBe(0o700);
  });

  it('gives every vault a 32-hex app key and locks, wiping state, when idle', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { km, dispatch } = await unlockedManager();
      expect(km.info().appKey).toMatch(/^[0-9a-f]{32}$/);
      const locked: string[] = [];
      km.events.on('vault.locked', ({ reason }) => locked.push(reason));
      await dispatch('settings.update', { autoLockMinutes: 2 });
      vi.advanceTimersByTime(90_000);
      await dispatch('session.activity', undefined);
      vi.advanceTimersByTime(90_000);
      expect(locked).toEqual([]);
      // The console is told once Lock's last write is done and the keys are wiped.
      const sealed = new Promise<void>((resolve) => km.events.on('vault.locked', () => resolve()));
      vi.advanceTimersByTime(31_000);
      await sealed;
      expect(locked).toEqual(['idle']);
      expect(await dispatch('vault.info', undefined)).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
      expect(await dispatch('vault.status', undefined)).toMatchObject({ ok: true, value: { state: 'locked' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses auto-lock settings out of range', async () => {
    const { dispatch } = await unlockedManager();
    expect(await dispatch('settings.update', { autoLockMinutes: 0 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'autoLockMinutes' },
    });
    expect(await dispatch('settings.update', { autoLockMinutes: 2.5 })).toMatchObject({ ok: false });
    expect(await dispatch('settings.get', undefined)).toEqual({ ok: true, value: { autoLockMinutes: 5 } });
  });
});
