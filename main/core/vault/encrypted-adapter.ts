import type { Adapter } from 'lowdb';
import { open, seal, type SealedBox } from './crypto';
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
    return this.decrypt(parseVaultFile(await fs.readFile(this.file)).payload);
  }

  /** The document inside an already-parsed file (unlock has parsed it once to find the keyslot). */
  decrypt(payload: SealedBox): unknown {
    return JSON.parse(open(this.dek, payload, payloadAad()).toString('utf8'));
  }

  async write(data: unknown): Promise<void> {
    const payload = seal(this.dek, Buffer.from(JSON.stringify(data), 'utf8'), payloadAad());
    await writeFileDurably(this.file, JSON.stringify({ ...this.header, payload }), this.io);
  }
}
