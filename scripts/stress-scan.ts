// Looks at every file of a data folder for what an Immediately Delete removed. Each vault generation found (vault.json,
// vault.json.bak, temp files, a truncated temp file) is decrypted with the vault's data key, which is unwrapped from
// the file's keyslot the way Vault.open does it. The payload is decrypted as AES-CTR (the keystream of AES-GCM) without
// checking its tag: that needs no associated data, so it reads every file version, and a truncated file as far as it
// goes, exactly as someone holding the key could. Integrity is checked elsewhere (unlock, and Vault.open of a copy).
import { createDecipheriv } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { unlockKeyslot } from '../main/core/vault/member-keys';
import { Keyslot, keyslotId } from '../main/core/vault/vault-file';
import { TOKEN_PATTERN } from './stress-shared';

export type FileClass = 'vault' | 'backup' | 'vault-temp' | 'other-temp' | 'other';

export interface ScannedFile {
  name: string;
  class: FileClass;
  size: number;
  /** full: the whole payload decrypted; partial: a truncated payload, decrypted as far as it goes. */
  decrypted: 'full' | 'partial' | 'no-payload' | 'failed';
  ids: Set<string>;
  tokens: Set<string>;
  /** Base64 strings the length of a 32-byte key (imported key material). */
  keys32: Set<string>;
}

/** Temp files of the vault's durable writes end in .tmp; settings.json's writer (atomically) uses .tmp-<digits>. */
export function classify(name: string): FileClass {
  const base = path.basename(name);
  if (base === 'vault.json') return 'vault';
  if (base === 'vault.json.bak') return 'backup';
  if (/\.tmp$/.test(base)) return 'vault-temp';
  if (/\.tmp-[0-9a-f]+$/.test(base)) return 'other-temp';
  return 'other';
}

const ID = /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/g;
const KEY32 = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?!=)/g;

function collect(text: string, into: Pick<ScannedFile, 'ids' | 'tokens' | 'keys32'>): void {
  for (const m of text.match(ID) ?? []) into.ids.add(m);
  for (const m of text.match(TOKEN_PATTERN) ?? []) into.tokens.add(m);
  for (const m of text.match(KEY32) ?? []) into.keys32.add(m);
}

const PAYLOAD = /"payload":\{"iv":"([A-Za-z0-9+/=]+)","ciphertext":"([A-Za-z0-9+/=]*)("?)/;

export class DataDirScanner {
  /** Data keys already unwrapped, by the wrapped key's ciphertext (scrypt once per keyslot, not once per file). */
  private readonly deks = new Map<string, Buffer>();

  constructor(
    private readonly username: string,
    private readonly passphrase: string,
  ) {}

  async scan(dir: string): Promise<ScannedFile[]> {
    const names = (await readdir(dir, { recursive: true })).map(String).sort();
    const out: ScannedFile[] = [];
    for (const name of names) {
      const file = path.join(dir, name);
      let bytes: Buffer;
      try {
        if (!(await stat(file)).isFile()) continue;
        bytes = await readFile(file);
      } catch {
        continue; // removed meanwhile
      }
      out.push(await this.scanBytes(name, bytes));
    }
    return out;
  }

  private async scanBytes(name: string, bytes: Buffer): Promise<ScannedFile> {
    const text = bytes.toString('latin1');
    const result: ScannedFile = {
      name,
      class: classify(name),
      size: bytes.length,
      decrypted: 'no-payload',
      ids: new Set(),
      tokens: new Set(),
      keys32: new Set(),
    };
    collect(text, result); // plain text too: nothing deleted may be anywhere, encrypted or not
    const m = PAYLOAD.exec(text);
    if (!m) return result;
    const complete = m[3] === '"';
    const iv = Buffer.from(m[1]!, 'base64');
    const b64 = m[2]!;
    const ciphertext = Buffer.from(b64.slice(0, b64.length - (b64.length % 4)), 'base64');
    const plain = await this.decrypt(text.slice(0, m.index), iv, ciphertext);
    if (plain === null) {
      result.decrypted = 'failed';
      return result;
    }
    collect(plain, result);
    result.decrypted = complete ? 'full' : 'partial';
    return result;
  }

  /** AES-GCM with a 96-bit IV encrypts with AES-CTR starting at counter block IV || 00000002. */
  private async decrypt(headerText: string, iv: Buffer, ciphertext: Buffer): Promise<string | null> {
    if (iv.length !== 12) return null;
    const counter = Buffer.concat([iv, Buffer.from([0, 0, 0, 2])]);
    const candidates = [await this.dekFromHeader(headerText), ...this.deks.values()].filter((k): k is Buffer => k !== null);
    for (const dek of candidates) {
      const decipher = createDecipheriv('aes-256-ctr', dek, counter);
      const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      if (ciphertext.length === 0 || plain.startsWith('{"')) return plain;
    }
    return null;
  }

  /** The data key from this file's own keyslot, as Vault.open unwraps it; null when the header is unreadable. */
  private async dekFromHeader(headerText: string): Promise<Buffer | null> {
    try {
      const header = JSON.parse(`${headerText.replace(/,\s*$/, '')}}`) as { lookupSalt?: unknown; keyslots?: unknown; vaultId?: unknown };
      if (typeof header.lookupSalt !== 'string' || !Array.isArray(header.keyslots)) return null;
      const slotId = keyslotId(header.lookupSalt, this.username);
      const found = header.keyslots.find((s: { id?: unknown }) => s.id === slotId);
      if (!found) return null;
      // Every keyslot version the vault reads (v1/v2 wrap the data key; v3 seals it to the member's X25519 key).
      const slot = Keyslot.parse(found);
      const cacheKey = 'wrappedKey' in slot ? slot.wrappedKey.ciphertext : slot.dataKey.box.ciphertext;
      const cached = this.deks.get(cacheKey);
      if (cached) return cached;
      const dek = await unlockKeyslot(slot, typeof header.vaultId === 'string' ? header.vaultId : '', this.passphrase);
      this.deks.set(cacheKey, dek);
      return dek;
    } catch {
      return null;
    }
  }
}
