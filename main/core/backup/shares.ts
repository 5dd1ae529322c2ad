import { createHash } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';
import { SkmError } from '../../../shared/errors';
import { MAX_SHARES, MIN_SHARES } from './format';

/**
 * The backup key split into shares (Shamir secret sharing over GF(256), by the audited `shamir-secret-sharing`
 * package: we only frame its shares as text). Each share is a short text a person can type or print:
 *
 *   skm1-<first 8 hex of the backup id>-<M>of<N>-<share number>-<18 groups of 4 hex>
 *
 * The 72 hex digits are the package's share (33 bytes: 32 key bytes and its x coordinate) followed by a checksum:
 * the first 3 bytes of SHA-256 over everything before them. The checksum names a mistyped share at once, before any
 * decryption; the backup id and M-of-N name a share from another backup. A share whose checksum holds but that still
 * does not belong (forged, or an 8-hex id collision) yields a wrong key, which the payload's GCM tag refuses.
 */

const PREFIX = 'skm1';
const SHARE_BYTES = 33;
const CHECK_BYTES = 3;
const DIGITS = (SHARE_BYTES + CHECK_BYTES) * 2;

export interface ShareSet {
  /** The backup's id (32 hex); shares carry its first 8 digits. */
  backupId: string;
  threshold: number;
  count: number;
}

const lead = (set: ShareSet, number: number): string => `${PREFIX}-${set.backupId.slice(0, 8)}-${set.threshold}of${set.count}-${number}`;
const checksum = (lead: string, shareHex: string): string =>
  createHash('sha256').update(`${lead}-${shareHex}`, 'ascii').digest().subarray(0, CHECK_BYTES).toString('hex');

/** Refuses an M of N outside 2 ≤ M ≤ N ≤ 10, naming the field of the export form. */
export function checkSplit(count: unknown, threshold: unknown): { count: number; threshold: number } {
  const inRange = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= MIN_SHARES && n <= MAX_SHARES;
  if (!inRange(count)) throw new SkmError('VALIDATION_FAILED', `Number of shares is a whole number from ${MIN_SHARES} to ${MAX_SHARES}.`, 'split.shares');
  if (!inRange(threshold))
    throw new SkmError('VALIDATION_FAILED', `Shares needed to restore is a whole number from ${MIN_SHARES} to ${MAX_SHARES}.`, 'split.threshold');
  if (threshold > count)
    throw new SkmError('VALIDATION_FAILED', `Shares needed to restore (${threshold}) cannot be more than the number of shares (${count}).`, 'split.threshold');
  return { count, threshold };
}

/** Splits `key` into `set.count` share texts, any `set.threshold` of which give it back. */
export async function splitKey(key: Buffer, set: ShareSet): Promise<string[]> {
  checkSplit(set.count, set.threshold);
  // A plain Uint8Array: the package checks the constructor, and a Buffer's is Buffer.
  const secret = new Uint8Array(key);
  let raw: Uint8Array[];
  try {
    raw = await split(secret, set.count, set.threshold);
  } finally {
    secret.fill(0);
  }
  try {
    return raw.map((share, i) => {
      const hex = Buffer.from(share.buffer, share.byteOffset, share.byteLength).toString('hex');
      const l = lead(set, i + 1);
      const digits = `${hex}${checksum(l, hex)}`;
      return `${l}-${digits.match(/.{4}/g)!.join('-')}`;
    });
  } finally {
    for (const share of raw) share.fill(0);
  }
}

interface ParsedShare {
  /** Where the person entered it (0-based), to name it in messages. */
  index: number;
  number: number;
  bytes: Uint8Array;
}

/** "Share 2" for the second text entered: what the person sees next to the input. */
const nth = (index: number): string => `Share ${index + 1}`;

