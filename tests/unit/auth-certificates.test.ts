import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { certificatePeriod } from '../../main/core/auth/certificate-period';
import { buildPkcs12 } from '../../main/core/auth/pkcs12';
import type { FileSaver, OutgoingFile } from '../../main/core/files/file-saver';
import { KeyManager } from '../../main/core/key-manager';
import { createDispatcher } from '../../main/core/bridge';
import { CURRENT_SCHEMA_VERSION, upgradeDocument, type VaultDocument } from '../../main/core/vault/document';
import { FAST_KDF, FAST_PKCS12, FakeClock, PASSPHRASE, caller, tempDir } from './helpers';

// Passes through to the real builder; a test makes it fail once to see what an interrupted issue leaves behind.
vi.mock('../../main/core/auth/pkcs12', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../main/core/auth/pkcs12')>();
  return { ...real, buildPkcs12: vi.fn(real.buildPkcs12) };
});

const PASSWORD = 'p12-password!';
/** Each certificate costs two 600,000-iteration derivations (about a second of CPU), more on a busy machine. */
const SLOW = { timeout: 180_000 };

async function setup(clock = new FakeClock()) {
  const dir = await tempDir();
  const saved: OutgoingFile[] = [];
  const files: FileSaver = { save: async (f) => (saved.push(f), { status: 'saved', path: f.suggestedName }) };
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, pkcs12Iterations: FAST_PKCS12, backoff: () => 0, clock, files });
  const dispatch = createDispatcher(km);
  const call = caller(dispatch);
  await call('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  const a = (await call('keystores.create', { name: 'Payments', authMethods: ['certificate'] })).id as string;
  const b = (await call('keystores.create', { name: 'Other', authMethods: ['certificate'] })).id as string;
  const data = () => (km as unknown as { vault: { data: VaultDocument } }).vault.data;
  const caOf = (keyStoreId: string) => data().keyStores.find((s) => s.id === keyStoreId)!.ca;
  /** Saves the last file the service handed over into the test folder. */
  const lastSaved = async (name: string) => {
    const file = path.join(dir, name);
    await writeFile(file, saved.at(-1)!.bytes);
    return file;
  };
  return { km, dir, call, dispatch, saved, clock, a, b, caOf, lastSaved };
}

const certInput = (keyStoreId: string, name: string, extra: Record<string, unknown> = {}) => ({
  keyStoreId,
  name,
  password: PASSWORD,
  confirmPassword: PASSWORD,
  validFrom: '2026-11-28',
  validTo: '2027-11-28',
  ...extra,
});

const openssl = (args: string[]) => {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: run.status === 0, out: `${run.stdout}${run.stderr}` };
};

