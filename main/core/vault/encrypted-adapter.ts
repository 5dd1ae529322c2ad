import type { Adapter } from 'lowdb';
import { open, seal, type SealedBox } from './crypto';
import { writeFileDurably, type FileIo, nodeIo } from './durable-file';
import { payloadAad, type LegacyVaultFile, type VaultHeader } from './vault-file';

/**
 * lowdb adapter that keeps the whole document encrypted at rest under the vault's data key (DEK), with the header
 * bound into the payload's associated data. Every write is the next generation. `rekey` swaps header and data key
 * together (Change passphrase), and only once the file under the new key is on disk.
 */
export class EncryptedAdapter implements Adapter<unknown> {
  constructor(
    private readonly file: string,
    private header: VaultHeader,
    private dek: Buffer,
    private readonly io: FileIo = nodeIo,
  ) {}

  get generation(): number {
    return this.header.generation;
  }

  get vaultId(): string {
    return this.header.vaultId;
  }

  get lookupSalt(): string {
    return this.header.lookupSalt;
  }

  get keyslots(): VaultHeader['keyslots'] {
    return this.header.keyslots;
  }

  /** Reading goes through unlock (which parses the file once); lowdb's own read is never used. */
  read(): Promise<unknown> {
    return Promise.reject(new Error('read through Vault.open'));
  }

  /** The document inside an already-parsed file, checked against that file's own header. */
  decrypt(payload: SealedBox, header: VaultHeader | LegacyVaultFile = this.header): unknown {
    const plaintext = open(this.dek, payload, payloadAad(header));
    try {
      return JSON.parse(plaintext.toString('utf8'));
    } finally {
      plaintext.fill(0); // the parsed document is what stays; this copy of it is wiped now
    }
  }

  async write(data: unknown): Promise<void> {
    await this.writeAs({ ...this.header, generation: this.header.generation + 1 }, this.dek, data);
  }

  /** Write `data` under a new header and data key; the old key is wiped once the new file is on disk. */
  async rekey(keyslots: VaultHeader['keyslots'], dek: Buffer, data: unknown): Promise<void> {
    const old = this.dek;
    await this.writeAs({ ...this.header, keyslots, generation: this.header.generation + 1 }, dek, data);
    if (old !== dek) old.fill(0);
  }

  private async writeAs(header: VaultHeader, dek: Buffer, data: unknown): Promise<void> {
    const plaintext = Buffer.from(JSON.stringify(data), 'utf8');
    let payload: SealedBox;
    try {
      payload = seal(dek, plaintext, payloadAad(header));
    } finally {
      plaintext.fill(0);
    }
    await writeFileDurably(this.file, JSON.stringify({ ...header, payload }), this.io);
    this.header = header;
    this.dek = dek;
  }

  /** Lock: wipe the data key this adapter holds. */
  wipe(): void {
    this.dek.fill(0);
  }
}
