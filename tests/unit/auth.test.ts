import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { parseIpv4, parseMac } from '../../shared/auth-formats';
import { writeUserFile, type FileSaver, type OutgoingFile } from '../../main/core/files/file-saver';
import { nodeIo } from '../../main/core/vault/durable-file';
import { KeyManager } from '../../main/core/key-manager';
import { createDispatcher } from '../../main/core/bridge';
import { FAST_KDF, FAST_PKCS12, FakeClock, PASSPHRASE, caller, tempDir } from './helpers';

describe('IPv4 and CIDR input', () => {
  it.each([
    ['10.1.2.3', '10.1.2.3', 32],
    ['010.001.002.003', '10.1.2.3', 32],
    [' 192.168.0.0/16 ', '192.168.0.0/16', 16],
    ['10.1.2.0/24', '10.1.2.0/24', 24],
    ['0.0.0.0/0', '0.0.0.0/0', 0],
    ['255.255.255.255/32', '255.255.255.255/32', 32],
  ])('accepts %s as %s', (input, address, prefix) => {
    expect(parseIpv4(input)).toMatchObject({ ok: true, value: { address, prefix } });
  });

  it.each([
    ['256.1.1.1', 'Each number in an IPv4 address is 0 to 255; 256 is too large.'],
    ['10.0.0.1/33', 'The prefix length after / is a number from 0 to 32.'],
    ['1.2.3', 'An IPv4 address has four numbers separated by dots'],
    ['1.2.3.4.5', 'An IPv4 address has four numbers separated by dots'],
    ['2001:db8::1', 'IPv4 only: IPv6 addresses are not supported.'],
    ['::ffff:10.0.0.1', 'IPv4 only'],
    ['10.1.2.5/24', 'has host bits set; the range is written 10.1.2.0/24.'],
    ['a.b.c.d', 'is not a number from 0 to 255'],
    ['', 'Enter an IPv4 address'],
  ])('refuses %s', (input, message) => {
    const parsed = parseIpv4(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(message);
  });

  it('stores the network and prefix the Key API check will compare against', () => {
    expect(parseIpv4('10.1.2.0/24')).toMatchObject({ ok: true, value: { network: 0x0a010200, prefix: 24 } });
  });
});

describe('MAC address input', () => {
  it.each(['aa:bb:cc:dd:ee:ff', 'AA-BB-CC-DD-EE-FF', 'aabb.ccdd.eeff', 'Aa:bB:cc:DD:ee:Ff'])('accepts %s as aa:bb:cc:dd:ee:ff', (input) => {
    expect(parseMac(input)).toEqual({ ok: true, value: 'aa:bb:cc:dd:ee:ff' });
  });
  it.each([
    ['aa:bb:cc:dd:ee', '5 groups were found'],
    ['aa:bb:cc:dd:ee:ff:00', '7 groups were found'],
    ['aa:bb:cc:dd:ee:fg', '"fg" is not hexadecimal'],
    ['aabb.ccdd', 'three groups of four hexadecimal digits'],
    ['aab:bcc:dd:ee:ff:00', 'Each group of a MAC address is two hexadecimal digits'],
  ])('refuses %s', (input, message) => {
    const parsed = parseMac(input);
    expect(!parsed.ok && parsed.message).toContain(message);
  });
});

/** A FileSaver that keeps what it was asked to save, as a host would write it. */
function recordingSaver() {
  const saved: OutgoingFile[] = [];
  const saver: FileSaver = { save: async (file) => (saved.push(file), { status: 'saved', path: file.suggestedName }) };
  return { saved, saver };
}

async function setup(clock = new FakeClock()) {
  const dir = await tempDir();
  const { saved, saver } = recordingSaver();
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, pkcs12Iterations: FAST_PKCS12, backoff: () => 0, clock, files: saver });
  const dispatch = createDispatcher(km);
  const call = caller(dispatch);
  await call('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  const a = await call('keystores.create', { name: 'A', authMethods: ['certificate', 'ipv4', 'mac'] });
  const b = await call('keystores.create', { name: 'B', authMethods: ['certificate'] });
  return { km, dir, call, dispatch, saved, clock, a: a.id as string, b: b.id as string };
}

