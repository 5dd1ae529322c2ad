import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Settings, VaultInfo, VaultStatus, KeyStoreView } from '../../shared/domain';
import type { ParsedInput } from '../../shared/contract';
import { SkmError } from '../../shared/errors';
import { systemClock, type Clock } from './clock';
import { Events } from './events';
import { addKeyStore, editKeyStore, findKeyStore, keyCounts, keyStoreView } from './keystores/keystores';
import { KeyService } from './keys/key-service';
import { AuthService } from './auth/auth-service';
import { noFileSaver, type FileSaver } from './files/file-saver';
import { Scheduler } from './scheduler/scheduler';
import { openSettings, type SettingsStore } from './settings';
import type { KdfParams } from './vault/crypto';
import { Vault, newId, probeVault } from './vault/vault';

export interface KeyManagerOptions {
  dataDir: string;
  clock?: Clock;
  /** Tests lower the KDF cost; production keeps the default. */
  kdf?: Omit<KdfParams, 'salt'>;
  /** Tests shorten the unlock back-off. */
  backoff?: (failures: number) => number;
  /** How this host hands files to the user (Electron: save dialog; browser: download URL). */
  files?: FileSaver;
}

/** Delay before answering the n-th failed unlock in a row: 0.5 s, 1 s, 2 s, ... capped at 30 s. */
export const unlockBackoffMs = (failures: number): number => Math.min(500 * 2 ** (failures - 1), 30_000);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The application behind the contract: owns the vault (locked or open), settings, auto-lock and push events.
 * Hosts (Electron, browser) only parse input and forward calls here.
 */
export class KeyManager {
  readonly events = new Events();
  readonly dataDir: string;
  private readonly clock: Clock;
  private readonly settingsStore: SettingsStore;
  private vault: Vault | null = null;
  private keyService: KeyService | null = null;
  private authService: AuthService | null = null;
  private scheduler: Scheduler | null = null;
  private failedUnlocks = 0;
  private unlockQueue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  private lastActivity = 0;

  constructor(private readonly options: KeyManagerOptions) {
    this.dataDir = path.resolve(options.dataDir);
    this.clock = options.clock ?? systemClock;
    // Owner-only before anything (settings.json included) is written into it.
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    this.settingsStore = openSettings(this.dataDir);
  }

  get vaultFile(): string {
    return path.join(this.dataDir, 'vault.json');
  }

  // ---- vault ----

  async status(): Promise<VaultStatus> {
    if (this.vault) return { state: 'unlocked', username: this.vault.account.username };
    const probe = await probeVault(this.vaultFile);
    if (probe.state === 'missing') return { state: 'new' };
    if (probe.state === 'unreadable') return { state: 'unreadable', message: probe.message };
    return { state: 'locked' };
  }

  async createVault(input: ParsedInput<'vault.create'>): Promise<VaultInfo> {
    this.replaceVault(
      await Vault.create(this.vaultFile, input.username, input.passphrase, this.clock.now(), this.vaultOptions()),
    );
    return this.info();
  }

  /** Attempts are serialised and each failure in a row answers later than the last, so guessing is slow. */
  unlock(input: ParsedInput<'vault.unlock'>): Promise<VaultInfo> {
    const attempt = async (): Promise<VaultInfo> => {
      if (this.vault) throw new SkmError('INVALID_STATE', 'The vault is already unlocked. Lock it first to sign in as someone else.');
      try {
        this.replaceVault(await Vault.open(this.vaultFile, input.username, input.passphrase, this.vaultOptions()));
        this.failedUnlocks = 0;
        return this.info();
      } catch (err) {
        if (err instanceof SkmError && err.code === 'WRONG_CREDENTIALS') {
          this.failedUnlocks += 1;
          await sleep((this.options.backoff ?? unlockBackoffMs)(this.failedUnlocks));
        }
        throw err;
      }
    };
    const next = this.unlockQueue.then(attempt, attempt);
    this.unlockQueue = next.catch(() => undefined);
    return next;
  }

