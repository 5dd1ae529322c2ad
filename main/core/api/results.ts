import type { ErrorCode } from '../../../shared/errors';

/**
 * The Key API's answers in the cloud product's envelope: `{ header: { resultCode, resultMessage, isSuccessful }, body }`.
 * resultMessage is the cloud product's words; resultCode is stable (clients branch on it) and negative for failures.
 * `detail` adds our own words where the cloud message alone would leave an operator guessing (which field, which
 * version); it never carries a secret value, a plaintext or a ciphertext.
 */
export const ApiResults = {
  SUCCESS: { resultCode: 0, resultMessage: 'SUCCESS', status: 200 },
  INVALID_APPKEY: { resultCode: -1001, resultMessage: 'Invalid Appkey', status: 401 },
  INVALID_KEY_ID: { resultCode: -1002, resultMessage: 'Invalid Key ID', status: 404 },
  INVALID_KEY_VERSION: { resultCode: -1003, resultMessage: 'Invalid Key Version', status: 404 },
  INVALID_USER_DATA: { resultCode: -1004, resultMessage: 'Invalid User Data', status: 400 },
  INVALID_KEY_STATUS: { resultCode: -1005, resultMessage: 'Invalid Key Status', status: 409 },
  EXPORT_NOT_ALLOWED: { resultCode: -1006, resultMessage: 'Export Not Allowed', status: 403 },
  REQUEST_TOO_LARGE: { resultCode: -1007, resultMessage: 'Request Too Large', status: 413 },
  UNSUPPORTED_MEDIA_TYPE: { resultCode: -1008, resultMessage: 'Unsupported Media Type', status: 415 },
  IPV4_AUTH_FAILURE: { resultCode: -1101, resultMessage: 'IPv4 Auth Failure', status: 403 },
  MAC_AUTH_FAILURE: { resultCode: -1102, resultMessage: 'MAC Auth Failure', status: 403 },
  CERTIFICATE_AUTH_FAILURE: { resultCode: -1103, resultMessage: 'Certificate Auth Failure', status: 403 },
  TOO_MANY_AUTH_FAILURES: { resultCode: -1104, resultMessage: 'Too Many Auth Failures', status: 429 },
  URL_NOT_FOUND: { resultCode: -1201, resultMessage: 'URL NOT FOUND', status: 404 },
  METHOD_NOT_ALLOWED: { resultCode: -1202, resultMessage: 'Method Not Allowed', status: 405 },
  INTERNAL_ERROR: { resultCode: -1500, resultMessage: 'Internal Server Error', status: 500 },
  UNAVAILABLE: { resultCode: -1503, resultMessage: 'Service Unavailable', status: 503 },
} as const;

export type ApiResultName = keyof typeof ApiResults;

/** A failure on its way to the client: which result, and optional words of ours. */
export class ApiFailure extends Error {
  constructor(
    readonly result: Exclude<ApiResultName, 'SUCCESS'>,
    readonly detail?: string,
  ) {
    super(result);
    this.name = 'ApiFailure';
  }
}

export interface Envelope {
  header: { resultCode: number; resultMessage: string; isSuccessful: boolean; detail?: string };
  body: unknown;
}

export function envelope(name: ApiResultName, body: unknown = null, detail?: string): { status: number; payload: Envelope } {
  const { resultCode, resultMessage, status } = ApiResults[name];
  const header: Envelope['header'] = { resultCode, resultMessage, isSuccessful: name === 'SUCCESS' };
  if (detail !== undefined) header.detail = detail;
  return { status, payload: { header, body } };
}

/**
 * KeyService's stable codes -> the cloud product's results. The SkmError message goes along as `detail`: those
 * messages are written for people and never hold secrets (shared/errors.ts).
 */
export const RESULT_OF_CODE: Partial<Record<ErrorCode, Exclude<ApiResultName, 'SUCCESS'>>> = {
  KEY_NOT_FOUND: 'INVALID_KEY_ID',
  OPERATION_NOT_SUPPORTED: 'INVALID_KEY_ID',
  KEY_VERSION_NOT_FOUND: 'INVALID_KEY_VERSION',
  KEY_SCHEDULED_FOR_DELETION: 'INVALID_KEY_STATUS',
  CIPHERTEXT_INVALID: 'INVALID_USER_DATA',
  SIGNATURE_INVALID: 'INVALID_USER_DATA',
  VALIDATION_FAILED: 'INVALID_USER_DATA',
  EXPORT_NOT_ALLOWED: 'EXPORT_NOT_ALLOWED',
  VAULT_LOCKED: 'UNAVAILABLE',
};
