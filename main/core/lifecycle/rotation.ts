/** Rotation rules: a cycle of 0 means no automatic rotation; otherwise the next date is counted from `from`. */
const DAY_MS = 24 * 60 * 60 * 1000;

export const nextRotationAt = (cycleDays: number, from: Date): string | null =>
  cycleDays > 0 ? new Date(from.getTime() + cycleDays * DAY_MS).toISOString() : null;

export interface Rotatable {
  origin: 'generated' | 'imported';
  nextRotationAt: string | null;
  lifecycle: { status: string };
}

/** Due when a date is set and passed. Keys Scheduled to be Deleted are not rotated. */
export const isRotationDue = (key: Rotatable, now: Date): boolean =>
  key.origin === 'generated' && key.lifecycle.status === 'in-service' && key.nextRotationAt !== null && Date.parse(key.nextRotationAt) <= now.getTime();