  lock(reason: 'user' | 'idle' | 'shutdown' = 'user'): void {
    clearTimeout(this.idleTimer);
    if (!this.vault) return;
    this.scheduler?.stop();
    this.keyService?.close();
    void this.vault.close();
    this.vault = null;
    this.keyService = null;
    this.authService = null;
    this.scheduler = null;
    this.events.emit('vault.locked', { reason });
  }

  info(): VaultInfo {
    const vault = this.openVault();
    const account = vault.data.accounts.find((a) => a.id === vault.account.id)!;
    return {
      appKey: vault.data.appKey,
      username: account.username,
      role: account.role,
      createdAt: vault.data.createdAt,
      dataDir: this.dataDir,
    };
  }

  // ---- idle auto-lock ----

  /** Any call from the user (and the renderer's activity pings) pushes the auto-lock deadline back. */
  activity(): void {
    if (!this.vault) return;
    this.lastActivity = Date.now();
    if (!this.idleTimer) this.armIdleTimer();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    const limit = this.settingsStore.get().autoLockMinutes * 60_000;
    const remaining = this.lastActivity + limit - Date.now();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.vault) return;
      if (Date.now() - this.lastActivity >= limit) this.lock('idle');
      else this.armIdleTimer();
    }, Math.max(remaining, 0));
    this.idleTimer.unref();
  }

  // ---- settings ----

  settings(): Settings {
    return this.settingsStore.get();
  }

  updateSettings(changes: Partial<Settings>): Settings {
    const next = this.settingsStore.update(changes);
    if (this.vault) this.armIdleTimer();
    return next;
  }

  // ---- key stores ----

  listKeyStores(): KeyStoreView[] {
    const doc = this.openVault().data;
    const counts = keyCounts(doc);
    return doc.keyStores.map((k) => keyStoreView(k, counts.get(k.id) ?? 0));
  }

  getKeyStore(id: string): KeyStoreView {
    const doc = this.openVault().data;
    return keyStoreView(findKeyStore(doc, id), keyCounts(doc).get(id) ?? 0);
  }

  async createKeyStore(input: ParsedInput<'keystores.create'>): Promise<KeyStoreView> {
    const record = await this.openVault().update((doc) => addKeyStore(doc, input, newId(), this.clock.now()));
    return keyStoreView(record, 0);
  }

  async updateKeyStore({ id, ...changes }: ParsedInput<'keystores.update'>): Promise<KeyStoreView> {
    await this.openVault().update((doc) => editKeyStore(doc, id, changes, this.clock.now()));
    return this.getKeyStore(id);
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

  /** Resolves when the scheduler's pass in progress (or a new one) is done: the unlock catch-up, in tests. */
  caughtUp(): Promise<void> {
    return this.scheduler?.tick() ?? Promise.resolve();
  }

  /** Run due rotations and deletions now (the scheduler calls this; tests call it with a moved clock). */
  async applyDue(): Promise<void> {
    if (!this.keyService || !this.authService) return;
    try {
      const { rotated, deleted } = await this.keyService.applyDue();
      if (rotated + deleted > 0) this.events.emit('data.changed', { scope: 'keys' });
      if ((await this.authService.applyDue()) > 0) this.events.emit('data.changed', { scope: 'auth' });
    } catch (err) {
      // Locked while the pass ran: the next unlock catches up.
      if (err instanceof SkmError && err.code === 'VAULT_LOCKED') return;
      throw err;
    }
  }

  // ---- helpers ----

  private openVault(): Vault {
    if (!this.vault) throw new SkmError('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    return this.vault;
  }

  private replaceVault(vault: Vault): void {
    this.vault = vault;
    this.keyService = new KeyService(vault, this.clock);
    this.authService = new AuthService(vault, this.clock, this.options.files ?? noFileSaver);
    // Catch up at unlock on what fell due while the app was closed, then keep checking while it is open.
    this.scheduler = new Scheduler(() => this.applyDue());
    this.scheduler.start();
    this.lastActivity = Date.now();
    this.armIdleTimer();
  }

  private vaultOptions() {
    return this.options.kdf ? { kdf: this.options.kdf } : {};
  }
}
