// Names are unique ignoring letter case ("Payments" and "payments" would confuse people). One collator, reused:
// creating one per comparison (what localeCompare does) costs microseconds that add up over 10,000 records.
const nameCollator = new Intl.Collator(undefined, { sensitivity: 'accent' });
/** Printable ASCII: for these names the collator's answer is plain case-insensitive equality, ten times cheaper. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The form two printable-ASCII names are compared in, or null when only the collator can tell. */
const foldOf = (name: string): string | null => (PRINTABLE_ASCII.test(name) ? name.toLowerCase() : null);

export const sameName = (a: string, b: string): boolean => {
  const foldA = foldOf(a);
  const foldB = foldA === null ? null : foldOf(b);
  return foldA !== null && foldB !== null ? foldA === foldB : nameCollator.compare(a, b) === 0;
};

/**
 * Each record's folded name, kept beside the record: a new key's name is checked against every key of its key store,
 * so seeding 10,000 keys would otherwise fold 50 million names. Records are shared between the live vault and its
 * drafts, and a draft may rename its private copy, so the fold is trusted only for the name it was made from.
 */
const recordFolds = new WeakMap<object, { name: string; fold: string | null }>();
function recordFold(record: { name: string }): string | null {
  const cached = recordFolds.get(record);
  if (cached?.name === record.name) return cached.fold;
  const fold = foldOf(record.name);
  recordFolds.set(record, { name: record.name, fold });
  return fold;
}

/** A test for records that carry `name` (as sameName compares), for checking one name against many records. */
export function namedAs(name: string): (record: { name: string }) => boolean {
  const needle = foldOf(name);
  return (record) => {
    const other = needle === null ? null : recordFold(record);
    return needle !== null && other !== null ? needle === other : nameCollator.compare(name, record.name) === 0;
  };
}

/**
 * The names a list of records holds, per scope (a key store), for checking a new name in O(1) instead of against every
 * record: 10,000 Add Key calls would otherwise compare 50 million names.
 *
 * The vault's lists are copy-on-write: a draft's list starts as the previous list's elements and an update appends,
 * replaces (a private copy, maybe renamed) or removes. So the index remembers the records it last saw, in order, and
 * where each name first appears. A list whose records are those, under the same names, as far as both go is answered
 * from the index: its own extra records are added, and a shorter list (the live vault while a draft has gone further)
 * counts only the names within its length. Anything else rebuilds the index. Comparing references is what keeps this
 * cheap. A record's scope must never change.
 */
export class NameIndex<R extends { name: string }> {
  private seen: R[] = [];
  private seenNames: string[] = [];
  /** Per scope: where each folded printable-ASCII name first appears, and the records only the collator can compare. */
  private scopes = new Map<string, { folded: Map<string, number>; others: number[] }>();

  constructor(private readonly scopeOf: (record: R) => string) {}

  /** Is `name` (as sameName compares) already held in `scope` by a record of `list`? */
  has(list: readonly R[], scope: string, name: string): boolean {
    this.sync(list);
    const held = this.scopes.get(scope);
    if (!held) return false;
    const within = (at: number | undefined) => at !== undefined && at < list.length;
    const fold = foldOf(name);
    if (fold !== null && within(held.folded.get(fold))) return true;
    // An ASCII name can still match a non-ASCII one under the collator ("Ｐａｙ" and "pay"): those are always asked.
    const candidates = fold === null ? list.filter((r) => this.scopeOf(r) === scope) : held.others.filter(within).map((at) => list[at]!);
    return candidates.some((r) => nameCollator.compare(name, r.name) === 0);
  }

  /** Forget every record (the vault is closing). */
  clear(): void {
    this.seen = [];
    this.seenNames = [];
    this.scopes.clear();
  }

  private sync(list: readonly R[]): void {
    const common = Math.min(list.length, this.seen.length);
    for (let i = 0; i < common; i++) {
      if (list[i] !== this.seen[i] || list[i]!.name !== this.seenNames[i]) {
        this.clear();
        break;
      }
    }
    for (let i = this.seen.length; i < list.length; i++) this.add(list[i]!);
  }

  private add(record: R): void {
    const at = this.seen.length;
    this.seen.push(record);
    this.seenNames.push(record.name);
    const scope = this.scopeOf(record);
    let held = this.scopes.get(scope);
    if (!held) this.scopes.set(scope, (held = { folded: new Map(), others: [] }));
    const fold = foldOf(record.name);
    if (fold === null) held.others.push(at);
    else if (!held.folded.has(fold)) held.folded.set(fold, at);
  }
}