describe('certificate dates', SLOW, () => {
  it.each([
    // Date.parse rolled these over (2026-02-30 became March 2) or let them through to a failure inside (year 0000).
    ['validFrom', '2026-02-30', '2027-01-01', 'Valid from: 2026-02-30 does not exist; February 2026 has 28 days.'],
    ['validTo', '2026-12-01', '2027-02-29', 'Valid to: 2027-02-29 does not exist; February 2027 has 28 days.'],
    ['validTo', '2026-12-01', '2027-04-31', 'Valid to: 2027-04-31 does not exist; April 2027 has 30 days.'],
    ['validFrom', '2026-13-01', '2027-01-01', 'Valid from: there is no month 13; months are 01 to 12.'],
    ['validTo', '2026-12-01', '2027-00-10', 'Valid to: there is no month 00; months are 01 to 12.'],
    ['validFrom', '0000-01-01', '0001-01-01', 'Valid from: there is no year 0000.'],
    ['validFrom', '2026-12-00', '2027-01-01', 'Valid from: 2026-12-00 does not exist; December 2026 has 31 days.'],
    ['validFrom', '28/11/2026', '2027-01-01', 'Valid from: write the date as YYYY-MM-DD, for example 2027-01-31.'],
    ['validTo', '2026-12-01', '', 'Valid to: enter a date.'],
  ])('refuses an impossible %s (%s .. %s) with words naming the field, and creates nothing', async (field, validFrom, validTo, message) => {
    const { dispatch, call, a, caOf } = await setup();
    // The first refused field leads; other fields may be refused beside it (all of a form's errors show at once).
    expect(await dispatch('auth.addCertificate', certInput(a, 'c', { validFrom, validTo }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field, message },
    });
    expect(await call('auth.list', { keyStoreId: a, kind: 'certificate' })).toEqual([]);
    expect(caOf(a)).toBeUndefined();
  });

  it('accepts 29 February in a leap year', async () => {
    const { call, a } = await setup();
    const cert = await call('auth.addCertificate', certInput(a, 'leap', { validTo: '2028-02-29' }));
    expect(cert.certificate.validTo).toBe('2028-02-29T23:59:59.000Z');
  });

  it.each([
    ['1950-01-01', '1959-12-31'],
    ['2026-11-27', '2027-11-27'],
  ])('refuses a period starting before today by the service clock (%s .. %s)', async (validFrom, validTo) => {
    const { dispatch, a, caOf } = await setup();
    // The first refused field leads; other fields may be refused beside it (all of a form's errors show at once).
    expect(await dispatch('auth.addCertificate', certInput(a, 'c', { validFrom, validTo }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', field: 'validFrom', message: 'Valid from cannot be before today (2026-11-28, UTC).' },
    });
    expect(caOf(a)).toBeUndefined();
  });

  it('refuses 9990-9999 and any period beyond what a CA created at first need would cover, naming the latest date', async () => {
    const { dispatch, a, caOf } = await setup();
    expect(await dispatch('auth.addCertificate', certInput(a, 'c', { validFrom: '9990-01-01', validTo: '9999-12-31' }))).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        field: 'validFrom',
        message: "Valid from can be 2051-11-28 at the latest: the key store's CA, created with this first certificate, is valid until 2051-11-28.",
      },
    });
    expect(await dispatch('auth.addCertificate', certInput(a, 'c', { validFrom: '2045-01-01', validTo: '2051-11-29' }))).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        field: 'validTo',
        message: "Valid to can be 2051-11-28 at the latest: the key store's CA, created with this first certificate, is valid until 2051-11-28.",
      },
    });
    expect(caOf(a)).toBeUndefined();
  });

  it("keeps every certificate inside its existing CA's validity, up to the CA's last day", async () => {
    const clock = new FakeClock();
    const { dispatch, call, a, caOf } = await setup(clock);
    await call('auth.downloadCaCertificate', { keyStoreId: a });
    const ca = new X509Certificate(caOf(a)!.certPem);
    expect(new Date(ca.validFrom).toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(new Date(ca.validTo).toISOString()).toBe('2051-11-28T23:59:59.000Z');
    clock.advanceDays(365 * 16); // in 2042 a 10-year period would outlive the CA
    const today = clock.now().toISOString().slice(0, 10);
    expect(await dispatch('auth.addCertificate', certInput(a, 'late', { validFrom: today, validTo: '2052-11-23' }))).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_FAILED',
        field: 'validTo',
        message: "Valid to can be 2051-11-28 at the latest: the key store's CA is valid until 2051-11-28.",
      },
    });
    const last = await call('auth.addCertificate', certInput(a, 'last', { validFrom: today, validTo: '2051-11-28' }));
    expect(last.certificate.validTo).toBe('2051-11-28T23:59:59.000Z');
    expect(Date.parse(last.certificate.validFrom)).toBeGreaterThanOrEqual(Date.parse(ca.validFrom));
    expect(Date.parse(last.certificate.validTo)).toBeLessThanOrEqual(Date.parse(ca.validTo));
  });

  it('starts a certificate with a CA made before whole-day alignment (mid-day notBefore) rather than before it', () => {
    const ca = { notBefore: new Date('2026-11-28T08:59:00Z'), notAfter: new Date('2051-11-28T09:00:00Z') };
    const now = new Date('2026-11-28T09:00:00Z');
    expect(certificatePeriod('2026-11-28', '2027-11-28', ca, now, false)).toEqual({ notBefore: ca.notBefore, notAfter: new Date('2027-11-28T23:59:59Z') });
    // Its last whole day ends before 09:00 on 2051-11-28, so the latest day is the 27th.
    expect(() => certificatePeriod('2045-01-01', '2051-11-28', ca, now, false)).toThrow(
      "Valid to can be 2051-11-27 at the latest: the key store's CA is valid until 2051-11-27.",
    );
  });
});

