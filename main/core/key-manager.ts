import { chmodSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { KeyApiConfig, KeyApiStatus, MemberView, Preferences, SaveResult, Settings, VaultInfo, VaultStatus, KeyStoreView } from '../../shared/domain';
import type { ParsedInput } from '../../shared/contract';
import { SkmError } from '../../shared/errors';
import { systemClock, type Clock } from './clock';
import { Events } from './events';
import { dueKeyStores, type NewKeyStore } from './keystores/keystores';
import { KeyStoreService } from './keystores/keystore-service';
import { KeyService } from './keys/key-service';
import { AuthService } from './auth/auth-service';
import { MembersService, memberView } from './members/members-service';
import { TransferService } from './transfer/transfer-service';
import { ApprovalService } from './approval/approval-service';
import { noFileSaver, type FileSaver } from './files/file-saver';
import { KeyApi, caFingerprint, ensureApiCa, type KeyApiDeps } from './api/key-api';
import { AuditService } from './audit/audit-service';
import { systemChanges } from './audit/actions';
import { CeremonyService } from './audit/ceremonies';
import { createBackup, inspectBackup, restoreBackup } from './backup/backup';
import type { BackupExportView, BackupInfo } from '../../shared/audit';
import type { AuditActor } from './audit/record';
import { Scheduler } from './scheduler/scheduler';
import { deletionLimit } from './scheduler/clock-guard';
import { isDeletionDue } from './lifecycle/lifecycle';
import { LocalState } from './vault/local-state';
import type { VaultDocument } from './vault/document';
import { removeStaleTempFiles } from './vault/durable-file';
import { openSettings, type SettingsStore } from './settings';
import type { KdfParams } from './vault/crypto';
import { Vault, probeVault } from './vault/vault';

export interface KeyManagerOptions {
  dataDir: string;
  clock?: Clock;
  /** Tests lower the KDF cost; production keeps the default. */
  kdf?: Omit<KdfParams, 'salt'>;
  /** Tests shorten the unlock back-off. */
  backoff?: (failures: number) => number;
  /** How this host hands files to the user (Electron: save dialog; browser: download URL). */
  files?: FileSaver;
  /** Tests lower the backup KDF cost (scrypt N); production keeps the default. */
  backupKdf?: { N: number; r: number; p: number };
  /** Tests lower the PBKDF2 iterations of issued .p12 files; production keeps PKCS12_ITERATIONS. */
  pkcs12Iterations?: number;
  /** Tests tighten the Key API's limits and throttle. */
  keyApi?: Pick<KeyApiDeps, 'limits' | 'throttle'>;
}

/** Settings -> Key API, and the headless host: what the console may ask of the Key API. */
export interface KeyApiControl {
  status(): KeyApiStatus;
  downloadCaCertificate(): Promise<SaveResult>;
  /** The API CA certificate as PEM (made on first need), for a headless operator to hand to clients. */
  caCertificatePem(): Promise<string>;
}

/** Delay before answering the n-th failed unlock in a row: 0.5 s, 1 s, 2 s, ... capped at 30 s. */
export const unlockBackoffMs = (failures: number): number => (failures <= 0 ? 0 : Math.min(500 * 2 ** (failures - 1), 30_000));

/** Unlock attempts that may wait behind the one being checked; more are refused at once rather than piling up. */
export const MAX_WAITING_UNLOCKS = 3;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The application behind the contract: owns the vault (locked or open), settings, auto-lock and push events.
 * Hosts (Electron, browser) only parse input and forward calls here.
 */
export class KeyManager {
  readonly events = new Events();
  readonly dataDir: string;
  private readonly clock: Clock;
  private settingsStore: SettingsStore;
  private vault: Vault | null = null;
  private keyService: KeyService | null = null;
  private authService: AuthService | null = null;
  private membersService: MembersService | null = null;
  private scheduler: Scheduler | null = null;
  private readonly localState: LocalState;
  private unlockQueue: Promise<unknown> = Promise.resolve();
  private waitingUnlocks = 0;
  private servedFailures = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private lastActivity = 0;
  /** The running Key API, if any. While it runs, locking the console leaves the vault open for it. */
  private api: KeyApi | null = null;
  /** Someone is signed in to the console (false while the console is locked but the Key API keeps the vault open). */
  private consoleOpen = false;
  /** The open vault's audit trail (null while locked, or for a read-only vault, where nothing can be appended). */
  private audit: AuditService | null = null;
  /** The last Lock's final writes (the audit head) and key wipe; a new unlock waits for them to finish. */
  private sealing: Promise<void> = Promise.resolve();

  constructor(private readonly options: KeyManagerOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.clock = options.clock ?? systemClock;
    // Owner-only before anything (settings.json included) is written into it.
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    tightenFolder(this.dataDir);
    this.settingsStore = openSettings(this.dataDir);
    this.localState = new LocalState(this.localStateFile);
  }

  get vaultFile(): string {
    return path.join(this.dataDir, 'vault.json');
  }

  private get localStateFile(): string {
    return path.join(this.dataDir, 'vault.state.json');
  }

  // ---- vault ----

  async status(): Promise<VaultStatus> {
    if (this.vault && this.consoleOpen) return { state: 'unlocked', username: this.vault.account.username };
    if (this.vault && this.api) return { state: 'locked', keyApi: { url: this.api.url, since: this.api.since.toISOString() } };
    const probe = await probeVault(this.vaultFile);
    if (probe.state === 'missing') return { state: 'new' };
    if (probe.state === 'unreadable') return { state: 'unreadable', message: probe.message };
    return { state: 'locked' };
  }

  async createVault(input: ParsedInput<'vault.create'>): Promise<VaultInfo> {
    if (this.vault) throw new SkmError('INVALID_STATE', 'The vault is already unlocked.');
    await this.sealing;
    await this.activate(await Vault.create(this.vaultFile, input.username, input.passphrase, this.clock.now(), this.vaultOptions()));
    await this.recordSession('vault.create');
    return this.info();
  }

  /**
   * Attempts are serialised and each failure in a row answers later than the last, so guessing is slow. The count
   * and the time of the last failure are kept on disk, so restarting the app does not reset the delay; attempts that
   * would queue up behind the current one beyond MAX_WAITING_UNLOCKS are refused at once.
   */
  unlock(input: ParsedInput<'vault.unlock'>): Promise<VaultInfo> {
    return this.withUnlockBackoff(async () => {
      const failedBefore = this.localState.get().failedUnlockTimes ?? [];
      if (this.vault && !this.consoleOpen) {
        // The Key API kept the vault open while the console was locked: check this member's passphrase and sign in.
        await this.vault.signIn(input.username, input.passphrase, this.clock.now());
        this.openConsole();
        await this.recordSession('vault.unlock', failedBefore);
        return this.info();
      }
      if (this.vault) throw new SkmError('INVALID_STATE', 'The vault is already unlocked. Lock it first to sign in as someone else.');
      await this.sealing;
      await this.activate(
        await Vault.open(this.vaultFile, input.username, input.passphrase, {
          ...this.vaultOptions(),
          acceptRollback: input.acceptRollback === true,
          now: this.clock.now(),
        }),
      );
      await this.recordSession('vault.unlock', failedBefore);
      return this.info();
    });
  }

  /**
   * Check another member's passphrase while the vault is open (a co-signing approver at the same desk). It answers
   * as unlock does (WRONG_CREDENTIALS, same words) and shares unlock's queue and back-off, so it is no faster way
   * to guess a passphrase. Nobody is signed in or out by it.
   */
  verifyMemberPassphrase(username: string, passphrase: string): Promise<MemberView> {
    return this.withUnlockBackoff(async () => memberView(await this.openVault().checkMemberPassphrase(username, passphrase)));
  }

  /**
   * Passphrase checks (unlock, co-signing) are serialised and each failure in a row answers later than the last, so
   * guessing is slow. The count and the time of the last failure are kept on disk, so restarting the app does not
   * reset the delay; attempts that would queue up behind the current one beyond MAX_WAITING_UNLOCKS are refused at once.
   */
  private withUnlockBackoff<T>(check: () => Promise<T>): Promise<T> {
    if (this.waitingUnlocks >= MAX_WAITING_UNLOCKS + 1) {
      return Promise.reject(new SkmError('UNLOCK_BUSY', 'Too many unlock attempts are waiting. Wait for the current one to answer, then try again.'));
    }
    this.waitingUnlocks += 1;
    const attempt = async (): Promise<T> => {
      try {
        await sleep(this.remainingBackoff());
        let result: T;
        try {
          result = await check();
        } catch (err) {
          if (err instanceof SkmError && err.code === 'WRONG_CREDENTIALS') {
            const failures = this.localState.get().failedUnlocks + 1;
            const at = new Date().toISOString();
            const times = [...(this.localState.get().failedUnlockTimes ?? []), at].slice(-100);
            await this.localState.update({ failedUnlocks: failures, lastFailedUnlockAt: at, failedUnlockTimes: times }).catch(() => undefined);
            await sleep(this.backoff(failures));
            this.servedFailures = failures;
          }
          throw err;
        }
        if (this.localState.get().failedUnlocks > 0 || this.localState.get().failedUnlockTimes?.length) {
          await this.localState.update({ failedUnlocks: 0, lastFailedUnlockAt: undefined, failedUnlockTimes: undefined }).catch(() => undefined);
        }
        return result;
      } finally {
        this.waitingUnlocks -= 1;
      }
    };
    const next = this.unlockQueue.then(attempt, attempt);
    this.unlockQueue = next.catch(() => undefined);
    return next;
  }

  /** Change passphrase for the signed-in member (see Vault.changePassphrase: a new data key for every member). */
  async changePassphrase(input: ParsedInput<'vault.changePassphrase'>): Promise<void> {
    await this.openVault().changePassphrase(input.currentPassphrase, input.newPassphrase, this.options.kdf);
  }

  /**
   * Lock the console. Without the Key API this seals the vault (keys wiped). While the Key API serves, the console
   * session ends but the vault stays open for it (architecture.md: locking the console is not sealing the vault);
   * Stop Key API, or shutdown, seals it.
   */
  lock(reason: 'user' | 'idle' | 'shutdown' = 'user'): Promise<void> {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.vault) return Promise.resolve();
    const entry = { actor: this.sessionActor(), action: 'vault.lock', outcome: 'ok' as const, facts: { reason } };
    if (this.api && reason !== 'shutdown') {
      if (!this.consoleOpen) return Promise.resolve();
      this.consoleOpen = false;
      this.events.emit('vault.locked', { reason });
      return (this.audit?.record({ ...entry, facts: { reason, keyApiServing: true } }) ?? Promise.resolve()).then(
        () => undefined,
        () => undefined,
      );
    }
    if (this.api) {
      // A synchronous shutdown cannot wait for requests in flight: hosts call shutdown() to let them finish.
      void this.api.stop(0).catch(() => undefined);
      this.api = null;
    }
    const vault = this.vault;
    const audit = this.audit;
    this.consoleOpen = false;
    this.scheduler?.stop();
    this.keyService?.close();
    this.vault = null;
    this.audit = null;
    this.keyService = null;
    this.authService = null;
    this.membersService = null;
    this.scheduler = null;
    // The Lock record goes last into the trail, and its head into one last vault write; then the keys are wiped, and
    // only then is the console told it is locked (what it shows next finds the files at rest).
    const sealed = vault
      .close(audit ? { beforeWrite: () => audit.recordLast(entry) } : undefined)
      .then(() => audit?.close())
      .finally(() => this.events.emit('vault.locked', { reason }));
    this.sealing = sealed.catch(() => undefined);
    return sealed;
  }

  /** Quit: stop the Key API (requests in flight finish, up to 5 s; call counts are written), then seal the vault. */
  async shutdown(): Promise<void> {
    const api = this.api;
    if (api) {
      await api.stop().catch(() => undefined);
      this.api = null;
    }
    await this.lock('shutdown');
  }

  // ---- audit ----

  /** How this host hands files to the user. */
  get files(): FileSaver {
    return this.options.files ?? noFileSaver;
  }

  /** The Audit Log (list, Verify chain, Export); refused for a read-only vault, which keeps no trail. */
  auditLog(): AuditService {
    this.openVault();
    if (!this.audit) throw new SkmError('VAULT_READ_ONLY', 'This vault was opened read-only (its folder cannot be written), so it keeps no audit trail.');
    return this.audit;
  }

  ceremonies(): CeremonyService {
    return new CeremonyService(this.openVault(), this.auditLog(), this.keyService!, this.clock);
  }

  /** Export backup: the vault, its audit trail and settings in one file under a passphrase or a split backup key. */
  async exportBackup(input: ParsedInput<'backup.export'>): Promise<BackupExportView> {
    this.openVault();
    const p = input.protection;
    const made = await createBackup(
      this.dataDir,
      p.kind === 'passphrase' ? { passphrase: p.passphrase } : { split: { shares: p.shares, threshold: p.threshold } },
      {
        now: this.clock.now(),
        ...(this.options.backupKdf ? { kdf: this.options.backupKdf } : {}),
      },
    );
    const saved = await (this.options.files ?? noFileSaver).save({
      suggestedName: `skm-backup-${this.clock.now().toISOString().slice(0, 10)}.skmbackup`,
      bytes: made.bytes,
      mime: 'application/octet-stream',
      description: 'Secure Key Manager backup',
    });
    return { saved, shares: made.shares ?? null, backupId: made.backupId };
  }

  inspectBackup(file: string): BackupInfo {
    return inspectBackup(Buffer.from(file, 'base64'));
  }

  /** Restore from backup into this data folder, which must hold no vault yet (the Create vault screen). */
  async restoreBackup(input: ParsedInput<'backup.restore'>): Promise<VaultStatus> {
    if (this.vault) throw new SkmError('INVALID_STATE', 'A vault is open here. Restore into an empty data folder (start the app with --data-dir).');
    await this.sealing;
    const secret = input.shares && input.shares.length > 0 ? { shares: input.shares } : { passphrase: input.passphrase ?? '' };
    await restoreBackup(this.dataDir, Buffer.from(input.file, 'base64'), secret);
    // The restored settings.json replaces the one this manager read at start.
    this.settingsStore = openSettings(this.dataDir);
    return this.status();
  }

  /** The open vault's audit trail, for the dispatcher (null while locked or read-only). */
  auditTrail(): AuditService | null {
    return this.audit;
  }

  /** The live vault document (the dispatcher names an action's items from it), or null while locked. */
  document(): Readonly<VaultDocument> | null {
    return this.vault?.data ?? null;
  }

  /** Who acts for the session: the signed-in member, or the app itself. */
  private sessionActor(): AuditActor {
    const account = this.vault && this.consoleOpen ? this.vault.account : null;
    return account ? { kind: 'member', id: account.id, name: account.username } : { kind: 'system', name: 'Secure Key Manager' };
  }

  /** Run the scheduler's changes so that each item it deleted or rotated gets its record (actor: the app). */
  private async bySystem(vault: Vault, audit: AuditService | null, fn: () => Promise<void>): Promise<void> {
    if (!audit) return fn();
    const before = vault.data;
    const tracked = AuditService.track(fn);
    try {
      await tracked.run;
    } finally {
      const gens = tracked.gens();
      // Locked meanwhile: what was written is owed in the vault file, and the next unlock notes the missing records.
      let after: Readonly<VaultDocument> | null = null;
      try {
        if (gens.length > 0) after = vault.data;
      } catch {
        // locked: nothing more can be appended
      }
      if (after) {
        const actor: AuditActor = { kind: 'system', name: 'Scheduler' };
        for (const change of systemChanges(before, after)) {
          await audit.record({ actor, action: change.action, target: change.target, outcome: 'ok', gens, ...(change.facts ? { facts: change.facts } : {}) });
        }
      }
    }
  }

  /** Create or unlock: one record, and one for each failed unlock since the last success (times only). */
  private async recordSession(action: 'vault.create' | 'vault.unlock', failedTimes: readonly string[] = []): Promise<void> {
    const audit = this.audit;
    if (!audit) return;
    const unknown: AuditActor = { kind: 'system', name: 'unknown (failed unlock)' };
    for (const at of failedTimes) await audit.record({ at, actor: unknown, action: 'vault.unlock', outcome: 'failed', code: 'WRONG_CREDENTIALS' });
    await audit.record({ actor: this.sessionActor(), action, outcome: 'ok' });
  }

  // ---- Key API ----

  keyApi(): KeyApiControl {
    const vault = this.openVault();
    const files = this.options.files ?? noFileSaver;
    const caPem = async () => (await ensureApiCa(vault, this.clock)).certPem;
    return {
      status: () => this.api?.status() ?? stoppedStatus(caFingerprint(vault.data.apiCa)),
      caCertificatePem: caPem,
      downloadCaCertificate: async () =>
        files.save({ suggestedName: 'skm-key-api-ca.pem', bytes: Buffer.from(await caPem()), mime: 'application/x-pem-file', description: 'PEM certificate' }),
    };
  }

  /** Start the Key API on the vault that is open now; the address, port and host names become the form's defaults. */
  async startKeyApi(config: KeyApiConfig): Promise<KeyApiStatus> {
    const vault = this.openVault();
    if (this.api) throw new SkmError('KEY_API_STATE', `The Key API is already serving at ${this.api.url}. Stop it first to change its address.`);
    const api = await KeyApi.start({ vault, keys: this.keyService!, clock: this.clock, audit: this.audit, ...this.options.keyApi }, config);
    if (this.vault !== vault || this.api) {
      // Locked (or started twice) while the certificate was being issued: this one must not outlive that.
      await api.stop(0);
      throw new SkmError('KEY_API_STATE', 'The vault was locked while the Key API was starting; it was not started.');
    }
    this.api = api;
    try {
      this.settingsStore.update({ keyApi: config });
    } catch {
      // The form's defaults are a convenience; the Key API serves either way.
    }
    return api.status();
  }

  /** Stop Key API: requests in flight finish (up to 5 s); if the console is locked too, the vault is sealed. */
  async stopKeyApi(): Promise<KeyApiStatus> {
    const api = this.api;
    if (api) {
      this.api = null;
      await api.stop();
      if (!this.consoleOpen) await this.lock('shutdown');
    }
    return this.vault ? this.keyApi().status() : stoppedStatus(null);
  }

  info(): VaultInfo {
    const vault = this.openVault();
    const account = vault.data.accounts.find((a) => a.id === vault.account.id)!;
    return {
      appKey: vault.data.appKey,
      username: account.username,
      memberId: account.id,
      role: account.role,
      approvalRoles: [...account.approvalRoles],
      createdAt: vault.data.createdAt,
      dataDir: this.dataDir,
      readOnly: vault.readOnly,
      heldDeletions: this.heldDeletions(),
    };
  }

  /** Deletions a clock jump is holding (see scheduler/clock-guard.ts), for the console's banner. */
  private heldDeletions(): VaultInfo['heldDeletions'] {
    const since = this.localState.get().deletionHoldSince;
    if (!since || !this.vault) return null;
    const now = this.clock.now();
    const doc = this.vault.data;
    // Items due by `since` are also due by now, so the difference is what the gap made due.
    const count = dueDeletions(doc, now) - dueDeletions(doc, new Date(since));
    return count > 0 ? { since, count } : null;
  }

  /** An ADMIN (the contract's 'admin' permission) confirms the deletions a clock jump held: they run now. */
  async releaseHeldDeletions(): Promise<VaultInfo> {
    this.openVault();
    await this.localState.update({ deletionHoldSince: undefined, schedulerCheckedAt: this.clock.now().toISOString() });
    await this.applyDue();
    return this.info();
  }

  // ---- idle auto-lock ----

  /** Any call from the user (and the renderer's activity pings) pushes the auto-lock deadline back. */
  activity(): void {
    if (!this.vault || !this.consoleOpen) return;
    this.lastActivity = Date.now();
    if (!this.idleTimer) this.armIdleTimer();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    const limit = this.settingsStore.get().autoLockMinutes * 60_000;
    const remaining = this.lastActivity + limit - Date.now();
    this.idleTimer = setTimeout(
      () => {
        this.idleTimer = undefined;
        if (!this.vault || !this.consoleOpen) return;
        if (Date.now() - this.lastActivity >= limit) this.lock('idle');
        else this.armIdleTimer();
      },
      Math.max(remaining, 0),
    );
    this.idleTimer.unref();
  }

  // ---- settings ----

  settings(): Settings {
    return this.settingsStore.get();
  }

  updateSettings(changes: Partial<Settings>): Settings {
    const next = this.settingsStore.update(changes);
    if (this.vault && this.consoleOpen) this.armIdleTimer();
    return next;
  }

  /** Theme, language and the last username: this computer's console, asked for before anyone signs in. */
  preferences(): Preferences {
    return this.settingsStore.preferences();
  }

  updatePreferences(changes: ParsedInput<'preferences.update'>): Preferences {
    return this.settingsStore.updatePreferences(changes);
  }

  // ---- key stores ----

  /** Key stores and their deletion lifecycle (stateless: made per call over the open vault). */
  keyStores(): KeyStoreService {
    const vault = this.openVault();
    // A deleted key store takes its keys along: their cached material goes too (the cache refills as keys are used).
    return new KeyStoreService(vault, this.clock, () => this.keyService?.close());
  }

  listKeyStores(): KeyStoreView[] {
    return this.keyStores().list();
  }

  getKeyStore(id: string): KeyStoreView {
    return this.keyStores().get(id);
  }

  createKeyStore(input: NewKeyStore): Promise<KeyStoreView> {
    return this.keyStores().create(input);
  }

  updateKeyStore(input: ParsedInput<'keystores.update'>): Promise<KeyStoreView> {
    return this.keyStores().update(input);
  }

  // ---- keys ----

  keys(): KeyService {
    this.openVault();
    return this.keyService!;
  }

  auth(): AuthService {
    this.openVault();
    return this.authService!;
  }

  members(): MembersService {
    this.openVault();
    return this.membersService!;
  }

  /** Key transfer: exports wrapped for other KMSs, and the vault's wrapping key (stateless: made per call). */
  transfer(): TransferService {
    return new TransferService(this.openVault(), this.keyService!, this.clock, this.files);
  }

  // ---- who is signed in ----

  /** The signed-in member, with their roles as they are now (an ADMIN's change applies at once). */
  currentMember(): MemberView {
    return this.members().me();
  }

  /** The signed-in member, or null while the vault is locked: what the dispatcher checks permissions against. */
  signedInMember(): MemberView | null {
    return this.vault && this.consoleOpen ? this.currentMember() : null;
  }

  /** The Governance Setting's Approval Feature: while on, changes go through requests (the dispatcher refuses direct ones). */
  approvalFeatureOn(): boolean {
    return this.vault?.data.governance?.approvalFeature === true;
  }

  /** Governance Setting, staged changes and approval requests (stateless: made per call over the open vault). */
  approvals(): ApprovalService {
    return new ApprovalService(this, this.openVault(), this.clock);
  }

  /** For the approval work: run service calls so that all their changes land in one vault write, or none do. */
  batch<T>(fn: () => Promise<T>): Promise<T> {
    return this.openVault().batch(fn);
  }

  /** Resolves when the scheduler's pass in progress (or a new one) is done: the unlock catch-up, in tests. */
  caughtUp(): Promise<void> {
    return this.scheduler?.tick() ?? Promise.resolve();
  }

  /**
   * Run due deletions, then rotations (the scheduler calls this; tests call it with a moved clock). Deletions go
   * first and on their own so a slow key generation never leaves a due deletion waiting (and cancellable).
   */
  async applyDue(): Promise<void> {
    const keys = this.keyService;
    const auth = this.authService;
    if (!keys || !auth) return;
    try {
      const vault = this.openVault();
      await this.bySystem(vault, this.audit, async () => {
        await this.applyDueDeletions(vault, keys, auth);
        if ((await keys.applyDueRotations()) > 0) this.events.emit('data.changed', { scope: 'keys' });
      });
      await this.approvals().expireDue();
    } catch (err) {
      // Locked while the pass ran: the next unlock catches up. Read-only: nothing can be applied until it is writable.
      if (err instanceof SkmError && (err.code === 'VAULT_LOCKED' || err.code === 'VAULT_READ_ONLY')) return;
      throw err;
    }
  }

  private async applyDueDeletions(vault: Vault, keys: KeyService, auth: AuthService): Promise<void> {
    const now = this.clock.now();
    const state = this.localState.get();
    const doc = vault.data;
    const dueBy = (at: Date) => dueDeletions(doc, at);
    // A hold whose items were all cancelled (or confirmed) has nothing left to hold.
    const holdSince = state.deletionHoldSince && dueBy(now) > dueBy(new Date(state.deletionHoldSince)) ? state.deletionHoldSince : undefined;
    const { limit, newHold } = deletionLimit({ now, lastCheckedAt: state.schedulerCheckedAt, holdSince, dueBy });
    if (newHold) this.events.emit('data.changed', { scope: 'keys' });
    await this.localState.update({ schedulerCheckedAt: now.toISOString(), deletionHoldSince: newHold ?? holdSince }).catch(() => undefined);
    if ((await keys.applyDueDeletions(limit)) > 0) this.events.emit('data.changed', { scope: 'keys' });
    if ((await auth.applyDueDeletions(limit)) > 0) this.events.emit('data.changed', { scope: 'auth' });
    // Key stores last: by now their keys' own deletions (due no later than theirs, as a rule) have run.
    if ((await new KeyStoreService(vault, this.clock, () => keys.close()).applyDueDeletions(limit)) > 0) {
      this.events.emit('data.changed', { scope: 'keystores' });
      this.events.emit('data.changed', { scope: 'keys' });
    }
  }

  // ---- helpers ----

  private openVault(): Vault {
    if (!this.vault) throw new SkmError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    return this.vault;
  }

  /**
   * Make an opened vault the session's. Deletions that fell due while the app was closed are applied before the
   * vault is handed out, so no call (a Cancel Deletion, a use of the key) is served against an overdue item.
   */
  private async activate(vault: Vault): Promise<void> {
    const keys = new KeyService(vault, this.clock);
    const auth = new AuthService(vault, this.clock, this.options.files ?? noFileSaver, this.options.pkcs12Iterations);
    let audit: AuditService | null = null;
    try {
      audit = await AuditService.open(vault, this.dataDir, this.clock);
      await this.bySystem(vault, audit, () => this.applyDueDeletions(vault, keys, auth));
    } catch (err) {
      if (!(err instanceof SkmError && err.code === 'VAULT_READ_ONLY')) {
        keys.close();
        await audit?.close();
        await vault.close();
        throw err instanceof SkmError
          ? err
          : new SkmError('AUDIT_WRITE_FAILED', 'The audit trail (audit.log) could not be opened, so the vault was not opened.');
      }
    }
    // vault.state.json is written beside the vault (under its instance lock): a crash mid-write leaves its temp file.
    await removeStaleTempFiles(this.localStateFile).catch(() => 0);
    this.vault = vault;
    this.audit = audit;
    this.keyService = keys;
    this.authService = auth;
    this.membersService = new MembersService(vault, this.clock, this.options.kdf);
    // Rotations that fell due run in the scheduler's first pass; then it keeps checking while the vault is open.
    this.scheduler = new Scheduler(() => this.applyDue());
    this.scheduler.start();
    this.openConsole();
  }

  private openConsole(): void {
    this.consoleOpen = true;
    this.lastActivity = Date.now();
    this.armIdleTimer();
    try {
      if (this.vault) this.settingsStore.signedIn(this.vault.account.username);
    } catch {
      // Only the Unlock form's convenience is lost; the sign-in itself stands.
    }
  }

  /** How long the next unlock attempt must still wait after the last failure (kept across restarts). */
  private remainingBackoff(): number {
    const { failedUnlocks, lastFailedUnlockAt } = this.localState.get();
    // Failures this process answered have already been waited for; only those from before a restart are owed.
    if (failedUnlocks === 0 || failedUnlocks === this.servedFailures || !lastFailedUnlockAt) return 0;
    const until = Date.parse(lastFailedUnlockAt) + this.backoff(failedUnlocks);
    return Math.max(0, Math.min(until - Date.now(), 30_000));
  }

  private backoff(failures: number): number {
    return (this.options.backoff ?? unlockBackoffMs)(failures);
  }

  private vaultOptions() {
    return { state: this.localState, ...(this.options.kdf ? { kdf: this.options.kdf } : {}) };
  }
}

const stoppedStatus = (caFingerprint: string | null): KeyApiStatus => ({
  serving: false,
  url: null,
  listen: null,
  port: null,
  hostNames: [],
  since: null,
  requests: 0,
  failures: 0,
  caFingerprint,
});

/** Key stores, keys and authentication information whose deletion date has passed by `at`. */
const dueDeletions = (doc: Readonly<VaultDocument>, at: Date): number =>
  doc.keys.filter((k) => isDeletionDue(k, at)).length + doc.authEntries.filter((e) => isDeletionDue(e, at)).length + dueKeyStores(doc, at).length;

/**
 * A data folder that already existed may be readable by others (made by hand, or by an older version): make it
 * owner-only. Where that is impossible (not our folder, a filesystem without modes), carry on: the vault file itself
 * is 0600 and encrypted.
 */
function tightenFolder(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
  } catch {
    // not ours to change
  }
}
