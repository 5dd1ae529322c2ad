import { z } from 'zod';
import {
  AddCertificateInput,
  AddIpv4Input,
  AddMacInput,
  AuthDeleteNowInput,
  AuthEntryView,
  AuthKind,
  AuthRef,
  SaveResult,
  CiphertextOutput,
  CreateKeyInput,
  DecryptInput,
  DecryptOutput,
  DeleteNowInput,
  EncryptInput,
  ImportKeyInput,
  KeyRef,
  KeyView,
  SignInput,
  SignatureOutput,
  UpdateKeyInput,
  VerifyInput,
  CreateKeyStoreInput,
  CreateVaultInput,
  ChangePassphraseInput,
  Id,
  KeyStoreView,
  Settings,
  leaveOutUndefined,
  UnlockInput,
  UpdateKeyStoreInput,
  VaultInfo,
  VaultStatus,
} from './domain';
import type { Result } from './errors';
import type { ChannelName } from './channel-names';

/**
 * The one contract between the renderer and main. Every host (Electron IPC, the loopback HTTP bridge) registers
 * exactly these channels, parses input with `input` before anything else, and answers with `output`.
 */
export const contract = {
  'vault.status': { input: z.void(), output: VaultStatus },
  'vault.create': { input: CreateVaultInput, output: VaultInfo },
  'vault.unlock': { input: UnlockInput, output: VaultInfo },
  'vault.lock': { input: z.void(), output: z.void() },
  'vault.info': { input: z.void(), output: VaultInfo },
  'vault.changePassphrase': { input: ChangePassphraseInput, output: z.void() },
  /** Confirm the deletions a forward clock jump held (see main/core/scheduler/clock-guard.ts). */
  'vault.releaseHeldDeletions': { input: z.void(), output: VaultInfo },
  /** The renderer reports user activity so the idle auto-lock measures people, not timers. */
  'session.activity': { input: z.void(), output: z.void() },
  'settings.get': { input: z.void(), output: Settings },
  'settings.update': { input: Settings.partial().transform(leaveOutUndefined), output: Settings },
  'keystores.list': { input: z.void(), output: z.array(KeyStoreView) },
  'keystores.get': { input: z.strictObject({ id: Id }), output: KeyStoreView },
  'keystores.create': { input: CreateKeyStoreInput, output: KeyStoreView },
  'keystores.update': { input: UpdateKeyStoreInput, output: KeyStoreView },
  'keys.list': { input: z.strictObject({ keyStoreId: Id }), output: z.array(KeyView) },
  'keys.get': { input: KeyRef, output: KeyView },
  'keys.create': { input: CreateKeyInput, output: KeyView },
  'keys.import': { input: ImportKeyInput, output: KeyView },
  'keys.update': { input: UpdateKeyInput, output: KeyView },
  'keys.rotate': { input: KeyRef, output: KeyView },
  'keys.requestDeletion': { input: KeyRef, output: KeyView },
  'keys.cancelDeletion': { input: KeyRef, output: KeyView },
  'keys.deleteNow': { input: DeleteNowInput, output: z.void() },
  // Explicit user actions: the only channels whose answers carry secret values (plaintext, data keys, revealed data).
  'keys.encrypt': { input: EncryptInput, output: CiphertextOutput },
  'keys.decrypt': { input: DecryptInput, output: DecryptOutput },
  'keys.dataKey': { input: KeyRef, output: z.object({ plaintext: z.string(), ciphertext: z.string(), version: z.number().int() }) },
  'keys.sign': { input: SignInput, output: SignatureOutput },
  'keys.verify': { input: VerifyInput, output: z.object({ valid: z.literal(true), version: z.number().int() }) },
  'keys.publicKey': {
    input: z.strictObject({ keyId: Id, version: z.number().int().min(1).optional() }),
    output: z.object({ pem: z.string(), version: z.number().int() }),
  },
  'keys.reveal': { input: KeyRef, output: z.object({ data: z.string() }) },
  'auth.list': { input: z.strictObject({ keyStoreId: Id, kind: AuthKind }), output: z.array(AuthEntryView) },
  'auth.get': { input: AuthRef, output: AuthEntryView },
  'auth.addIpv4': { input: AddIpv4Input, output: AuthEntryView },
  'auth.addMac': { input: AddMacInput, output: AuthEntryView },
  'auth.addCertificate': { input: AddCertificateInput, output: AuthEntryView },
  'auth.requestDeletion': { input: AuthRef, output: AuthEntryView },
  'auth.cancelDeletion': { input: AuthRef, output: AuthEntryView },
  'auth.deleteNow': { input: AuthDeleteNowInput, output: z.void() },
  'auth.downloadCertificate': { input: AuthRef, output: SaveResult },
  'auth.downloadCaCertificate': { input: z.strictObject({ keyStoreId: Id }), output: SaveResult },
  'auth.downloadCrl': { input: z.strictObject({ keyStoreId: Id }), output: SaveResult },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export const channels = Object.keys(contract) as Channel[];

// Compile-time check that channel-names.ts lists exactly the contract's channels, in both directions.
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : never;
const _channelNamesMatch: SameKeys<Channel, ChannelName> = true;
void _channelNamesMatch;
export const isChannel = (name: unknown): name is Channel => typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

export { eventNames, type EventMap, type EventName } from './events';
import type { EventMap, EventName } from './events';

/** The surface preload puts on window.skm — the same in Electron and in the browser host. */
export interface SkmBridge {
  /** Resolves to a Result rather than rejecting: error codes survive contextBridge, thrown errors do not. */
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void;
}