const certInput = (keyStoreId: string, name: string, extra: Record<string, unknown> = {}) => ({
  keyStoreId,
  name,
  password: 'p12-password!',
  confirmPassword: 'p12-password!',
  validFrom: '2026-11-28',
  validTo: '2027-11-28',
  ...extra,
});

/** Runs the openssl command line (a second implementation); `out` is stdout and stderr together. */
function openssl(args: string[]): { ok: boolean; out: string } {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: run.status === 0, out: `${run.stdout}${run.stderr}` };
}

// Each certificate costs two 600,000-iteration derivations (about a second of CPU), more on a busy machine.
describe('authentication information through the contract', { timeout: 120_000 }, () => {
  it('registers IPv4 addresses, ranges and MAC addresses normalised, and refuses duplicates in the same key store', async () => {
    const { call, dispatch, a, b } = await setup();
    expect(await call('auth.addIpv4', { keyStoreId: a, address: '010.1.2.3', description: 'build agent' })).toMatchObject({
      kind: 'ipv4',
      name: '10.1.2.3',
      status: 'in-service',
    });
    expect(await call('auth.addIpv4', { keyStoreId: a, address: '10.1.2.0/24' })).toMatchObject({ name: '10.1.2.0/24' });
    expect(await call('auth.addMac', { keyStoreId: a, address: 'AA-BB-CC-DD-EE-FF' })).toMatchObject({ kind: 'mac', name: 'aa:bb:cc:dd:ee:ff' });
    expect(await dispatch('auth.addIpv4', { keyStoreId: a, address: '10.1.2.3' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_DUPLICATE', field: 'address' },
    });
    expect(await dispatch('auth.addMac', { keyStoreId: a, address: 'aabb.ccdd.eeff' })).toMatchObject({ ok: false, error: { code: 'AUTH_DUPLICATE' } });
    expect(await dispatch('auth.addIpv4', { keyStoreId: a, address: '256.1.1.1' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'address' },
    });
    expect(await call('auth.addIpv4', { keyStoreId: b, address: '10.1.2.3' })).toMatchObject({ name: '10.1.2.3' });
    expect((await call('auth.list', { keyStoreId: a, kind: 'ipv4' })).map((e: { name: string }) => e.name)).toEqual(['10.1.2.3', '10.1.2.0/24']);
  });

  it("issues a certificate that openssl verifies against its own key store CA but not another key store's", async () => {
    const { call, saved, a, b, dir } = await setup();
    const cert = await call('auth.addCertificate', certInput(a, 'client-01', { description: 'payments worker' }));
    expect(cert.certificate).toMatchObject({
      serial: expect.stringMatching(/^[0-9a-f]+$/),
      fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
      expired: false,
    });
    expect(cert.certificate.validFrom).toBe('2026-11-28T00:00:00.000Z');
    expect(cert.certificate.validTo).toBe('2027-11-28T23:59:59.000Z');

    await call('auth.downloadCertificate', { id: cert.id });
    await call('auth.downloadCaCertificate', { keyStoreId: a });
    await call('auth.downloadCaCertificate', { keyStoreId: b });
    const [p12, caA, caB] = saved;
    expect(p12!.suggestedName).toBe('client-01.p12');
    const files = { p12: path.join(dir, 'c.p12'), caA: path.join(dir, 'a.pem'), caB: path.join(dir, 'b.pem'), cert: path.join(dir, 'c.pem') };
    await writeFile(files.p12, p12!.bytes);
    await writeFile(files.caA, caA!.bytes);
    await writeFile(files.caB, caB!.bytes);

    const opened = openssl(['pkcs12', '-in', files.p12, '-passin', 'pass:p12-password!', '-nokeys', '-clcerts']);
    expect(opened.ok).toBe(true);
    await writeFile(files.cert, opened.out);
    expect(openssl(['verify', '-CAfile', files.caA, files.cert]).out).toContain(': OK');
    expect(openssl(['verify', '-CAfile', files.caB, files.cert]).ok).toBe(false);
    const text = openssl(['x509', '-in', files.cert, '-noout', '-text']).out;
    expect(text).toContain('Subject: CN = client-01');
    expect(text).toContain('TLS Web Client Authentication');
    expect(text).toContain('Subject Key Identifier');
    expect(text).toContain('Authority Key Identifier');
  });

  it('the .p12 opens with its password in openssl and in node:tls, and a wrong password is refused by both', async () => {
    const { call, saved, a, dir } = await setup();
    const cert = await call('auth.addCertificate', certInput(a, 'client-02'));
    await call('auth.downloadCertificate', { id: cert.id });
    const file = path.join(dir, 'client.p12');
    await writeFile(file, saved[0]!.bytes);
    const info = openssl(['pkcs12', '-in', file, '-passin', 'pass:p12-password!', '-info', '-noout']);
    expect(info.ok).toBe(true);
    expect(info.out).toMatch(/MAC: sha256/);
    expect(openssl(['pkcs12', '-in', file, '-passin', 'pass:p12-password!', '-info', '-nodes']).out).toContain('AES-256-CBC');
    expect(openssl(['pkcs12', '-in', file, '-passin', 'pass:wrong-password', '-noout']).ok).toBe(false);
    expect(() => createSecureContext({ pfx: saved[0]!.bytes, passphrase: 'p12-password!' })).not.toThrow();
    expect(() => createSecureContext({ pfx: saved[0]!.bytes, passphrase: 'wrong-password' })).toThrow();
  });

  it('never keeps the certificate password, and keeps the client key only inside the encrypted .p12', async () => {
    const { call, km, a } = await setup();
    const cert = await call('auth.addCertificate', certInput(a, 'client-03'));
    const doc = (km as unknown as { vault: { data: { authEntries: unknown } } }).vault.data;
    expect(JSON.stringify(doc)).not.toContain('p12-password!');
    // The key store CA's own key is in the vault (it signs); no client key is, outside the encrypted .p12.
    expect(JSON.stringify(doc.authEntries)).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(await call('auth.get', { id: cert.id }))).not.toContain('pkcs12');
  });

  it("reports expiry from the certificate's own dates", async () => {
    const clock = new FakeClock();
    const { call, a } = await setup(clock);
    const cert = await call('auth.addCertificate', certInput(a, 'short', { validTo: '2026-12-01' }));
    expect(cert.certificate.expired).toBe(false);
    clock.advanceDays(4);
    expect((await call('auth.get', { id: cert.id })).certificate.expired).toBe(true);
  });

  it.each([
    [{ password: 'short', confirmPassword: 'short' }, 'password', 'Certificate passwords are at least 12 characters.'],
    // The old minimum of 8, and one short of the new one.
    [{ password: 'eight-ch', confirmPassword: 'eight-ch' }, 'password', 'Certificate passwords are at least 12 characters.'],
    [{ password: 'eleven-char', confirmPassword: 'eleven-char' }, 'password', 'Certificate passwords are at least 12 characters.'],
    [{ confirmPassword: 'something else' }, 'confirmPassword', 'The password and its confirmation do not match.'],
    [{ validFrom: '2027-01-01', validTo: '2026-12-01' }, 'validTo', 'Valid to must be after valid from.'],
    [{ validFrom: '2026-11-28', validTo: '2036-11-29' }, 'validTo', 'A certificate is valid for at most 10 years.'],
  ])('refuses %j', async (extra, field, message) => {
    const { dispatch, call, a } = await setup();
    expect(await dispatch('auth.addCertificate', certInput(a, 'bad', extra))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field, message },
    });
    expect(await call('auth.list', { keyStoreId: a, kind: 'certificate' })).toEqual([]);
  });

  it('refuses a duplicate certificate name', async () => {
    const { dispatch, call, a } = await setup();
    await call('auth.addCertificate', certInput(a, 'client'));
    expect(await dispatch('auth.addCertificate', certInput(a, 'Client'))).toMatchObject({ ok: false, error: { code: 'AUTH_DUPLICATE', field: 'name' } });
  });

  it('follows the deletion lifecycle: scheduled entries cannot be downloaded, cancel, and deletion after 7 days', async () => {
    const clock = new FakeClock();
    const { call, km, a } = await setup(clock);
    const ip = await call('auth.addIpv4', { keyStoreId: a, address: '10.0.0.1' });
    const cert = await call('auth.addCertificate', certInput(a, 'client'));
    expect(await call('auth.requestDeletion', { id: cert.id })).toMatchObject({ status: 'scheduled-for-deletion', deletionDate: '2026-12-05T09:00:00.000Z' });
    await expect(call('auth.downloadCertificate', { id: cert.id })).rejects.toMatchObject({ code: 'AUTH_SCHEDULED_FOR_DELETION' });
    expect(await call('auth.cancelDeletion', { id: cert.id })).toMatchObject({ status: 'in-service' });
    await call('auth.requestDeletion', { id: ip.id });
    await expect(call('auth.deleteNow', { id: ip.id, confirmName: '10.0.0.2' })).rejects.toMatchObject({ code: 'CONFIRMATION_MISMATCH' });
    // In two steps, as a running scheduler sees time pass: a 7-day jump at once is held by the clock guard.
    clock.advanceDays(6.9);
    await km.applyDue();
    clock.advanceDays(0.2);
    await km.applyDue();
    expect(await call('auth.list', { keyStoreId: a, kind: 'ipv4' })).toEqual([]);
    expect((await call('auth.list', { keyStoreId: a, kind: 'certificate' })).map((e: { name: string }) => e.name)).toEqual(['client']);
  });
});

