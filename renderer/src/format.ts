import { AuthMethodLabels, type AuthMethod } from '../../shared/domain';
import { currentLanguage, t, type Language } from './i18n';

type Formats = { date: Intl.DateTimeFormat; precise: Intl.DateTimeFormat };
const formats = new Map<Language, Formats>();
/** Dates in the UI's language (Korean dates read 2026. 11. 29. 오후 3:04), made once per language. */
function formatsFor(language: Language): Formats {
  let f = formats.get(language);
  if (!f) {
    const locale = language === 'ko' ? 'ko-KR' : undefined; // English: the OS's own English (en-GB, en-US…) date order
    f = {
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
      /** To the second, for the audit trail and ceremony records, where the order of actions a minute apart matters. */
      precise: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }),
    };
    formats.set(language, f);
  }
  return f;
}
export const formatDate = (iso: string | null | undefined): string => (iso ? formatsFor(currentLanguage()).date.format(new Date(iso)) : '—');
export const formatDateTime = (iso: string | null | undefined): string => (iso ? formatsFor(currentLanguage()).precise.format(new Date(iso)) : '—');
export const formatMethods = (methods: AuthMethod[]): string => methods.map((m) => t(AuthMethodLabels[m])).join(', ');
