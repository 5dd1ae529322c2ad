import type { Channel, Input, Output, SkmBridge } from '../shared/contract';
import { eventNames, type EventMap, type EventName } from '../shared/events';
import type { Result } from '../shared/errors';

/**
 * The browser host's stand-in for the Electron preload: the same window.skm, over fetch.
 *
 * A console session has two halves: an HttpOnly cookie this script never sees, and a token that only the page holds.
 * The token arrives once, on the launch page, and is kept in sessionStorage (this tab and origin only; it survives
 * a reload). It goes as a header on every request, so the event stream and downloads are read with fetch rather
 * than EventSource or a plain link. Other console tabs of the same browser share it over a BroadcastChannel, which
 * only pages of this exact origin can join.
 */
const HEADER = 'X-SKM-Session'; // SESSION_HEADER in main/browser/server.ts
const STORE_KEY = 'skm.session';
const ASK_SIBLINGS_MS = 1000;
const BLOB_LIFETIME_MS = 2 * 60_000;

interface Held {
  token: string;
  /** When this tab family got it from the host: the newest wins when tabs disagree. */
  at: number;
}

const tabs = new BroadcastChannel('skm.session');
let held: Held | null = readStored();
let tokenArrived: (() => void) | undefined;

function readStored(): Held | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? 'null') as Partial<Held> | null;
    return typeof value?.token === 'string' && typeof value.at === 'number' ? { token: value.token, at: value.at } : null;
  } catch {
    return null;
  }
}

function hold(next: Held, tellOtherTabs: boolean): void {
  held = next;
  sessionStorage.setItem(STORE_KEY, JSON.stringify(next));
  if (tellOtherTabs) tabs.postMessage({ kind: 'token', ...next });
  tokenArrived?.();
  restartEvents();
}

tabs.onmessage = (e: MessageEvent<{ kind?: string; token?: unknown; at?: unknown }>) => {
  const m = e.data;
  if (m?.kind === 'ask' && held) tabs.postMessage({ kind: 'token', ...held });
  if (m?.kind === 'token' && typeof m.token === 'string' && typeof m.at === 'number' && (!held || m.at > held.at)) hold({ token: m.token, at: m.at }, false);
};

// The launch page carries the token once; keep it and move on to the console, which replaces the launch address in
// this tab's history.
const launch = document.querySelector<HTMLMetaElement>('meta[name="skm-session"]');
if (launch) {
  hold({ token: launch.content, at: Date.now() }, true);
  launch.remove();
  location.replace('/');
}

/** A tab opened at the console address (not through a launch) asks the console's other tabs for the token. */
const ready: Promise<void> = held
  ? Promise.resolve()
  : new Promise((resolve) => {
      tokenArrived = resolve;
      setTimeout(resolve, ASK_SIBLINGS_MS);
      tabs.postMessage({ kind: 'ask' });
    });

const withToken = (headers: Record<string, string> = {}): Record<string, string> => (held ? { ...headers, [HEADER]: held.token } : headers);

// ---- push events: server-sent events read over fetch ----

const listeners = new Map<EventName, Set<(payload: never) => void>>();
let stream: AbortController | undefined;
let wanted = false;

function deliverEvent(name: string, data: string): void {
  if (!(eventNames as readonly string[]).includes(name)) return;
  const payload = JSON.parse(data) as never;
  listeners.get(name as EventName)?.forEach((fn) => fn(payload));
}

/** Parses a text/event-stream body (the `event:` and `data:` fields; comments ignored). */
async function readEvents(body: ReadableStream<Uint8Array>): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let name = 'message';
  let data: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (data.length > 0) deliverEvent(name, data.join('\n'));
        name = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = fieldValue;
      else if (field === 'data') data.push(fieldValue);
    }
  }
}

function connectEvents(): void {
  wanted = true;
  if (stream) return;
  const controller = new AbortController();
  stream = controller;
  void (async () => {
    let again = true;
    try {
      await ready;
      const res = await fetch('/events', { headers: withToken(), signal: controller.signal, credentials: 'same-origin', cache: 'no-store' });
      // Refused (no session, or the vault is locked): wait for a new token rather than asking again and again.
      if (!res.ok || !res.body) {
        again = false;
        return;
      }
      await readEvents(res.body);
    } catch {
      // The connection dropped; try again below.
    } finally {
      if (stream === controller) {
        stream = undefined;
        if (again) setTimeout(connectEvents, 2000);
      }
    }
  })();
}

function restartEvents(): void {
  stream?.abort();
  stream = undefined;
  if (wanted) connectEvents();
}

// ---- downloads: the bytes are fetched with the token and handed to the renderer as a blob: URL ----

const isHostDownload = (value: unknown): value is { status: 'download'; url: string } =>
  typeof value === 'object' &&
  value !== null &&
  (value as { status?: unknown }).status === 'download' &&
  typeof (value as { url?: unknown }).url === 'string' &&
  (value as { url: string }).url.startsWith('/download/');

function fileName(disposition: string | null): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(disposition ?? '')?.[1] ?? 'download';
}

async function fetchDownload(url: string): Promise<Result<{ status: 'download'; url: string; name: string }>> {
  const res = await fetch(url, { headers: withToken(), credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) {
    const words = res.headers.get('content-type')?.startsWith('text/plain') ? await res.text() : `The console host refused the download (${res.status}).`;
    return { ok: false, error: { code: 'INTERNAL', message: words } };
  }
  const blobUrl = URL.createObjectURL(await res.blob());
  // The renderer starts the download at once; the bytes are not kept in this page longer than that needs.
  setTimeout(() => URL.revokeObjectURL(blobUrl), BLOB_LIFETIME_MS);
  return { ok: true, value: { status: 'download', url: blobUrl, name: fileName(res.headers.get('content-disposition')) } };
}

// ---- window.skm ----

const bridge: SkmBridge = {
  async invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    try {
      await ready;
      const res = await fetch(`/bridge/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: withToken({ 'Content-Type': 'application/json' }),
        body: JSON.stringify({ input }),
        credentials: 'same-origin',
      });
      // An unlock starts a new session: the host answers with its token (and cookie); the old pair is dead.
      const next = res.headers.get(HEADER);
      if (next) hold({ token: next, at: Date.now() }, true);
      // The bridge answers errors as JSON too (400, 401, 403, 413); anything else is the host refusing the request.
      if (!res.headers.get('content-type')?.startsWith('application/json')) {
        return { ok: false, error: { code: 'INTERNAL', message: `The console host refused the request (${res.status}).` } };
      }
      const result = (await res.json()) as Result<Output<C>>;
      if (result.ok && isHostDownload(result.value)) return (await fetchDownload(result.value.url)) as Result<Output<C>>;
      // Answers that carry a download beside other values (Export backup: the file and the shares shown once).
      const saved = result.ok ? (result.value as { saved?: unknown } | null)?.saved : undefined;
      if (result.ok && isHostDownload(saved)) {
        const fetched = await fetchDownload(saved.url);
        if (!fetched.ok) return fetched as Result<Output<C>>;
        return { ok: true, value: { ...(result.value as object), saved: fetched.value } } as Result<Output<C>>;
      }
      return result;
    } catch {
      // Nothing answered at all: the host process is gone (stopped, or its terminal closed). The page says so.
      return { ok: false, error: { code: 'HOST_UNREACHABLE', message: 'The console host is not reachable. Is it still running?' } };
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
