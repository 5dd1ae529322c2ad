/** Push events from main to the renderer (kept free of zod so the preloads stay small). */
export interface EventMap {
  /** The vault was locked (by the user, by idle time, or because the host is stopping). */
  'vault.locked': { reason: 'user' | 'idle' | 'shutdown' };
  /** Data changed outside the renderer's own call (the scheduler): refetch. */
  'data.changed': { scope: 'keystores' | 'keys' | 'auth' };
}
export type EventName = keyof EventMap;
export const eventNames: readonly EventName[] = ['vault.locked', 'data.changed'];
