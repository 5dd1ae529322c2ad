import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameIndex, namedAs, sameName } from '../../main/core/names';

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

describe('namedAs', () => {
  const names = fc.oneof(printable, fc.constantFrom('Payments', 'PAYMENTS', 'café', 'CAFÉ', 'cafe', '결제 키', 'Ｐａｙｍｅｎｔｓ', 'K', '\u212a'));

  it('answers as sameName, whichever side is ASCII', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        expect(namedAs(a)({ name: b })).toBe(sameName(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('follows a record renamed after its name was folded (a draft edits its own copy in place)', () => {
    const record = { name: 'Payments' };
    expect(namedAs('payments')(record)).toBe(true);
    record.name = 'Refunds';
    expect(namedAs('payments')(record)).toBe(false);
    expect(namedAs('REFUNDS')(record)).toBe(true);
  });
});

describe('NameIndex', () => {
  type Rec = { scope: string; name: string };
  const names = fc.constantFrom('a', 'A', 'b', 'key-1', 'KEY-1', 'café', 'CAFÉ', 'Ｐａｙ', 'pay', '결제');
  const scopes = fc.constantFrom('s1', 's2');
  // What copy-on-write drafts do to a list: append, replace by a (maybe renamed) copy, remove; and checks against the
  // list as it is now or an older, shorter list (the live vault while a draft has gone further).
  const step = fc.oneof(
    fc.record({ op: fc.constant('append' as const), scope: scopes, name: names }),
    fc.record({ op: fc.constant('rename' as const), at: fc.nat(), name: names }),
    fc.record({ op: fc.constant('remove' as const), at: fc.nat() }),
    fc.record({ op: fc.constant('check' as const), scope: scopes, name: names, older: fc.boolean() }),
  );

  it('answers as a check against every record would, whatever drafts do to the list', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const index = new NameIndex<Rec>((r) => r.scope);
        let list: Rec[] = [];
        let older: Rec[] = [];
        for (const s of steps) {
          if (s.op === 'check') {
            const target = s.older ? older : list;
            const named = namedAs(s.name);
            expect(index.has(target, s.scope, s.name)).toBe(target.some((r) => r.scope === s.scope && named(r)));
            continue;
          }
          older = list;
          list = [...list];
          if (s.op === 'append') list.push({ scope: s.scope, name: s.name });
          else if (list.length === 0) continue;
          else if (s.op === 'rename') list[s.at % list.length] = { ...list[s.at % list.length]!, name: s.name };
          else list.splice(s.at % list.length, 1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('notices a record renamed in place (a draft editing its private copy)', () => {
    const index = new NameIndex<Rec>((r) => r.scope);
    const list: Rec[] = [{ scope: 's', name: 'Payments' }];
    expect(index.has(list, 's', 'payments')).toBe(true);
    list[0]!.name = 'Refunds';
    expect(index.has(list, 's', 'payments')).toBe(false);
    expect(index.has(list, 's', 'REFUNDS')).toBe(true);
  });
});
