import { contextBridge, ipcRenderer } from 'electron';
import type { Channel, Input, Output, SkmBridge } from '../shared/contract';
import { eventNames, type EventMap, type EventName } from '../shared/events';
import type { Result } from '../shared/errors';
import { channelNames } from '../shared/channel-names';

/**
 * Sandboxed preload: exposes exactly window.skm.invoke / window.skm.on for the contract's channels and events.
 * No raw ipcRenderer reaches the page.
 */
const allowedChannels = new Set<string>(channelNames);
const allowedEvents = new Set<string>(eventNames);

const bridge: SkmBridge = {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
    if (!allowedChannels.has(channel)) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown request.' } });
    return ipcRenderer.invoke(channel, input) as Promise<Result<Output<C>>>;
  },
  on<E extends EventName>(event: E, handler: (payload: EventMap[E]) => void): () => void {
    if (!allowedEvents.has(event)) return () => undefined;
    const listener = (_e: unknown, payload: EventMap[E]) => handler(payload);
    ipcRenderer.on(event, listener);
    return () => ipcRenderer.removeListener(event, listener);
  },
};

contextBridge.exposeInMainWorld('skm', bridge);
