import type { Channel, Input, Output } from '../../shared/contract';
import type { ErrorCode, ErrorInfo } from '../../shared/errors';
import { t } from './i18n';

/** A failed call, with the stable code and the field(s) it is about (for forms). */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  /** Every refused field's message, when main refused more than one (see ErrorInfo.fields). */
  readonly fields: Readonly<Record<string, string>> | undefined;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
    this.field = info.field;
    this.fields = info.fields;
  }
}

const UNREACHABLE: ErrorInfo = { code: 'HOST_UNREACHABLE', message: 'The console host is not reachable. Is it still running?' };

type Listener = () => void;
const unreachableListeners = new Set<Listener>();

/** Called whenever a call finds the host gone (the browser host stopped, or Electron's main process): see session.ts. */
export function onHostUnreachable(listener: Listener): () => void {
  unreachableListeners.add(listener);
  return () => unreachableListeners.delete(listener);
}

/** Calls main through window.skm and throws ApiError on failure. */
export async function call<C extends Channel>(channel: C, ...args: Input<C> extends void ? [] : [Input<C>]): Promise<Output<C>> {
  let result: Awaited<ReturnType<typeof window.skm.invoke<C>>>;
  try {
    result = await window.skm.invoke(channel, args[0] as Input<C>);
  } catch {
    // Electron's invoke rejects when main is gone; the browser preload answers HOST_UNREACHABLE itself.
    result = { ok: false, error: UNREACHABLE };
  }
  if (!result.ok) {
    if (result.error.code === 'HOST_UNREACHABLE') unreachableListeners.forEach((listener) => listener());
    throw new ApiError(result.error);
  }
  return result.value;
}

export const errorMessage = (err: unknown): string => (err instanceof ApiError ? err.message : t('Something went wrong; the operation was not completed.'));
