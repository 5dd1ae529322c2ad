import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { ko } from './ko';

/**
 * The one i18n layer. Keys are the English words themselves (key and namespace separators are off), so English needs
 * no resource file and a missing Korean entry falls back to English rather than to a key name. Every `t('…')` literal
 * in renderer/src must have an entry in ./ko (tests/unit/i18n.test.ts checks it).
 */
export const LANGUAGES = ['en', 'ko'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The OS language when it is one we have, English otherwise. */
export function systemLanguage(): Language {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  return preferred.some((l) => l.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

void i18next.use(initReactI18next).init({
  lng: systemLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  resources: { en: { translation: {} }, ko: { translation: ko } },
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

/** Switch the whole UI (and date formats) to `language`; components re-render through react-i18next. */
export function setLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return i18next.language === 'ko' ? 'ko' : 'en';
}

/** For components: `const t = useT();` then `t('Add Key Store')` or `t('Download {{name}}', { name })`. */
export function useT(): (typeof i18next)['t'] {
  return useTranslation().t;
}

/** Outside React (stores, helpers): the same function, read at call time so it follows a language change. */
export const t: (typeof i18next)['t'] = ((...args: Parameters<(typeof i18next)['t']>) => i18next.t(...args)) as (typeof i18next)['t'];
