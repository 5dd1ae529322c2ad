import { z } from 'zod';
import { ChangeStatus, FieldChange, RequestStatus, StageableChannel } from '../../../shared/approval';
import type { VaultDocument } from '../vault/document';
import { editable } from '../vault/draft';

/**
 * How the approval feature is kept in the vault document (optional: a vault that never staged anything has none).
 * A staged change is a deferred contract call: the channel, its parsed input and the version (updatedAt) of the item
 * it was made against. Its input may hold secrets (Confidential Data, imported key bytes, a certificate password):
 * they stay in the encrypted vault and are removed from the record once the request is decided.
 */
export const StagedChangeRecord = z.object({
  id: z.string(),
  /** The key store the change belongs to; null for Add Key Store and for Governance Setting changes. */
  keyStoreId: z.string().nullable(),
  keyStoreName: z.string(),
  channel: StageableChannel.or(z.literal('governance.update')),
  input: z.unknown(),
  itemId: z.string().nullable(),
  /** The item's updatedAt when staged (null for additions): at approval, a different one means someone changed it. */
  itemVersion: z.string().nullable(),
  itemKind: z.string(),
  itemName: z.string(),
  status: ChangeStatus,
  /** Before -> after per field, as staged, without secret values. */
  fields: z.array(FieldChange),
  stagedBy: z.string(),
  stagedAt: z.string(),
});
export type StagedChangeRecord = z.infer<typeof StagedChangeRecord>;

export const HistoryEntry = z.object({ at: z.string(), memberId: z.string().nullable(), event: z.string() });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const RequestRecord = z.object({
  id: z.string(),
  keyStoreId: z.string().nullable(),
  keyStoreName: z.string(),
  requesterId: z.string(),
  comment: z.string(),
  changes: z.array(StagedChangeRecord),
  status: RequestStatus,
  createdAt: z.string(),
  expiresAt: z.string(),
  /** The Governance Setting's number when the request was made: a later change does not move an open request. */
  requiredApprovals: z.number().int().min(1),
  approvals: z.array(z.object({ memberId: z.string(), at: z.string(), coSigned: z.boolean() })),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  denyReason: z.string().nullable(),
  failure: z.string().nullable(),
  /** Item 7 of issue 9: who did what and when, for the Approval List's detail view and the later audit trail. */
  history: z.array(HistoryEntry),
});
export type RequestRecord = z.infer<typeof RequestRecord>;

export const ApprovalsRecord = z.object({ staged: z.array(StagedChangeRecord), requests: z.array(RequestRecord) });
export type ApprovalsRecord = z.infer<typeof ApprovalsRecord>;

const EMPTY: ApprovalsRecord = { staged: [], requests: [] };
export const approvalsOf = (doc: Readonly<VaultDocument>): ApprovalsRecord => doc.approvals ?? EMPTY;

/**
 * Drafts copy only the document's top-level lists: give this draft its own approvals object and lists
 * (copy-on-write), once per draft, so that every update of a batch (one shared draft) sees the others.
 */
const ownByDraft = new WeakMap<VaultDocument, ApprovalsRecord>();
export function approvalsDraft(draft: VaultDocument): ApprovalsRecord {
  const known = ownByDraft.get(draft);
  if (known && draft.approvals === known) return known;
  const current = approvalsOf(draft);
  const own: ApprovalsRecord = { staged: [...current.staged], requests: [...current.requests] };
  ownByDraft.set(draft, own);
  draft.approvals = own;
  return own;
}

/** A request of this draft, copied so it can be changed. */
export function editableRequest(draft: VaultDocument, requestId: string): RequestRecord {
  const approvals = approvalsDraft(draft);
  const found = approvals.requests.find((r) => r.id === requestId);
  if (!found) throw new Error('request is not in this draft');
  return editable(approvals.requests, found);
}

/** Input fields that hold secret values, per channel: kept only until the request is decided, never shown. */
export const SECRET_FIELDS: Readonly<Partial<Record<StagedChangeRecord['channel'], readonly string[]>>> = {
  'keys.create': ['data'],
  // The wrapped blob too: with the vault's wrapping key beside it in the vault, it is as good as the key.
  'keys.import': ['keyData', 'wrapped'],
  'auth.addCertificate': ['password', 'confirmPassword'],
};

export const holdsSecrets = (change: StagedChangeRecord): boolean =>
  (SECRET_FIELDS[change.channel] ?? []).some((f) => typeof change.input === 'object' && change.input !== null && f in change.input);

/** The change without its secret input fields: what a decided request keeps. */
export function withoutSecrets(change: StagedChangeRecord): StagedChangeRecord {
  const secret = SECRET_FIELDS[change.channel];
  if (!secret || typeof change.input !== 'object' || change.input === null) return change;
  const input = Object.fromEntries(Object.entries(change.input).filter(([k]) => !secret.includes(k)));
  return { ...change, input };
}
