import { create } from 'zustand';
import type { Input } from '../../../shared/contract';
import type { LanguageChoice, Preferences } from '../../../shared/domain';
import { call } from '../api';
import { setLanguage, systemLanguage, type Language } from '../i18n';

export const resolveLanguage = (choice: LanguageChoice): Language => (choice === 'system' ? systemLanguage() : choice);

interface PreferencesState {
  /** As main last reported them (null until loaded). Not secret: theme, language, the last username. */
  prefs: Preferences | null;
  /** Ask main again (at start, and when the Unlock screen shows: the last username changes at each sign-in). */
  load(): Promise<Preferences | null>;
  update(changes: Input<'preferences.update'>): Promise<Preferences>;
}

/** This computer's console preferences; the UI's language follows them at once (the theme follows in main.tsx). */
export const usePreferences = create<PreferencesState>((set) => {
  const take = (prefs: Preferences): Preferences => {
    set({ prefs });
    setLanguage(resolveLanguage(prefs.language));
    return prefs;
  };
  return {
    prefs: null,
    async load() {
      try {
        return take(await call('preferences.get'));
      } catch {
        return null; // the defaults (the OS's language and theme) stay; the console works without them
      }
    },
    async update(changes) {
      return take(await call('preferences.update', changes));
    },
  };
});
