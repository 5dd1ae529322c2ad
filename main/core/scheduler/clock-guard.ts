/**
 * A wall clock that jumps far forward (set by hand, a bad NTP answer, a laptop that slept for days) would make every
 * Scheduled to be Deleted item due at once and destroy keys whose 7 days never really passed. So when more than a day
 * has gone by since the scheduler last looked at the clock, deletions that fell due within that gap are held until an
 * administrator confirms them; deletions due before the gap, and rotations (which destroy nothing), go ahead.
 */
export const CLOCK_JUMP_MS = 24 * 60 * 60 * 1000;

export interface DeletionHoldInput {
  now: Date;
  /** When the scheduler last looked at the clock (this computer's record), if ever. */
  lastCheckedAt: string | undefined;
  /** A hold already in force: deletions due after this instant wait. */
  holdSince: string | undefined;
  /** How many items would be deleted if everything due by `at` were deleted. */
  dueBy: (at: Date) => number;
}

/** The instant up to which due deletions may run now, and whether a new hold starts with this pass. */
export function deletionLimit({ now, lastCheckedAt, holdSince, dueBy }: DeletionHoldInput): { limit: Date; newHold?: string } {
  if (holdSince) return { limit: new Date(holdSince) };
  if (!lastCheckedAt) return { limit: now };
  const last = new Date(lastCheckedAt);
  if (Number.isNaN(last.getTime()) || now.getTime() - last.getTime() <= CLOCK_JUMP_MS) return { limit: now };
  // Only hold when the gap actually made something due; otherwise a long weekend asks nothing of anyone.
  if (dueBy(now) <= dueBy(last)) return { limit: now };
  return { limit: last, newHold: lastCheckedAt };
}
