import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach } from 'vitest';
import { KeyManager } from '../../main/core/key-manager';
import { createDispatcher } from '../../main/core/bridge';

/** Cheap scrypt for tests: the format and code path are the same, only the cost differs. */
export const FAST_KDF = { name: 'scrypt', N: 1024, r: 8, p: 1 } as const;
/**
 * Issued .p12 files with OpenSSL's default PBKDF2 count instead of 600,000: each certificate would otherwise cost two
 * seconds of CPU. auth-pkcs12.test.ts issues with the hosts' default and checks the 600,000.
 */
export const FAST_PKCS12 = 2048;
export const PASSPHRASE = 'correct horse battery staple';

const dirs: string[] = [];
afterEach(async () => {
  // Retries: a scheduler pass of a manager a test left open may still be writing vault.state.json.
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })));
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skm-test-'));
  dirs.push(dir);
  return dir;
}

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(private t = Date.parse('2026-11-28T09:00:00Z')) {}
  now = (): Date => new Date(this.t);
  advanceDays(days: number): void {
    this.t += days * 24 * 60 * 60 * 1000;
  }
}

export async function newManager(dataDir?: string, clock?: FakeClock) {
  const dir = dataDir ?? (await tempDir());
  const km = new KeyManager({ dataDir: dir, kdf: FAST_KDF, pkcs12Iterations: FAST_PKCS12, backoff: () => 0, ...(clock ? { clock } : {}) });
  return { km, dir, dispatch: createDispatcher(km) };
}

/** Calls a channel and returns its value, failing the test with the error if the call failed. */
export function caller(dispatch: ReturnType<typeof createDispatcher>) {
  return async <T = any>(channel: string, input?: unknown): Promise<T> => {
    const result = await dispatch(channel, input);
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.code} ${result.error.message}`), result.error);
    return result.value as T;
  };
}

export async function unlockedManager(clock?: FakeClock) {
  const ctx = await newManager(undefined, clock);
  await ctx.km.createVault({ username: 'admin', passphrase: PASSPHRASE, confirmPassphrase: PASSPHRASE });
  return ctx;
}

export { dataDirText as allFileText } from '../data-dir-text';