describe('issuing is all or nothing', SLOW, () => {
  it('a failing issue on a key store without a CA leaves no CA behind; the next issue creates it with the certificate', async () => {
    const { dispatch, call, a, caOf, lastSaved } = await setup();
    vi.mocked(buildPkcs12).mockRejectedValueOnce(new Error('disk on fire'));
    expect(await dispatch('auth.addCertificate', certInput(a, 'first'))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(caOf(a)).toBeUndefined();
    expect(await call('auth.list', { keyStoreId: a, kind: 'certificate' })).toEqual([]);

    const cert = await call('auth.addCertificate', certInput(a, 'first'));
    expect(caOf(a)).toBeDefined();
    await call('auth.downloadCertificate', { id: cert.id });
    const p12 = await lastSaved('first.p12');
    await call('auth.downloadCaCertificate', { keyStoreId: a });
    const caFile = await lastSaved('ca.pem');
    const certFile = path.join(path.dirname(p12), 'first.pem');
    await writeFile(certFile, openssl(['pkcs12', '-in', p12, '-passin', `pass:${PASSWORD}`, '-nokeys', '-clcerts']).out);
    expect(openssl(['verify', '-no_check_time', '-CAfile', caFile, certFile]).out).toContain(': OK');
  });

  it('certificates issued at the same time on a key store without a CA all end up under the one CA that is kept', async () => {
    const { call, a, caOf, lastSaved, dir } = await setup();
    const [one, two] = await Promise.all([
      call('auth.addCertificate', certInput(a, 'one')),
      call('auth.addCertificate', certInput(a, 'two')),
      call('auth.downloadCaCertificate', { keyStoreId: a }),
    ]);
    const kept = caOf(a)!;
    await call('auth.downloadCaCertificate', { keyStoreId: a });
    const caFile = await lastSaved('ca.pem');
    expect(await readFile(caFile, 'utf8')).toBe(kept.certPem);
    for (const cert of [one, two]) {
      await call('auth.downloadCertificate', { id: cert.id });
      const p12 = await lastSaved(`${cert.name}.p12`);
      const pem = path.join(dir, `${cert.name}.pem`);
      await writeFile(pem, openssl(['pkcs12', '-in', p12, '-passin', `pass:${PASSWORD}`, '-nokeys', '-clcerts']).out);
      expect(openssl(['verify', '-no_check_time', '-CAfile', caFile, pem]).out).toContain(': OK');
    }
  });
});

describe('certificate revocation list', SLOW, () => {
  /** openssl checks times against the real clock unless told the test's "now". */
  const at = (clock: FakeClock) => String(Math.floor(clock.now().getTime() / 1000) + 60);

  async function certPem(ctx: Awaited<ReturnType<typeof setup>>, id: string, name: string): Promise<string> {
    await ctx.call('auth.downloadCertificate', { id });
    const p12 = await ctx.lastSaved(`${name}.p12`);
    const file = path.join(ctx.dir, `${name}.pem`);
    await writeFile(file, openssl(['pkcs12', '-in', p12, '-passin', `pass:${PASSWORD}`, '-nokeys', '-clcerts']).out);
    return file;
  }

  async function downloadCrl(ctx: Awaited<ReturnType<typeof setup>>, keyStoreId: string, name = 'ca.crl'): Promise<string> {
    await ctx.call('auth.downloadCrl', { keyStoreId });
    return ctx.lastSaved(name);
  }

  it('is signed by the key store CA, lists certificates Scheduled to be Deleted, and openssl refuses them while the others verify', async () => {
    const ctx = await setup();
    const { call, a, b, saved, clock } = ctx;
    const good = await call('auth.addCertificate', certInput(a, 'good'));
    const bad = await call('auth.addCertificate', certInput(a, 'bad'));
    const goodPem = await certPem(ctx, good.id, 'good');
    const badPem = await certPem(ctx, bad.id, 'bad');
    await call('auth.requestDeletion', { id: bad.id });

    await call('auth.downloadCaCertificate', { keyStoreId: a });
    const caFile = await ctx.lastSaved('ca.pem');
    const crlFile = await downloadCrl(ctx, a);
    expect(saved.at(-1)).toMatchObject({ suggestedName: 'Payments-ca.crl', mime: 'application/pkix-crl' });
    expect(saved.at(-1)!.bytes.toString()).toMatch(/^-----BEGIN X509 CRL-----\n/);

    expect(openssl(['crl', '-in', crlFile, '-CAfile', caFile, '-noout', '-verify']).out).toContain('verify OK');
    const text = openssl(['crl', '-in', crlFile, '-noout', '-text']).out;
    expect(text).toContain('Version 2 (0x1)');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toContain('Last Update: Nov 28 09:00:00 2026 GMT');
    expect(text).toContain('Next Update: Dec  5 09:00:00 2026 GMT');
    expect(text).toMatch(/X509v3 CRL Number: \n\s+1\n/);
    expect(text).toContain('X509v3 Authority Key Identifier');
    expect(text).toContain(`Serial Number: ${bad.certificate.serial.toUpperCase()}`);
    expect(text).not.toContain(good.certificate.serial.toUpperCase());
    // Scheduled to be Deleted is a hold (Cancel Deletion may lift it, as RFC 5280 allows only for holds).
    expect(text).toContain('Certificate Hold');
    // The authority key identifier names the CA's own subject key identifier.
    const caText = openssl(['x509', '-in', caFile, '-noout', '-ext', 'subjectKeyIdentifier']).out.split('\n')[1]!.trim();
    expect(text).toContain(caText);

    const verify = (cert: string) => openssl(['verify', '-crl_check', '-attime', at(clock), '-CAfile', caFile, '-CRLfile', crlFile, cert]);
    expect(verify(goodPem).out).toContain(': OK');
    expect(verify(badPem)).toMatchObject({ ok: false, out: expect.stringContaining('certificate revoked') });

    // Another key store's CA did not sign it.
    await call('auth.downloadCaCertificate', { keyStoreId: b });
    expect(openssl(['crl', '-in', crlFile, '-CAfile', await ctx.lastSaved('other-ca.pem'), '-noout', '-verify']).ok).toBe(false);
  });

  it('keeps listing certificates after they are deleted (immediately or after 7 days); Cancel Deletion takes one off; each CRL gets the next number', async () => {
    const clock = new FakeClock();
    const ctx = await setup(clock);
    const { call, km, a, caOf } = ctx;
    const now = await call('auth.addCertificate', certInput(a, 'deleted-now'));
    const later = await call('auth.addCertificate', certInput(a, 'deleted-later'));
    const kept = await call('auth.addCertificate', certInput(a, 'kept'));
    for (const c of [now, later, kept]) await call('auth.requestDeletion', { id: c.id });
    await call('auth.cancelDeletion', { id: kept.id });
    await call('auth.deleteNow', { id: now.id, confirmName: 'deleted-now' });
    // In two steps, as a running scheduler sees time pass: a 7-day jump at once is held by the clock guard.
    clock.advanceDays(6.9);
    await km.applyDue();
    clock.advanceDays(0.2);
    await km.applyDue();
    expect(await call('auth.list', { keyStoreId: a, kind: 'certificate' })).toMatchObject([{ name: 'kept' }]);

    // Only serials, dates and reasons are remembered: nothing secret.
    expect(caOf(a)!.revoked).toEqual([
      { serial: now.certificate.serial, revokedAt: '2026-11-28T09:00:00.000Z', reason: 'cessationOfOperation', validTo: now.certificate.validTo },
      { serial: later.certificate.serial, revokedAt: '2026-11-28T09:00:00.000Z', reason: 'cessationOfOperation', validTo: later.certificate.validTo },
    ]);

    await call('auth.downloadCaCertificate', { keyStoreId: a });
    const caFile = await ctx.lastSaved('ca.pem');
    const first = openssl(['crl', '-in', await downloadCrl(ctx, a, 'one.crl'), '-noout', '-text']).out;
    const crlFile = await downloadCrl(ctx, a, 'two.crl');
    const second = openssl(['crl', '-in', crlFile, '-noout', '-text']).out;
    expect(first).toMatch(/CRL Number: \n\s+1\n/);
    expect(second).toMatch(/CRL Number: \n\s+2\n/);
    for (const c of [now, later]) expect(second).toContain(`Serial Number: ${c.certificate.serial.toUpperCase()}`);
    expect(second).not.toContain(kept.certificate.serial.toUpperCase());
    expect(openssl(['crl', '-in', crlFile, '-CAfile', caFile, '-noout', '-verify']).out).toContain('verify OK');
  });

  it('a key store with no certificates gets an empty CRL that openssl reads and verifies', async () => {
    const ctx = await setup();
    const crlFile = await downloadCrl(ctx, ctx.a);
    await ctx.call('auth.downloadCaCertificate', { keyStoreId: ctx.a });
    const caFile = await ctx.lastSaved('ca.pem');
    expect(openssl(['crl', '-in', crlFile, '-CAfile', caFile, '-noout', '-verify']).out).toContain('verify OK');
    expect(openssl(['crl', '-in', crlFile, '-noout', '-text']).out).toContain('No Revoked Certificates.');
  });

  it('a vault written before the CRL (schema 3) gets an empty revoked list and CRL number on its CAs', () => {
    const v3 = {
      schemaVersion: 3,
      appKey: 'c'.repeat(32),
      createdAt: 'now',
      accounts: [{ id: '1', username: 'a', role: 'administrator', createdAt: 'now' }],
      keyStores: [
        {
          id: 'a'.repeat(32),
          name: 'A',
          description: '',
          authMethods: ['certificate'],
          createdAt: 'now',
          updatedAt: 'now',
          ca: { certPem: 'PEM', privateKeyPem: 'KEY', createdAt: 'now' },
        },
        { id: 'b'.repeat(32), name: 'B', description: '', authMethods: ['ipv4'], createdAt: 'now', updatedAt: 'now' },
      ],
      keys: [],
      authEntries: [],
    };
    const { doc, migrated } = upgradeDocument(v3);
    expect(migrated).toBe(true);
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(doc.keyStores[0]!.ca).toEqual({ certPem: 'PEM', privateKeyPem: 'KEY', createdAt: 'now', revoked: [], crlNumber: 0 });
    expect(doc.keyStores[1]!.ca).toBeUndefined();
  });
});
