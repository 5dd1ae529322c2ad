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
  Preferences,
  UpdatePreferencesInput,
  leaveOutUndefined,
  UnlockInput,
  UpdateKeyStoreInput,
  KeyStoreRef,
  KeyStoreDeleteNowInput,
  VaultInfo,
  VaultStatus,
  MemberView,
  AddMemberInput,
  UpdateMemberRolesInput,
  RemoveMemberInput,
  KeyApiConfig,
  KeyApiStatus,
} from './domain';
import type { Permission } from './permissions';
import {
  AuditExportInput,
  AuditListInput,
  AuditPage,
  AuditVerifyView,
  BackupExportInput,
  BackupExportView,
  BackupFile,
  BackupInfo,
  BackupRestoreInput,
  CeremonyRecordView,
  CeremonyView,
  StartCeremonyInput,
} from './audit';
import {
  ApprovalRequestView,
  ApproveInput,
  BucketInput,
  DenyInput,
  GovernanceView,
  RequestApprovalInput,
  RequestRef,
  StageInput,
  StagedChangeView,
  StagedRef,
  UpdateGovernanceInput,
} from './approval';
import { DestinationKeyView, ExportWrappedInput, ExportWrappedView, ImportKeyInput, InspectDestinationKeyInput, WrappingKeyView } from './transfer';
import type { Result } from './errors';
import type { ChannelName } from './channel-names';

/**
 * The one contract between the renderer and main. Every host (Electron IPC, the loopback HTTP bridge) registers
 * exactly these channels, parses input with `input` before anything else, and answers with `output`.
 */
