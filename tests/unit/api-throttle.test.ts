import { describe, expect, it } from 'vitest';
import { AuthThrottle } from '../../main/core/api/throttle';
import { ipv4Number } from '../../main/core/api/client-auth';
import { unlockedManager } from './helpers';

const options = { slowAfter: 2, blockAfter: 4, windowMs: 60_000, blockMs: 300_000, delayStepMs: 100, maxDelayMs: 250, maxTracked: 3 };

describe('Key API authentication throttle', () => {
  it('slows an address after a few failures, then refuses it for a while', () => {
    let t = 0;
    const throttle = new AuthThrottle(options, () => t);
    expect([throttle.failed('10.0.0.1'), throttle.failed('10.0.0.1')]).toEqual([0, 0]);
    expect(throttle.failed('10.0.0.1')).toBe(100);
    expect(throttle.blockedFor('10.0.0.1')).toBe(0);
    expect(throttle.failed('10.0.0.1')).toBe(200);
    expect(throttle.blockedFor('10.0.0.1')).toBe(300_000);
    expect(throttle.blockedFor('10.0.0.2')).toBe(0); // per address
    t += 300_000;
    expect(throttle.blockedFor('10.0.0.1')).toBe(0);
  });

  it('forgets failures outside the window, and caps the delay', () => {
    let t = 0;
    const throttle = new AuthThrottle({ ...options, blockAfter: 100 }, () => t);
    for (let i = 0; i < 6; i++) throttle.failed('10.0.0.1');
    expect(throttle.failed('10.0.0.1')).toBe(250);
    t += 60_000;
    expect(throttle.failed('10.0.0.1')).toBe(0);
  });

  it('remembers a bounded number of addresses (a flood of sources cannot grow memory)', () => {
    const throttle = new AuthThrottle({ ...options, blockAfter: 1 }, () => 0);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) throttle.failed(ip);
    expect(throttle.blockedFor('10.0.0.1')).toBe(0); // the oldest was forgotten
    expect(throttle.blockedFor('10.0.0.4')).toBeGreaterThan(0);
  });
});

describe('Key API peer addresses', () => {
  it('reads IPv4 peers, unwrapping IPv4-mapped IPv6, and nothing else', () => {
    expect(ipv4Number('127.0.0.2')).toBe(0x7f000002);
    expect(ipv4Number('::ffff:10.1.2.3')).toBe(0x0a010203);
    expect(ipv4Number('::1')).toBeNull();
    expect(ipv4Number('1.2.3.256')).toBeNull();
    expect(ipv4Number('')).toBeNull();
  });
});

describe('Key API call counts', () => {
  it('count in memory and reach the vault in one write per flush; counts of deleted keys are dropped', async () => {
    const { km } = await unlockedManager();
    const store = await km.createKeyStore({ name: 's', description: '', authMethods: ['ipv4'] });
    const a = await km.keys().create({ type: 'symmetric', keyStoreId: store.id, name: 'a', description: '', rotationCycleDays: 0 });
    const b = await km.keys().create({ type: 'symmetric', keyStoreId: store.id, name: 'b', description: '', rotationCycleDays: 0 });
    const usage = km.keys().usage;
    const at = new Date('2026-11-29T10:00:00Z');
    for (let i = 0; i < 5; i++) usage.count(a.id, at);
    usage.count(b.id, at);
    expect(km.keys().get(a.id)).toMatchObject({ apiCalls: 5, lastApiCallAt: at.toISOString() });
    await usage.flush();
    expect(usage.unsaved).toBe(0);
    usage.count(a.id, new Date('2026-11-29T11:00:00Z'));
    expect(km.keys().get(a.id)).toMatchObject({ apiCalls: 6, lastApiCallAt: '2026-11-29T11:00:00.000Z' });
    await km.keys().requestDeletion(b.id);
    await km.keys().deleteNow(b.id, 'b');
    usage.count(b.id, at);
    await usage.flush();
    await km.lock();
    await km.unlock({ username: 'admin', passphrase: 'correct horse battery staple' });
    expect(km.keys().get(a.id)).toMatchObject({ apiCalls: 6, lastApiCallAt: '2026-11-29T11:00:00.000Z' });
  });
});
