/** Injectable time, so tests can move it (the scheduler and the deletion lifecycle depend on it). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
