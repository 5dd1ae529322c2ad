import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How one record is kept on disk: one line of JSON, `{"seq":n,"iv":..,"ct":..,"tag":..,"mac":..}`.
 * - The record is AES-256-GCM under the trail's encryption key; its sequence number and the MAC of the record before
 *   it are the associated data.
 * - `mac` = HMAC-SHA256 over (seq, previous mac, iv, ct, tag) under the trail's MAC key: the chain. Editing a record
 *   breaks its own MAC and GCM tag; removing or reordering records breaks the next record's link; the head kept in the
 *   vault file (sequence + MAC) catches a cut tail.
 * Both keys are derived (HKDF-SHA256) from the trail's secret, a random 32-byte value kept in the vault document. It
 * is not the vault's data key itself: Change passphrase and removing a member replace the data key, and the trail
 * must stay readable across that.
 */
export const GENESIS_MAC = 'genesis';

export interface TrailKeys {
  enc: Buffer;
  mac: Buffer;
}

export function trailKeys(secret: Buffer, vaultAppKey: string): TrailKeys {
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.from(vaultAppKey), `skm-audit/1/${label}`, 32));
  return { enc: derive('enc'), mac: derive('mac') };
}

export const wipeKeys = (keys: TrailKeys): void => {
  keys.enc.fill(0);
  keys.mac.fill(0);
};

export interface SealedLine {
  seq: number;
  iv: string;
  ct: string;
  tag: string;
  mac: string;
}

const aad = (seq: number, prevMac: string) => Buffer.from(`skm-audit/1/${seq}/${prevMac}`);

export function chainMac(keys: TrailKeys, seq: number, prevMac: string, iv: string, ct: string, tag: string): string {
  return createHmac('sha256', keys.mac).update(`${seq}|${prevMac}|${iv}|${ct}|${tag}`).digest('base64');
}

export function sealLine(keys: TrailKeys, seq: number, prevMac: string, plaintext: string): SealedLine {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.enc, iv);
  cipher.setAAD(aad(seq, prevMac));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
  const tag = cipher.getAuthTag().toString('base64');
  const ivText = iv.toString('base64');
  return { seq, iv: ivText, ct, tag, mac: chainMac(keys, seq, prevMac, ivText, ct, tag) };
}

/**
 * Whether `line` is genuine and follows `prevMac`: its MAC covers its number, the link, the IV, the ciphertext and the
 * tag, so this alone catches any edited byte, a removed or reordered record (Verify chain needs no decryption).
 */
export function linkHolds(keys: TrailKeys, line: SealedLine, prevMac: string): boolean {
  const expected = Buffer.from(chainMac(keys, line.seq, prevMac, line.iv, line.ct, line.tag));
  const given = Buffer.from(line.mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The record's plaintext, or null if it does not decrypt as record `seq` following `prevMac` (both are the GCM
 * associated data, so the chain is checked by the decryption itself; `checkMac` adds the MAC check too).
 */
export function openLine(keys: TrailKeys, line: SealedLine, prevMac: string, checkMac = true): string | null {
  if (checkMac && !linkHolds(keys, line, prevMac)) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.enc, Buffer.from(line.iv, 'base64'));
    decipher.setAAD(aad(line.seq, prevMac));
    decipher.setAuthTag(Buffer.from(line.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(line.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** A line as read from the file: shape only (the chain check decides whether it is genuine). */
export function parseLine(text: string): SealedLine | null {
  try {
    const v = JSON.parse(text) as Partial<SealedLine>;
    if (
      typeof v.seq === 'number' &&
      Number.isInteger(v.seq) &&
      typeof v.iv === 'string' &&
      typeof v.ct === 'string' &&
      typeof v.tag === 'string' &&
      typeof v.mac === 'string'
    ) {
      return { seq: v.seq, iv: v.iv, ct: v.ct, tag: v.tag, mac: v.mac };
    }
  } catch {
    // not JSON
  }
  return null;
}
