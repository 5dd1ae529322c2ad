import type { Adapter } from 'lowdb';
import { open, seal, type SealedBox } from './crypto';
import { writeFileDurably, type FileIo, nodeIo } from './durable-file';
import { sealDataKey } from './member-keys';
import { payloadAad, type AnyVaultHeader, type MemberKeyslot, type VaultHeader } from './vault-file';

/**
 * lowdb adapter that keeps the whole document encrypted at rest under the vault's data key (DEK), with the header
 * bound into the payload's associated data. Every write is the next generation. `rekey` swaps keyslots and data key
 * together (members added or removed, Change passphrase), and only once the file under them is on disk.
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
  decrypt(payload: SealedBox, header: AnyVaultHeader = this.header): unknown {
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

  /**
   * Write `data` under new keyslots and, when given, a new data key; the old key is wiped once the new file is on
   * disk. If the write fails, header and key stay as they were (the caller wipes the new key).
   */
  async rekey(keyslots: VaultHeader['keyslots'], dek: Buffer | undefined, data: unknown): Promise<void> {
    const old = this.dek;
    const next = dek ?? old;
    await this.writeAs({ ...this.header, keyslots, generation: this.header.generation + 1 }, next, data);
    if (old !== next) old.fill(0);
  }

  /** Seal the current data key to a new member's public key (adding a member needs no one else's passphrase). */
  sealDataKeyFor(slotId: string, publicKey: string): Promise<MemberKeyslot['dataKey']> {
    return sealDataKey(slotId, this.header.vaultId, publicKey, this.dek);
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
