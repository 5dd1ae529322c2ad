import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileDurably } from './durable-file';

/**
 * What this computer remembers about its vault, kept outside vault.json on purpose: a copy of vault.json carries its
 * own header, so only a record kept elsewhere can tell that the file went back in time. Nothing secret is here.
 * - vaultId + generation: the newest generation opened or written here (rollback check at unlock);
 * - failedUnlocks: failed unlocks in a row, so restarting the app does not reset the back-off;
 * - schedulerCheckedAt / deletionHoldSince: the last time the scheduler looked at the clock, to notice a jump forward.
 * A missing or unreadable record counts as empty (first run, or a hand-edited file): the checks then start afresh.
 */
export const LocalStateRecord = z.object({
  vaultId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  generation: z.number().int().min(0).optional(),
  failedUnlocks: z.number().int().min(0).default(0),
  schedulerCheckedAt: z.string().optional(),
  /** Set when a clock jump held deletions (see scheduler/clock-guard.ts); cleared when an administrator confirms. */
  deletionHoldSince: z.string().optional(),
  /** When the last failed unlock happened: the back-off counts from it, across restarts too. */
  lastFailedUnlockAt: z.string().optional(),
  /**
   * When the failed unlocks since the last successful one happened (at most 100; times only, not the usernames
   * tried): the audit trail, sealed with a key only an open vault has, records them at the next unlock.
   */
  failedUnlockTimes: z.array(z.string()).max(100).optional(),
});
export type LocalStateRecord = z.infer<typeof LocalStateRecord>;

export class LocalState {
  private current: LocalStateRecord;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {
    this.current = LocalState.read(file);
  }

  private static read(file: string): LocalStateRecord {
    try {
      const parsed = LocalStateRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // missing or not JSON: start afresh
    }
    return { failedUnlocks: 0 };
  }

  get(): Readonly<LocalStateRecord> {
    return this.current;
  }

  /** Durable before it resolves; writes are serialised so the newest change is the one on disk. */
  update(changes: Partial<LocalStateRecord>): Promise<void> {
    this.current = { ...this.current, ...changes };
    const snapshot = JSON.stringify(this.current);
    const write = () => writeFileDurably(this.file, snapshot, undefined, { keepBackup: false });
    const next = this.queue.then(write, write);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
