import type { SaveResult } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import {
  DestinationRules,
  type Destination,
  type DestinationKeyView,
  type ExportWrappedInput,
  type ExportWrappedView,
  type WrappingKeyView,
} from '../../../shared/transfer';
import type { Clock } from '../clock';
import { safeFileName, type FileSaver } from '../files/file-saver';
import type { KeyService } from '../keys/key-service';
import type { Vault } from '../vault/vault';
import { destinationKey, type DestinationKey } from './destination-key';
import { DestinationFormats, type CommandContext } from './destinations';
import { exportKeyBytes, type WrappableAlgorithm } from './key-material';
import { rsaAesWrap } from './rsa-aes-wrap';
import { ensureWrappingKey, wrappingKeyView } from './wrapping-key';

/** File names say what the file is: the key, its version, and where it is going. */
const SLUGS: Record<Destination, string> = {
  'vault-transit': 'transit',
  'aws-kms': 'aws-kms',
  'gcp-kms': 'gcp-kms',
  'azure-key-vault': 'azure',
  generic: 'wrapped',
};

interface Plan {
  algorithm: WrappableAlgorithm;
  version: number;
  wrapping: DestinationKey;
  context: CommandContext;
  /** The destination's name for the key's algorithm. */
  name: string;
  /** The files' names without their extension. */
  base: string;
}

/**
 * Keys wrapped for other KMSs (Export wrapped), and the vault's own wrapping key that keys wrapped elsewhere come in
 * under (Import Key, Wrapped key material: see wrapped-import.ts, called by KeyService.importKey). Stateless: made
 * per call over the open vault.
 */
export class TransferService {
  constructor(
    private readonly vault: Vault,
    private readonly keys: KeyService,
    private readonly clock: Clock,
    private readonly files: FileSaver,
  ) {}

  /** The vault's wrapping key (public half and fingerprint), made on first need. */
  async wrappingKey(): Promise<WrappingKeyView> {
    const { record, created } = await ensureWrappingKey(this.vault, this.clock);
    return wrappingKeyView(record, created);
  }

  /** Download the wrapping key's public half as PEM, for whoever wraps keys for this vault. */
  async downloadWrappingKey(): Promise<SaveResult> {
    const key = await this.wrappingKey();
    const short = key.fingerprint.replace(/:/g, '').slice(0, 8).toLowerCase();
    return this.files.save({
      suggestedName: `skm-wrapping-key-${short}.pem`,
      bytes: Buffer.from(key.publicKeyPem, 'utf8'),
      mime: 'application/x-pem-file',
      description: 'PEM public key',
    });
  }

  /** A pasted destination wrapping key: its size and fingerprint, or why it is refused. */
  inspectDestinationKey(pem: string, destination?: Destination): DestinationKeyView {
    const { bits, fingerprint, destinations } = destinationKey(pem, destination);
    return { bits, fingerprint, destinations };
  }

  /**
   * Export wrapped: the key version's material wrapped for the destination's wrapping key, saved in the form that
   * destination's import takes. The material goes through KeyService's own export checks (Allow export, In Service)
   * and is wiped once wrapped.
   */
  async exportWrapped(input: ExportWrappedInput): Promise<ExportWrappedView> {
    const plan = this.plan(input);
    const format = DestinationFormats[input.destination];
    const { bytes } = exportKeyBytes(this.keys, input.keyId, plan.algorithm, plan.version);
    let blob: Buffer;
    try {
      blob = rsaAesWrap(plan.wrapping.key, bytes, format.oaepHash);
    } finally {
      bytes.fill(0);
    }
    const saved = await this.files.save({
      suggestedName: plan.context.fileName,
      bytes: format.file(blob, plan.context),
      mime: format.mime,
      description: `Key wrapped for ${DestinationRules[input.destination].label}`,
    });
    return {
      saved,
      fileName: plan.context.fileName,
      destination: input.destination,
      version: plan.version,
      wrappingKeyFingerprint: plan.wrapping.fingerprint,
      command: this.command(plan, input.destination),
    };
  }

  /** The import command of an export, as a text file (no secret in it). */
  async downloadImportCommand(input: ExportWrappedInput): Promise<SaveResult> {
    const { fileName, text } = this.command(this.plan(input), input.destination);
    return this.files.save({ suggestedName: fileName, bytes: Buffer.from(text, 'utf8'), mime: 'text/plain', description: 'Import command' });
  }

  /** Everything an export is checked against before any key material is read. */
  private plan(input: ExportWrappedInput): Plan {
    const key = this.keys.get(input.keyId);
    if (key.type === 'confidential' || key.algorithm === 'none') {
      throw new SkmError(
        'OPERATION_NOT_SUPPORTED',
        `"${key.name}" is Confidential Data: there is no key to wrap. Export wrapped is for Symmetric and Asymmetric Keys.`,
      );
    }
    // In Service, in a key store that serves: refused in the words a use of the key gets.
    this.keys.assertUsable(key.id, key.type, 'Export wrapped');
    const algorithm = key.algorithm;
    const rule = DestinationRules[input.destination];
    const name = DestinationFormats[input.destination].names[algorithm];
    if (!rule.algorithms.includes(algorithm) || !name) {
      throw new SkmError('DESTINATION_REFUSED', `${rule.label} does not take ${algorithm} keys. ${rule.refused}`.trim(), 'destination');
    }
    const version = input.version ?? key.currentVersion;
    if (!key.versions.some((v) => v.version === version)) {
      throw new SkmError('KEY_VERSION_NOT_FOUND', `"${key.name}" has no version ${version}; its versions are 1 to ${key.currentVersion}.`, 'version');
    }
    const wrapping = destinationKey(input.wrappingKeyPem, input.destination);
    const base = safeFileName(`${key.name}-v${version}-${SLUGS[input.destination]}`);
    const context: CommandContext = {
      keyName: key.name,
      version,
      algorithm,
      fileName: `${base}.${DestinationFormats[input.destination].extension}`,
      bits: wrapping.bits,
      fingerprint: wrapping.fingerprint,
      azureKekId: input.azureKekId,
    };
    return { algorithm, version, wrapping, context, name, base };
  }

  private command(plan: Plan, destination: Destination): { fileName: string; text: string } {
    return { fileName: `${plan.base}-import.txt`, text: `${DestinationFormats[destination].command(plan.context, plan.name).join('\n')}\n` };
  }
}