describe('saving a file the user picked', () => {
  it('writes the whole file with mode 0600', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'client.p12');
    expect(await writeUserFile(target, Buffer.from('p12 bytes'))).toEqual({ status: 'saved', path: target });
    expect(await readFile(target, 'utf8')).toBe('p12 bytes');
    expect(await readdir(dir)).toEqual(['client.p12']);
  });

  it.each([
    ['ENOSPC', 'The disk is full'],
    ['EACCES', 'There is no permission to write there'],
  ])('on %s says so and leaves nothing half-written', async (code, message) => {
    const dir = await tempDir();
    const failing = {
      ...nodeIo,
      open: (async (...args: Parameters<typeof nodeIo.open>) => {
        const handle = await nodeIo.open(...args);
        return Object.assign(handle, {
          writeFile: async () => {
            throw Object.assign(new Error('fail'), { code });
          },
        });
      }) as typeof nodeIo.open,
    };
    await expect(writeUserFile(path.join(dir, 'client.p12'), Buffer.from('x'), failing)).rejects.toMatchObject({
      code: 'FILE_WRITE_FAILED',
      message: expect.stringContaining(message),
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a folder that does not exist', async () => {
    const dir = await tempDir();
    await expect(writeUserFile(path.join(dir, 'missing', 'client.p12'), Buffer.from('x'))).rejects.toMatchObject({
      code: 'FILE_WRITE_FAILED',
      message: expect.stringContaining('does not exist'),
    });
  });
});

