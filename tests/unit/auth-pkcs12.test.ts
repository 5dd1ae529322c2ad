import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyStoreCa, issueClientCertificate } from '../../main/core/auth/certificates';
import { buildPkcs12, PKCS12_ITERATIONS } from '../../main/core/auth/pkcs12';
import type { FileSaver, OutgoingFile } from '../../main/core/files/file-saver';
import { KeyManager } from '../../main/core/key-manager';
import { createDispatcher } from '../../main/core/bridge';
import { FAST_KDF, FakeClock, PASSPHRASE, caller } from './helpers';

/**
 * The .p12 of a client certificate against offline guessing: 600,000 PBKDF2-HMAC-SHA256 iterations for the key and
 * for the MAC, a 12-character minimum password, checked by second implementations (openssl, Java keytool, node:tls),
 * and built without holding main's event loop.
 */
const PASSWORD = 'twelve-chars'; // exactly the minimum
const openssl = (args: string[]) => {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: run.status === 0, out: `${run.stdout}${run.stderr}` };
};
const keytoolPresent = !spawnSync('keytool', ['-help'], { encoding: 'utf8' }).error;
const keytool = (args: string[]) => {
  const run = spawnSync('keytool', args, { encoding: 'utf8' });
  return { ok: run.status === 0, out: `${run.stdout}${run.stderr}` };
};

/** Issued once for the whole file (in its own folder: helpers' tempDir is emptied after each test). */
async function issuedP12(): Promise<{ file: string; bytes: Buffer; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skm-p12-'));
  const saved: OutgoingFile[] = [];
  const files: FileSaver = { save: async (f) => (saved.push(f), { status: 'saved', path: f.suggestedName }) };
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, backoff: () => 0, clock: new FakeClock(), files });
  const call = caller(createDispatcher(km));
  await call('vault.create', { username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  const store = await call('keystores.create', { name: 'A', authMethods: ['certificate'] });
  const cert = await call('auth.addCertificate', {
    keyStoreId: store.id,
    name: 'client',
    password: PASSWORD,
    confirmPassword: PASSWORD,
    validFrom: '2026-11-28',
    validTo: '2027-11-28',
  });
  await call('auth.downloadCertificate', { id: cert.id });
  const file = path.join(dir, 'client.p12');
  await writeFile(file, saved[0]!.bytes);
  return { file, bytes: saved[0]!.bytes, dir };
}

describe('PKCS#12 strength', { timeout: 180_000 }, () => {
  let p12: Awaited<ReturnType<typeof issuedP12>>;
  beforeAll(async () => {
    p12 = await issuedP12();
  }, 180_000);
  afterAll(() => rm(p12.dir, { recursive: true, force: true }));

  it('uses 600,000 PBKDF2-HMAC-SHA256 iterations for the key and for the SHA-256 MAC (read back by openssl pkcs12 -info)', () => {
    expect(PKCS12_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const info = openssl(['pkcs12', '-in', p12.file, '-passin', `pass:${PASSWORD}`, '-info', '-noout']);
    expect(info.ok).toBe(true);
    // "MAC: sha256, Iteration 600000" and "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256"
    const mac = /MAC: (\S+), Iteration (\d+)/.exec(info.out);
    const key = /Shrouded Keybag: PBES2, PBKDF2, (\S+), Iteration (\d+), PRF (\S+)/.exec(info.out);
    expect(mac?.[1]).toBe('sha256');
    expect(Number(mac?.[2])).toBeGreaterThanOrEqual(600_000);
    expect(key?.slice(1)).toEqual(['AES-256-CBC', String(PKCS12_ITERATIONS), 'hmacWithSHA256']);
  });

  it('opens with its password in openssl (key included) and node:tls; a wrong password is refused by both', () => {
    const keyOut = openssl(['pkcs12', '-in', p12.file, '-passin', `pass:${PASSWORD}`, '-nocerts', '-nodes']);
    expect(keyOut.ok).toBe(true);
    expect(keyOut.out).toContain('BEGIN PRIVATE KEY');
    const wrong = openssl(['pkcs12', '-in', p12.file, '-passin', 'pass:twelve-charS', '-noout']);
    expect(wrong.ok).toBe(false);
    expect(wrong.out).toMatch(/mac verify (error|failure)/i);
    expect(() => createSecureContext({ pfx: p12.bytes, passphrase: PASSWORD })).not.toThrow();
    expect(() => createSecureContext({ pfx: p12.bytes, passphrase: 'twelve-charS' })).toThrow();
  });

  it.skipIf(!keytoolPresent)(
    keytoolPresent
      ? 'opens in Java keytool -list -storetype PKCS12, whose -importkeystore also decrypts the key; a wrong password is refused'
      : 'opens in Java keytool (SKIPPED: keytool, from a Java runtime, is not on this machine)',
    async () => {
      const listed = keytool(['-list', '-v', '-storetype', 'PKCS12', '-keystore', p12.file, '-storepass', PASSWORD]);
      expect(listed.ok).toBe(true);
      expect(listed.out).toContain('Entry type: PrivateKeyEntry');
      expect(listed.out).toContain('Certificate chain length: 2');
      const copy = path.join(p12.dir, 'copy.p12');
      const imported = keytool([
        '-importkeystore',
        '-noprompt',
        '-srckeystore',
        p12.file,
        '-srcstoretype',
        'PKCS12',
        '-srcstorepass',
        PASSWORD,
        '-destkeystore',
        copy,
        '-deststoretype',
        'PKCS12',
        '-deststorepass',
        'another-password',
      ]);
      expect(imported.out).toContain('1 entries successfully imported');
      const refused = keytool(['-list', '-storetype', 'PKCS12', '-keystore', p12.file, '-storepass', 'twelve-charS']);
      expect(refused.ok).toBe(false);
      expect(refused.out).toContain('integrity');
    },
  );

  it('never holds the event loop while deriving 600,000-iteration keys (the derivation runs off the main thread)', async () => {
    const now = new Date();
    const ca = await createKeyStoreCa('a'.repeat(32), now);
    const issued = await issueClientCertificate(ca, 'client', now, new Date(now.getTime() + 86_400_000));
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const t = performance.now();
      longestGap = Math.max(longestGap, t - last);
      last = t;
    }, 1);
    const started = performance.now();
    const p12 = await buildPkcs12({
      certPem: issued.certPem,
      caCertPem: ca.certPem,
      privateKeyPem: issued.privateKeyPem,
      password: PASSWORD,
      friendlyName: 'client',
    });
    const took = performance.now() - started;
    clearInterval(ticker);
    expect(() => createSecureContext({ pfx: p12, passphrase: PASSWORD })).not.toThrow();
    // Run on the main thread, the MAC's 600,000 chained hashes alone hold it for most of the build (over a second on
    // an idle machine). Off it, the longest hold is a few milliseconds of ASN.1 and HMAC; the bound scales with a busy
    // machine's slowdown, which stretches both.
    expect(took).toBeGreaterThan(100);
    expect(longestGap).toBeLessThan(Math.max(250, took / 3));
  });
});
