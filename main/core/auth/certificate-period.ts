import { periodEnd, periodStart } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import type { Validity } from './certificates';

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * The validity a new certificate gets for the whole UTC days asked (YYYY-MM-DD, already checked as real dates).
 * It starts today at the earliest, by the service's clock, and lies inside its CA's validity: a certificate that
 * outlives its issuer fails every chain check from the day the CA expires. Refusals name the field and the date
 * that would be accepted.
 */
export function certificatePeriod(validFrom: string, validTo: string, ca: Validity, now: Date, caIsNew: boolean): Validity {
  const today = isoDay(now);
  if (validFrom < today) throw new SkmError('VALIDATION_FAILED', `Valid from cannot be before today (${today}, UTC).`, 'validFrom');
  // The last whole day that ends inside the CA's validity.
  const latest = isoDay(new Date(ca.notAfter.getTime() - (DAY_MS - 1000)));
  const why = caIsNew ? `the key store's CA, created with this first certificate, is valid until ${latest}` : `the key store's CA is valid until ${latest}`;
  if (validFrom > latest) throw new SkmError('VALIDATION_FAILED', `Valid from can be ${latest} at the latest: ${why}.`, 'validFrom');
  if (validTo > latest) throw new SkmError('VALIDATION_FAILED', `Valid to can be ${latest} at the latest: ${why}.`, 'validTo');
  const start = periodStart(validFrom);
  // CAs made before whole-day alignment start mid-day: a certificate from that first day starts with its CA.
  return { notBefore: start < ca.notBefore ? ca.notBefore : start, notAfter: periodEnd(validTo) };
}