function parseShare(text: string, index: number, set: ShareSet): ParsedShare {
  const field = `shares.${index}`;
  const refuse = (why: string): never => {
    throw new SkmError('VALIDATION_FAILED', `${nth(index)} ${why}`, field);
  };
  // Spaces and line breaks are how a printed share gets typed or pasted; letter case does not matter.
  const compact = text.replace(/\s+/g, '').toLowerCase();
  const parts = compact.split('-');
  if (parts[0] !== PREFIX || parts.length < 5) return refuse(`is not a backup share: a share starts with "${PREFIX}-", as printed at export.`);
  const [, id, mOfN, numberText] = parts as [string, string, string, string];
  const digits = parts.slice(4).join('');
  const shape = /^(\d{1,2})of(\d{1,2})$/.exec(mOfN);
  if (!/^[0-9a-f]{8}$/.test(id) || !shape || !/^\d{1,2}$/.test(numberText))
    return refuse(`has a typo in its first part (${PREFIX}-<8 characters>-<M>of<N>-<number>). Check it against the printed share.`);
  if (/[^0-9a-f]/.test(digits)) return refuse('has a character other than 0-9 and a-f in its groups. Check it against the printed share.');
  if (digits.length !== DIGITS)
    return refuse(
      `has ${digits.length} characters in its groups where ${DIGITS} are expected (18 groups of 4): a group is missing, extra or cut short. Check it against the printed share.`,
    );
  const shareHex = digits.slice(0, SHARE_BYTES * 2);
  const l = `${PREFIX}-${id}-${mOfN}-${numberText}`;
  if (checksum(l, shareHex) !== digits.slice(SHARE_BYTES * 2)) return refuse('has a typo: its checksum does not match. Check it against the printed share.');
  // Well typed from here on: anything that does not fit was made for another backup.
  if (id !== set.backupId.slice(0, 8))
    throw new SkmError(
      'VALIDATION_FAILED',
      `${nth(index)} belongs to another backup (${id}); this file is backup ${set.backupId.slice(0, 8)}. Use the shares printed for this backup.`,
      field,
    );
  const [m, n, number] = [Number(shape[1]), Number(shape[2]), Number(numberText)];
  if (m !== set.threshold || n !== set.count)
    throw new SkmError(
      'WRONG_CREDENTIALS',
      `${nth(index)} is from a ${m}-of-${n} split, but this backup file says ${set.threshold} of ${set.count}: the share is from another backup, or the file was altered.`,
      field,
    );
  if (number < 1 || number > n) return refuse(`is numbered ${number}, but this backup has shares 1 to ${n}. Check it against the printed share.`);
  return { index, number, bytes: new Uint8Array(Buffer.from(shareHex, 'hex')) };
}

/**
 * Checks the share texts and gives back the key they restore. Blank entries are skipped (a form with one input per
 * share). Every refusal names the share as entered; nothing of a share's value is repeated in a message.
 * The key is not verified here (Shamir cannot tell a wrong key): the caller's decryption does that.
 */
export async function combineShares(texts: readonly string[], set: ShareSet): Promise<Buffer> {
  if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string'))
    throw new SkmError('VALIDATION_FAILED', 'Shares must be a list of share texts.', 'shares');
  const entered = texts.map((text, index) => ({ text, index })).filter((e) => e.text.trim() !== '');
  if (entered.length > set.count)
    throw new SkmError('VALIDATION_FAILED', `This backup was split into ${set.count} shares; ${entered.length} were entered.`, 'shares');
  const shares = entered.map((e) => parseShare(e.text, e.index, set));
  try {
    for (let i = 0; i < shares.length; i++) {
      for (let j = 0; j < i; j++) {
        const [a, b] = [shares[j]!, shares[i]!];
        if (a.number === b.number || a.bytes[SHARE_BYTES - 1] === b.bytes[SHARE_BYTES - 1])
          throw new SkmError(
            'VALIDATION_FAILED',
            `${nth(b.index)} is the same share as ${nth(a.index).toLowerCase()} (share number ${a.number}). Enter ${set.threshold} different shares.`,
            `shares.${b.index}`,
          );
      }
    }
    if (shares.length < set.threshold)
      throw new SkmError(
        'VALIDATION_FAILED',
        `This backup needs ${set.threshold} of its ${set.count} shares to restore; ${shares.length === 0 ? 'none was' : shares.length === 1 ? 'one was' : `${shares.length} were`} entered.`,
        'shares',
      );
    const key = await combine(shares.map((s) => s.bytes));
    try {
      return Buffer.from(key);
    } finally {
      key.fill(0);
    }
  } finally {
    for (const s of shares) s.bytes.fill(0);
  }
}

/** The package's bytes of one share text, unchecked beyond its form: for tests that combine fewer than M shares. */
export function shareBytes(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '').toLowerCase().split('-').slice(4).join('');
  return new Uint8Array(Buffer.from(digits.slice(0, SHARE_BYTES * 2), 'hex'));
}
