import Conf from 'conf';
import { z } from 'zod';
import { AUTO_LOCK_DEFAULT_MINUTES, PREFERENCE_DEFAULTS, Preferences, Settings } from '../../shared/domain';
import { SkmError } from '../../shared/errors';

/** Non-secret preferences, kept beside the vault in settings.json (conf is electron-store's Electron-free base). */
export interface SettingsStore {
  get(): Settings;
  update(changes: Partial<Settings>): Settings;
  /** The console's own preferences (theme, language, the last username), read before anyone signs in. */
  preferences(): Preferences;
  updatePreferences(changes: Partial<Omit<Preferences, 'lastUsername'>>): Preferences;
  /**
   * A member signed in: the Unlock form offers this username next time. Held in memory for as long as the app runs,
   * and written to settings.json only when rememberUsername is on (usernames are otherwise nowhere on disk in plain
   * text: keyslots are found by an HMAC of the username).
   */
  signedIn(username: string): void;
}

/** What settings.json holds under "preferences"; every field optional, so a hand-edited file loses only what is wrong. */
const StoredPreferences = z.object({
  theme: Preferences.shape.theme.optional().catch(undefined),
  language: Preferences.shape.language.optional().catch(undefined),
  rememberUsername: z.boolean().optional().catch(undefined),
  lastUsername: z.string().max(64).optional().catch(undefined),
});
type StoredPreferences = z.infer<typeof StoredPreferences>;

type SettingsFile = Settings & { preferences?: StoredPreferences };

const WRITE_FAILED = 'The settings could not be saved to disk (is the disk full or read-only?). Nothing was changed.';

export function openSettings(dataDir: string): SettingsStore {
  const conf = new Conf<SettingsFile>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'secure-key-manager-desktop',
    defaults: { autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES },
  });
  const stored = (): Record<string, unknown> | undefined => {
    try {
      const value: unknown = conf.store;
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const read = (): Settings => {
    // A hand-edited or unreadable file must not break the app: fall back to defaults for anything out of range.
    const { preferences: _preferences, ...rest } = stored() ?? {};
    const parsed = Settings.safeParse(rest);
    return parsed.success ? parsed.data : { autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES };
  };
  const readPreferences = (): StoredPreferences => {
    const parsed = StoredPreferences.safeParse(stored()?.preferences);
    return parsed.success ? Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) : {};
  };
  const writePreferences = (next: StoredPreferences): void => {
    try {
      conf.set('preferences', next);
    } catch {
      throw new SkmError('SETTINGS_WRITE_FAILED', WRITE_FAILED);
    }
  };
  let lastUsername = readPreferences().lastUsername;
  const preferences = (): Preferences => {
    const { lastUsername: _onDisk, ...chosen } = readPreferences();
    return { ...PREFERENCE_DEFAULTS, ...chosen, ...(lastUsername ? { lastUsername } : {}) };
  };

  return {
    get: read,
    update(changes) {
      const next = Settings.parse({ ...read(), ...changes });
      try {
        conf.set(next);
      } catch {
        throw new SkmError('SETTINGS_WRITE_FAILED', WRITE_FAILED);
      }
      return next;
    },
    preferences,
    updatePreferences(changes) {
      const { lastUsername: _onDisk, ...current } = readPreferences();
      const next: StoredPreferences = { ...current, ...changes };
      // Turning remembering on keeps the username known now; turning it off takes it off the disk at once.
      if (next.rememberUsername && lastUsername) next.lastUsername = lastUsername;
      writePreferences(next);
      return preferences();
    },
    signedIn(username) {
      lastUsername = username;
      const current = readPreferences();
      if (current.rememberUsername && current.lastUsername !== username) writePreferences({ ...current, lastUsername: username });
    },
  };
}
