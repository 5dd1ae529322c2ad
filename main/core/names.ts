// Names are unique ignoring letter case ("Payments" and "payments" would confuse people). One collator, reused:
// creating one per comparison (what localeCompare does) costs microseconds that add up over 10,000 records.
const nameCollator = new Intl.Collator(undefined, { sensitivity: 'accent' });
/** Printable ASCII: for these names the collator's answer is plain case-insensitive equality, ten times cheaper. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
export const sameName = (a: string, b: string): boolean =>
  PRINTABLE_ASCII.test(a) && PRINTABLE_ASCII.test(b) ? a.length === b.length && a.toLowerCase() === b.toLowerCase() : nameCollator.compare(a, b) === 0;
