import type { Adapter } from 'lowdb';
import { open, seal } from './crypto';
import { writeFileDurably, type FileIo, nodeIo } from './durable-file';
import { parseVaultFile, payloadAad, type VaultHeader } from './vault-file';
import * as fs from 'node:fs/promises';

/**
 * lowdb adapter that keeps the whole document encrypted at rest under the vault's data key (DEK).
 * The header (keyslots) is carried along unchanged on every write.
 */
export class EncryptedAdapter implements Adapter<unknown> {
  constructor(
    private readonly file: string,
    private readonly header: VaultHeader,
    private readonly dek: Buffer,
    private readonly io: FileIo = nodeIo,
  ) {}

  /** Throws IntegrityError when the payload was altered, VaultFileError when the file is not a vault. */
  async read(): Promise<unknown> {
    return this.decode(await fs.readFile(this.file));
  }

  decode(bytes: Buffer): unknown {
    const parsed = parseVaultFile(bytes);
    return JSON.parse(open(this.dek, parsed.payload, payloadAad()).toString('utf8'));
  }

  async write(data: unknown): Promise<void> {
    const payload = seal(this.dek, Buffer.from(JSON.stringify(data), 'utf8'), payloadAad());
    await writeFileDurably(this.file, JSON.stringify({ ...this.header, payload }), this.io);
  }
}
