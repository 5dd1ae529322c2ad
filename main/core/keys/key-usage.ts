import type { Vault } from '../vault/vault';

/** `lastAt` in milliseconds: the date is formatted only when shown or written, not on every call. */
interface Tally {
  calls: number;
  lastAt: number;
}

/**
 * Key API calls per key, counted in memory on the hot path and written to the vault in batches (every FLUSH_MS, and
 * when the Key API stops or the vault closes): an encrypt call never waits for a vault write. What a crash loses is at
 * most the counts of the last interval, which is the trade Vault's own usage metrics make too.
 */
export class KeyUsage {
  private pending = new Map<string, Tally>();
  private flushing: Promise<void> | null = null;

  constructor(private readonly vault: Vault) {}

  count(keyId: string, at: Date): void {
    const tally = this.pending.get(keyId);
    if (tally) {
      tally.calls += 1;
      tally.lastAt = at.getTime();
    } else this.pending.set(keyId, { calls: 1, lastAt: at.getTime() });
  }

  /** What Detail Key Information shows: the kept count plus what is still in memory. */
  of(keyId: string): { calls: number; lastAt: string | null } {
    const kept = this.vault.data.apiUsage?.[keyId];
    const fresh = this.pending.get(keyId);
    return { calls: (kept?.calls ?? 0) + (fresh?.calls ?? 0), lastAt: fresh ? new Date(fresh.lastAt).toISOString() : (kept?.lastAt ?? null) };
  }

  get unsaved(): number {
    return this.pending.size;
  }

  /** One vault write for everything counted since the last flush. Counts of deleted keys are dropped. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    if (this.pending.size === 0) return Promise.resolve();
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.vault
      .update((draft) => {
        const live = new Set(draft.keys.map((k) => k.id));
        const next: NonNullable<typeof draft.apiUsage> = {};
        for (const [id, kept] of Object.entries(draft.apiUsage ?? {})) if (live.has(id)) next[id] = kept;
        for (const [id, tally] of batch) {
          if (!live.has(id)) continue;
          next[id] = { calls: (next[id]?.calls ?? 0) + tally.calls, lastAt: new Date(tally.lastAt).toISOString() };
        }
        draft.apiUsage = next;
      })
      .catch(() => {
        // Not written (locked, read-only, disk full): keep the counts in memory for the next try.
        for (const [id, tally] of batch) {
          const newer = this.pending.get(id);
          this.pending.set(id, { calls: tally.calls + (newer?.calls ?? 0), lastAt: newer?.lastAt ?? tally.lastAt });
        }
      })
      .finally(() => {
        this.flushing = null;
      });
    return this.flushing;
  }
}