describe('PKCS#12 MAC key derivation', () => {
  it("matches node-forge's implementation of RFC 7292 B.2 (a second implementation)", async () => {
    const forge = (await import('node-forge')).default;
    const { pkcs12MacKey } = await import('../../main/core/auth/pkcs12');
    for (const password of ['password-123', 'pässwörd with spaces', 'x'.repeat(70)]) {
      const salt = Buffer.from('0123456789abcdef0123');
      const theirs = forge.pkcs12.generateKey(password, forge.util.createBuffer(salt.toString('binary')), 3, 2048, 32, forge.md.sha256.create());
      expect((await pkcs12MacKey(password, salt, 2048)).toString('hex')).toBe(Buffer.from(theirs.getBytes(), 'binary').toString('hex'));
    }
  });
});

describe('browser-host downloads', () => {
  it('hands out a file once through a random token, then forgets it', async () => {
    const { DownloadRegistry } = await import('../../main/browser/downloads');
    const registry = new DownloadRegistry();
    const result = await registry.saver.save({ suggestedName: 'c.p12', bytes: Buffer.from('p12'), mime: 'application/x-pkcs12', description: 'PKCS#12' });
    expect(result).toMatchObject({ status: 'download', url: expect.stringMatching(/^\/download\/[\w-]{32}$/) });
    const token = (result as { url: string }).url.split('/').pop()!;
    expect(registry.take(token)?.bytes.toString()).toBe('p12');
    expect(registry.take(token)).toBeUndefined();
    expect(registry.take('guess')).toBeUndefined();
  });
});
