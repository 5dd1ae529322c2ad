// Shared by the crash loop's parent (scripts/stress.ts) and its child (scripts/stress-child.ts): the vault's test
// credentials, the line protocol between the two processes, the seeded random source and the marker tokens.

import { StageableChannel } from '../shared/approval';

/** Cheap scrypt, as the unit tests use: the format and code path are the same, only the cost differs. */
export const STRESS_KDF = { name: 'scrypt', N: 1024, r: 8, p: 1 } as const;
export const STRESS_USER = 'admin';
export const STRESS_PASSPHRASE = 'correct horse battery staple';

/**
 * Every mutation the contract offers that the crash loop drives (vault.* ones aside): the changes to key stores, keys
 * and authentication information (the same list the approval feature stages), and the settings.
 */
export const MUTATION_CHANNELS = [...StageableChannel.options, 'settings.update'] as const;
export type MutationChannel = (typeof MUTATION_CHANNELS)[number];

export type Input = Record<string, unknown>;

/** Parent -> child, one line on stdin once the child has loaded its modules. */
export interface GoMessage {
  dataDir: string;
  create: boolean;
  seed: number;
  /** A long cycle: it starts with a client certificate and picks RSA keys more often, so slow calls complete too. */
  slow: boolean;
}

/**
 * Child -> parent, one JSON line each on fd 3, written synchronously: once `writeSync` returns the line is in the
 * kernel's socket buffer and survives a SIGKILL of the child. An intent is written before the call starts, its ack
 * after the dispatcher answered, so an operation without an ack may or may not have happened.
 */
export type ChildMessage =
  | { t: 'loaded' }
  | { t: 'ready' }
  | { t: 'intent'; seq: number; channel: MutationChannel; input: Input; expectRefusal: boolean }
  | { t: 'ack'; seq: number; ok: true; value: unknown }
  | { t: 'ack'; seq: number; ok: false; code: string }
  | { t: 'fatal'; stage: string; code: string; message: string };

/** mulberry32: small, fast and good enough to make a run repeatable from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Marker tokens put into names, descriptions and confidential data so that the parent can find them again in any
 * decrypted generation with one regular expression: SKT + the child's seed (8 hex) + a counter (6 digits) + Z.
 */
export const TOKEN_PATTERN = /SKT[0-9a-f]{8}\d{6}Z/g;
export const tokenFactory = (seed: number) => {
  let n = 0;
  const prefix = `SKT${(seed >>> 0).toString(16).padStart(8, '0')}`;
  return (): string => `${prefix}${String(n++).padStart(6, '0')}Z`;
};
export const tokensIn = (text: string): string[] => text.match(TOKEN_PATTERN) ?? [];

/** Import Key's text form (0xXX bytes) -> the base64 the vault keeps, to search for after an Immediately Delete. */
export const keyDataToBase64 = (keyData: string): string =>
  Buffer.from(
    keyData
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((t) => parseInt(t.slice(2), 16)),
  ).toString('base64');
