/**
 * Stable error codes. The renderer and client programs branch on these, so a code is never renamed or reused;
 * the message next to it is for people and says what to do next. Messages never carry secret values.
 */
export const ErrorCodes = [
  'VALIDATION_FAILED',
  'VAULT_EXISTS',
  'VAULT_NOT_FOUND',
  'VAULT_LOCKED',
  'VAULT_IN_USE',
  'VAULT_DAMAGED',
  'VAULT_UNREADABLE',
  'VAULT_WRITE_FAILED',
  'WRONG_CREDENTIALS',
  'KEY_STORE_NOT_FOUND',
  'KEY_STORE_NAME_TAKEN',
  'KEY_NOT_FOUND',
  'KEY_NAME_TAKEN',
  'INVALID_KEY_DATA',
  'KEY_SCHEDULED_FOR_DELETION',
  'INVALID_STATE',
  'CONFIRMATION_MISMATCH',
  'ROTATION_NOT_ALLOWED',
  'OPERATION_NOT_SUPPORTED',
  'CIPHERTEXT_INVALID',
  'SIGNATURE_INVALID',
  'KEY_VERSION_NOT_FOUND',
  'AUTH_ENTRY_NOT_FOUND',
  'AUTH_DUPLICATE',
  'AUTH_SCHEDULED_FOR_DELETION',
  /** The key store is Scheduled to be Deleted: nothing new (keys, authentication information) can be added to it. */
  'KEY_STORE_SCHEDULED_FOR_DELETION',
  'FILE_WRITE_FAILED',
  'UNTRUSTED_SENDER',
  'UNKNOWN_CHANNEL',
  'VAULT_ROLLED_BACK',
  'VAULT_READ_ONLY',
  'UNLOCK_BUSY',
  'SETTINGS_WRITE_FAILED',
  'FORBIDDEN',
  'DELETION_HELD',
  /** The Approval Feature is on: changes go through Key Store Management and a request someone else approves. */
  'APPROVAL_REQUIRED',
  /** A requester may not approve their own request. */
  'SELF_APPROVAL',
  /** The last ADMIN cannot be removed or lose the ADMIN role. */
  'LAST_ADMIN',
  'MEMBER_NOT_FOUND',
  'USERNAME_TAKEN',
  /** No approval request (or staged change) with that id. */
  'REQUEST_NOT_FOUND',
  /** The request was already decided (approved, denied, withdrawn, expired or failed). */
  'REQUEST_NOT_PENDING',
  /** An item changed since the request was made: the request failed and nothing was applied. */
  'REQUEST_STALE',
  /** The Approval Feature cannot be turned on (or a request cannot be made) without enough approvers. */
  'APPROVAL_FEATURE_BLOCKED',
  /** The key's Allow export option is off: its material stays in the vault. */
  'EXPORT_NOT_ALLOWED',
  /** Key API: the Key API is not serving, or is already serving. */
  'KEY_API_STATE',
  /** Key API: the listen address and port could not be bound (in use, not an address of this machine, no permission). */
  'KEY_API_LISTEN_FAILED',
  /** The audit trail could not be written (disk full, read-only): the action is not reported as done. */
  'AUDIT_WRITE_FAILED',
  /** Key transfer: the destination's public wrapping key is not one it can use (not RSA, a size the destination has no key of). */
  'WRAPPING_KEY_REFUSED',
  /** Key transfer: the destination does not import this kind of key (Ed25519 into Azure Key Vault, for example). */
  'DESTINATION_REFUSED',
  /** Import wrapped: the blob was wrapped for another RSA key than this vault's wrapping key (or with another OAEP hash). */
  'WRAPPED_KEY_MISMATCH',
  /** Import wrapped: the blob is truncated or damaged (its AES key wrap failed its integrity check). */
  'WRAPPED_KEY_INVALID',
  'INTERNAL',
  /** Browser host: the call came without a live console session (cookie and page token), or it has ended. */
  'SESSION_INVALID',
  /** Browser host: the vault was locked, so this session may only unlock or create a vault. */
  'SESSION_LOCKED',
  /** The page cannot reach its host any more (the browser host or Electron's main process stopped). Said by the page's bridge, never by main. */
  'HOST_UNREACHABLE',
] as const;

export type ErrorCode = (typeof ErrorCodes)[number];

/** What crosses a process boundary when a call fails. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Field the message is about, so a form can put it under the right input. */
  field?: string;
  /**
   * When more than one field was refused: each field's first message, so a form shows them all at once. `field` and
   * `message` are the first of them (for callers that show one).
   */
  fields?: Record<string, string>;
}

/** An expected failure with a stable code. Anything else is reported as INTERNAL without its details. */
export class SkmError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly fields?: Record<string, string>;
  constructor(code: ErrorCode, message: string, field?: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'SkmError';
    this.code = code;
    if (field !== undefined) this.field = field;
    if (fields !== undefined) this.fields = fields;
  }
  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.field !== undefined) info.field = this.field;
    if (this.fields !== undefined) info.fields = this.fields;
    return info;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
