import type { Channel, Input, Output, SkmBridge } from '../shared/contract';
import { eventNames, type EventMap, type EventName } from '../shared/events';
import type { Result } from '../shared/errors';

/**
 * The browser host's stand-in for the Electron preload: the same window.skm, over fetch and server-sent events.
 * The session cookie is HttpOnly; this script never sees it.
 */
const listeners = new Map<EventName, Set<(payload: never) => void>>();
let source: EventSource | undefined;

function connectEvents(): void {
  if (source) return;
  source = new EventSource('/events');
  for (const name of eventNames) {
    source.addEventListener(name, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as never;
      listeners.get(name)?.forEach((fn) => fn(payload));
    });
  }
}

const bridge: SkmBridge = {
  async invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    try {
      const res = await fetch(`/bridge/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ input }),
        credentials: 'same-origin',
      });
      // The bridge answers errors as JSON too (400, 413); anything else is the host refusing the request.
      if (res.headers.get('content-type')?.startsWith('application/json')) return (await res.json()) as Result<Output<C>>;
      return { ok: false, error: { code: 'INTERNAL', message: `The console host refused the request (${res.status}).` } };
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: 'The console host is not reachable. Is it still running?' } };
    }
  },
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void {
    connectEvents();
    const set = listeners.get(event) ?? new Set();
    set.add(handler as (payload: never) => void);
    listeners.set(event, set);
    return () => set.delete(handler as (payload: never) => void);
  },
};

Object.defineProperty(window, 'skm', { value: Object.freeze(bridge), writable: false, configurable: false });