export const contract = {
  'vault.status': { permission: 'open', input: z.void(), output: VaultStatus },
  'vault.create': { permission: 'open', input: CreateVaultInput, output: VaultInfo },
  'vault.unlock': { permission: 'open', input: UnlockInput, output: VaultInfo },
  'vault.lock': { permission: 'session', input: z.void(), output: z.void() },
  'vault.info': { permission: 'session', input: z.void(), output: VaultInfo },
  'vault.changePassphrase': { permission: 'session', input: ChangePassphraseInput, output: z.void() },
  /** Confirm the deletions a forward clock jump held (see main/core/scheduler/clock-guard.ts). */
  'vault.releaseHeldDeletions': { permission: 'admin', input: z.void(), output: VaultInfo },
  /** The renderer reports user activity so the idle auto-lock measures people, not timers. */
  'session.activity': { permission: 'session', input: z.void(), output: z.void() },
  'settings.get': { permission: 'session', input: z.void(), output: Settings },
  'settings.update': { permission: 'admin', input: Settings.partial().transform(leaveOutUndefined), output: Settings },
  // This computer's console preferences (theme, language, the last username): asked for before anyone signs in.
  'preferences.get': { permission: 'open', input: z.void(), output: Preferences },
  'preferences.update': { permission: 'open', input: UpdatePreferencesInput, output: Preferences },
  'keystores.list': { permission: 'read', input: z.void(), output: z.array(KeyStoreView) },
  'keystores.get': { permission: 'read', input: z.strictObject({ id: Id }), output: KeyStoreView },
  'keystores.create': { permission: 'change', input: CreateKeyStoreInput, output: KeyStoreView },
  'keystores.update': { permission: 'change', input: UpdateKeyStoreInput, output: KeyStoreView },
  // The key store's deletion lifecycle, as keys have it; refused while the key store holds keys In Service.
  'keystores.requestDeletion': { permission: 'change', input: KeyStoreRef, output: KeyStoreView },
  'keystores.cancelDeletion': { permission: 'change', input: KeyStoreRef, output: KeyStoreView },
  'keystores.deleteNow': { permission: 'change', input: KeyStoreDeleteNowInput, output: z.void() },
  'keys.list': { permission: 'read', input: z.strictObject({ keyStoreId: Id }), output: z.array(KeyView) },
  'keys.get': { permission: 'read', input: KeyRef, output: KeyView },
  'keys.create': { permission: 'change', input: CreateKeyInput, output: KeyView },
  'keys.import': { permission: 'change', input: ImportKeyInput, output: KeyView },
  'keys.update': { permission: 'change', input: UpdateKeyInput, output: KeyView },
  'keys.rotate': { permission: 'change', input: KeyRef, output: KeyView },
  'keys.requestDeletion': { permission: 'change', input: KeyRef, output: KeyView },
  'keys.cancelDeletion': { permission: 'change', input: KeyRef, output: KeyView },
  'keys.deleteNow': { permission: 'change', input: DeleteNowInput, output: z.void() },
  // Explicit user actions: the only channels whose answers carry secret values (plaintext, data keys, revealed data).
  'keys.encrypt': { permission: 'use', input: EncryptInput, output: CiphertextOutput },
  'keys.decrypt': { permission: 'use', input: DecryptInput, output: DecryptOutput },
  'keys.dataKey': { permission: 'use', input: KeyRef, output: z.object({ plaintext: z.string(), ciphertext: z.string(), version: z.number().int() }) },
  'keys.sign': { permission: 'use', input: SignInput, output: SignatureOutput },
  'keys.verify': { permission: 'use', input: VerifyInput, output: z.object({ valid: z.literal(true), version: z.number().int() }) },
  'keys.publicKey': {
    permission: 'read',
    input: z.strictObject({ keyId: Id, version: z.number().int().min(1).optional() }),
    output: z.object({ pem: z.string(), version: z.number().int() }),
  },
  'keys.reveal': { permission: 'use', input: KeyRef, output: z.object({ data: z.string() }) },
  'auth.list': { permission: 'read', input: z.strictObject({ keyStoreId: Id, kind: AuthKind }), output: z.array(AuthEntryView) },
  'auth.get': { permission: 'read', input: AuthRef, output: AuthEntryView },
  'auth.addIpv4': { permission: 'change', input: AddIpv4Input, output: AuthEntryView },
  'auth.addMac': { permission: 'change', input: AddMacInput, output: AuthEntryView },
  'auth.addCertificate': { permission: 'change', input: AddCertificateInput, output: AuthEntryView },
  'auth.requestDeletion': { permission: 'change', input: AuthRef, output: AuthEntryView },
  'auth.cancelDeletion': { permission: 'change', input: AuthRef, output: AuthEntryView },
  'auth.deleteNow': { permission: 'change', input: AuthDeleteNowInput, output: z.void() },
  'auth.downloadCertificate': { permission: 'use', input: AuthRef, output: SaveResult },
  'auth.downloadCaCertificate': { permission: 'use', input: z.strictObject({ keyStoreId: Id }), output: SaveResult },
  'auth.downloadCrl': { permission: 'use', input: z.strictObject({ keyStoreId: Id }), output: SaveResult },
  // Member Management (ADMIN); members.me is every member's own entry.
  'members.list': { permission: 'admin', input: z.void(), output: z.array(MemberView) },
  'members.add': { permission: 'admin', input: AddMemberInput, output: MemberView },
  'members.updateRoles': { permission: 'admin', input: UpdateMemberRolesInput, output: MemberView },
  'members.remove': { permission: 'admin', input: RemoveMemberInput, output: z.void() },
  'members.me': { permission: 'session', input: z.void(), output: MemberView },
  // The approval feature (main/core/approval): Governance Setting, Key Store Management (staging), Approval List.
  'governance.get': { permission: 'session', input: z.void(), output: GovernanceView },
  /** While the Approval Feature is on, the change becomes a request another APPROVAL ADMIN approves (the view names it). */
  'governance.update': { permission: 'admin', input: UpdateGovernanceInput, output: GovernanceView },
  'staging.stage': { permission: 'request', input: StageInput, output: StagedChangeView },
  'staging.list': { permission: 'request', input: BucketInput, output: z.array(StagedChangeView) },
  'staging.discard': { permission: 'request', input: StagedRef, output: z.void() },
  'approvals.request': { permission: 'request', input: RequestApprovalInput, output: ApprovalRequestView },
  'approvals.withdraw': { permission: 'request', input: RequestRef, output: ApprovalRequestView },
  'approvals.list': { permission: 'request', input: z.void(), output: z.array(ApprovalRequestView) },
  'approvals.approve': { permission: 'approve', input: ApproveInput, output: ApprovalRequestView },
  /**
   * Approve at a desk where the signed-in member is no APPROVAL ADMIN (an APPROVAL MEMBER): the approver types their
   * own username and passphrase, and main checks that they hold APPROVAL_ADMIN. Same rules as approvals.approve.
   */
  'approvals.coSign': { permission: 'request', input: ApproveInput.required({ coSigner: true }), output: ApprovalRequestView },
  'approvals.deny': { permission: 'approve', input: DenyInput, output: ApprovalRequestView },
  // Settings -> Key API (main/core/api): serve the cloud v1.0 paths over HTTPS while the vault is open.
  'keyApi.status': { permission: 'read', input: z.void(), output: KeyApiStatus },
  'keyApi.start': { permission: 'admin', input: KeyApiConfig, output: KeyApiStatus },
  'keyApi.stop': { permission: 'admin', input: z.void(), output: KeyApiStatus },
  /** The API CA certificate (PEM, public), so client programs can trust the server without -k. */
  'keyApi.downloadCaCertificate': { permission: 'read', input: z.void(), output: SaveResult },
  // The Audit Log (main/core/audit): ADMIN and VIEWER see every record, a MEMBER only their own.
  'audit.list': { permission: 'read', input: AuditListInput, output: AuditPage },
  'audit.verify': { permission: 'read', input: z.void(), output: AuditVerifyView },
  'audit.export': { permission: 'read', input: AuditExportInput, output: SaveResult },
  // Backups (main/core/backup): export while open; inspect and restore from the Create vault screen (no vault yet).
  'backup.export': { permission: 'admin', input: BackupExportInput, output: BackupExportView },
  'backup.inspect': { permission: 'open', input: z.strictObject({ file: BackupFile }), output: BackupInfo },
  'backup.restore': { permission: 'open', input: BackupRestoreInput, output: VaultStatus },
  // Key ceremonies: a titled span of the audit trail with the officers present, and its printable record.
  'ceremony.start': { permission: 'admin', input: StartCeremonyInput, output: CeremonyView },
  'ceremony.end': { permission: 'admin', input: z.void(), output: CeremonyRecordView },
  'ceremony.list': { permission: 'read', input: z.void(), output: z.array(CeremonyView) },
  'ceremony.record': { permission: 'read', input: z.strictObject({ id: Id }), output: CeremonyRecordView },
  // Key transfer (main/core/transfer): keys wrapped for other KMSs, and the vault's own wrapping key for keys coming in
  // (Import Key's Wrapped key material form is keys.import). 'use', as revealing and downloading are: a VIEWER has no
  // key to move, and none of these changes a key (Allow export, a change, governs what may leave).
  'transfer.wrappingKey': { permission: 'use', input: z.void(), output: WrappingKeyView },
  'transfer.downloadWrappingKey': { permission: 'use', input: z.void(), output: SaveResult },
  'transfer.inspectDestinationKey': { permission: 'use', input: InspectDestinationKeyInput, output: DestinationKeyView },
  'transfer.exportWrapped': { permission: 'use', input: ExportWrappedInput, output: ExportWrappedView },
  'transfer.downloadImportCommand': { permission: 'use', input: ExportWrappedInput, output: SaveResult },
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
// Compile-time check that every channel names the permission it needs (the dispatcher checks it before any call).
type MissingPermission = { [C in Channel]: Contract[C] extends { permission: Permission } ? never : C }[Channel];
const _everyChannelHasPermission: [MissingPermission] extends [never] ? true : never = true;
void _everyChannelHasPermission;
export const isChannel = (name: unknown): name is Channel => typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

export { eventNames, type EventMap, type EventName } from './events';
import type { EventMap, EventName } from './events';

/** The surface preload puts on window.skm — the same in Electron and in the browser host. */
export interface SkmBridge {
  /** Resolves to a Result rather than rejecting: error codes survive contextBridge, thrown errors do not. */
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void;
}
