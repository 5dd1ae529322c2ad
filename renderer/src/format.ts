import { AuthMethodLabels, type AuthMethod } from '../../shared/domain';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatDate = (iso: string | null | undefined): string => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatMethods = (methods: AuthMethod[]): string => methods.map((m) => AuthMethodLabels[m]).join(', ');
