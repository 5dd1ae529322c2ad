import Conf from 'conf';
import { AUTO_LOCK_DEFAULT_MINUTES, Settings } from '../../shared/domain';

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
    // A hand-edited file must not break the app: fall back to defaults for anything out of range.
    const parsed = Settings.safeParse(conf.store);
    return parsed.success ? parsed.data : { autoLockMinutes: AUTO_LOCK_DEFAULT_MINUTES };
  };
  return {
    get: read,
    update(changes) {
      const next = Settings.parse({ ...read(), ...changes });
      conf.set(next);
      return next;
    },
  };
}
