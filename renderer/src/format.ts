import { AuthMethodLabels, type AuthMethod } from '../../shared/domain';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** To the second, for the audit trail and ceremony records, where the order of actions a minute apart matters. */
const preciseDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
export const formatDate = (iso: string | null | undefined): string => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDateTime = (iso: string | null | undefined): string => (iso ? preciseDateTime.format(new Date(iso)) : '—');
export const formatMethods = (methods: AuthMethod[]): string => methods.map((m) => AuthMethodLabels[m]).join(', ');
