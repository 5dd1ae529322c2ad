import Conf from 'conf';
import { AUTO_LOCK_DEFAULT_MINUTES, Settings } from '../../shared/domain';
import { SkmError } from '../../shared/errors';

/** Non-secret preferences, kept beside the vault in settings.json (conf is electron-store's Electron-free base). */
export interface SettingsStore {
  get(): Settings;
  update(changes: Partial<Settings>): Settings;
}

export function openSettings(dataDir: string): SettingsStore {
  const conf = new Conf<Settings>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'secure-key-manager-desktop',
    defaults: { autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES },
  });
  const read = (): Settings => {
    // A hand-edited or unreadable file must not break the app: fall back to defaults for anything out of range.
    let stored: unknown;
    try {
      stored = conf.store;
    } catch {
      stored = undefined;
    }
    const parsed = Settings.safeParse(stored);
    return parsed.success ? parsed.data : { autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES };
  };
  return {
    get: read,
    update(changes) {
      const next = Settings.parse({ ...read(), ...changes });
      try {
        conf.set(next);
      } catch {
        throw new SkmError('SETTINGS_WRITE_FAILED', 'The settings could not be saved to disk (is the disk full or read-only?). Nothing was changed.');
      }
      return next;
    },
  };
}
