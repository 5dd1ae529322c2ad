import type { Channel, Input, Output } from '../../shared/contract';
import type { ErrorCode, ErrorInfo } from '../../shared/errors';

/** A failed call, with the stable code and the field it is about (for forms). */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
    this.field = info.field;
  }
}

/** Calls main through window.skm and throws ApiError on failure. */
export async function call<C extends Channel>(channel: C, ...args: Input<C> extends void ? [] : [Input<C>]): Promise<Output<C>> {
  const result = await window.skm.invoke(channel, args[0] as Input<C>);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export const errorMessage = (err: unknown): string => (err instanceof ApiError ? err.message : 'Something went wrong; the operation was not completed.');
