// Names are unique ignoring letter case ("Payments" and "payments" would confuse people). One collator, reused:
// creating one per comparison (what localeCompare does) costs microseconds that add up over 10,000 records.
const nameCollator = new Intl.Collator(undefined, { sensitivity: 'accent' });
export const sameName = (a: string, b: string): boolean => nameCollator.compare(a, b) === 0;
