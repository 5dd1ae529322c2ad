import type { EventMap, EventName } from '../../shared/contract';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;

/** Typed push events from the KeyManager to whichever host forwards them to the renderer. */
export class Events {
  private readonly listeners = new Map<EventName, Set<Listener<never>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<never>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<never>);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<E>)(payload);
  }
}
