import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameName } from '../../main/core/names';

const collator = new Intl.Collator(undefined, { sensitivity: 'accent' });
const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 12 });

describe('sameName', () => {
  it('answers as the collator does for printable ASCII names (its fast path)', () => {
    fc.assert(
      fc.property(printable, printable, fc.boolean(), (a, b, flip) => {
        // Half of the pairs are the same name in other letter cases, so the equal case is well covered.
        const other = flip ? a.toUpperCase() : b;
        expect(sameName(a, other)).toBe(collator.compare(a, other) === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores letter case but not accents, in any script', () => {
    expect(sameName('Payments', 'payments')).toBe(true);
    expect(sameName('café', 'CAFÉ')).toBe(true);
    expect(sameName('cafe', 'café')).toBe(false);
    expect(sameName('결제 키', '결제 키')).toBe(true);
    expect(sameName('결제 키', '결제키')).toBe(false);
  });
});
