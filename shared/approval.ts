import { z } from 'zod';
import { Id, Text, leaveOutUndefined } from './domain';

/**
 * The approval feature's part of the contract: the Governance Setting, staged changes (Key Store Management) and
 * approval requests (Approval List). Views carry no secret values: a staged Confidential Data, imported key bytes or
 * certificate password is shown as SECRET_SHOWN, never as itself.
 */

/** The channels whose calls can be staged: every change to a key store, its keys and its authentication information. */
export const StageableChannel = z.enum(
  [
    'keystores.create',
    'keystores.update',
    'keystores.requestDeletion',
    'keystores.cancelDeletion',
    'keystores.deleteNow',
    'keys.create',
    'keys.import',
    'keys.update',
    'keys.rotate',
    'keys.requestDeletion',
    'keys.cancelDeletion',
    'keys.deleteNow',
    'auth.addIpv4',
    'auth.addMac',
    'auth.addCertificate',
    'auth.requestDeletion',
    'auth.cancelDeletion',
    'auth.deleteNow',
  ],
  { error: 'Channel must be a change to a key store, a key or authentication information (for example "keys.create").' },
);
export type StageableChannel = z.infer<typeof StageableChannel>;

/** What a staged change is shown as, beside its item (the console guide's words). */
export const ChangeStatus = z.enum(['Added', 'Modified', 'Deleted', 'Request for Deletion', 'Cancel Deletion', 'Immediately Delete']);
export type ChangeStatus = z.infer<typeof ChangeStatus>;

export const RequestStatus = z.enum(['Pending', 'Approved', 'Denied', 'Withdrawn', 'Expired', 'Failed']);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** Shown in place of a secret value in every view of a staged change. */
export const SECRET_SHOWN = '(secret)';

export const GOVERNANCE_DEFAULTS = { approvalFeature: false, requiredApprovals: 1, requestExpiryDays: 7 } as const;
export const MAX_REQUIRED_APPROVALS = 10;
export const MAX_REQUEST_EXPIRY_DAYS = 90;

export const RequiredApprovals = z
  .number({ error: 'The number of required approvals must be a whole number.' })
  .int('The number of required approvals must be a whole number.')
  .min(1, 'The number of required approvals is at least 1.')
  .max(MAX_REQUIRED_APPROVALS, `The number of required approvals is at most ${MAX_REQUIRED_APPROVALS}.`);
export const RequestExpiryDays = z
  .number({ error: 'Request expiry must be a whole number of days.' })
  .int('Request expiry must be a whole number of days.')
  .min(1, 'Request expiry is at least 1 day.')
  .max(MAX_REQUEST_EXPIRY_DAYS, `Request expiry is at most ${MAX_REQUEST_EXPIRY_DAYS} days.`);

export const GovernanceView = z.object({
  approvalFeature: z.boolean(),
  requiredApprovals: z.number().int(),
  requestExpiryDays: z.number().int(),
  /** Members holding APPROVAL_ADMIN or APPROVAL_MEMBER, and those holding APPROVAL_ADMIN: what turning the feature on needs. */
  approvalMembers: z.number().int(),
  approvalAdmins: z.number().int(),
  /** While the feature is on, a governance change waits in this request for another APPROVAL ADMIN. */
  pendingRequestId: Id.nullable(),
});
export type GovernanceView = z.infer<typeof GovernanceView>;

export const UpdateGovernanceInput = z
  .strictObject({
    approvalFeature: z.boolean({ error: 'Approval feature is on or off (true or false).' }).optional(),
    requiredApprovals: RequiredApprovals.optional(),
    requestExpiryDays: RequestExpiryDays.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'This request takes at least one of approvalFeature, requiredApprovals, requestExpiryDays.',
  })
  .transform(leaveOutUndefined);

/** `keyStoreId` may be left out: it is read from the change itself (null for Add Key Store). When sent, it must match. */
export const StageInput = z.strictObject({
  keyStoreId: Id.nullable().optional(),
  channel: StageableChannel,
  /** The change's own input, checked with that channel's schema when staged. */
  input: z.unknown(),
});

/** The bucket of staged changes: a key store, or null for key stores still to be added. */
export const BucketInput = z.strictObject({ keyStoreId: Id.nullable() });
export const StagedRef = z.strictObject({ stagedId: Id });
export const RequestApprovalInput = z.strictObject({
  keyStoreId: Id.nullable(),
  comment: Text('Comment').trim().max(1000, 'Comments are at most 1,000 characters.').default(''),
});
export const RequestRef = z.strictObject({ requestId: Id });
export const ApproveInput = z.strictObject({
  requestId: Id,
  /** An APPROVAL ADMIN at the same desk who is not the one signed in. */
  coSigner: z
    .strictObject({
      username: Text('Username').max(64, 'Wrong username or passphrase.'),
      passphrase: Text('Passphrase').max(1024, 'Wrong username or passphrase.'),
    })
    .optional(),
});
export const DenyInput = z.strictObject({
  requestId: Id,
  reason: Text('Reason').trim().min(1, 'Enter the reason for the denial.').max(1000, 'Reasons are at most 1,000 characters.'),
});

export const FieldChange = z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() });
export type FieldChange = z.infer<typeof FieldChange>;

export const PersonRef = z.object({ id: z.string(), username: z.string() });

export const StagedChangeView = z.object({
  id: Id,
  keyStoreId: Id.nullable(),
  keyStoreName: z.string(),
  channel: StageableChannel.or(z.literal('governance.update')),
  status: ChangeStatus,
  /** What the item is, in the guide's words: "Symmetric Key", "IPv4 Address", "Key Store", "Governance Setting". */
  itemKind: z.string(),
  itemId: z.string().nullable(),
  itemName: z.string(),
  fields: z.array(FieldChange),
  stagedBy: PersonRef,
  stagedAt: z.string(),
});
export type StagedChangeView = z.infer<typeof StagedChangeView>;

export const ApprovalRequestView = z.object({
  id: Id,
  keyStoreId: Id.nullable(),
  keyStoreName: z.string(),
  requester: PersonRef,
  comment: z.string(),
  changes: z.array(StagedChangeView),
  status: RequestStatus,
  createdAt: z.string(),
  expiresAt: z.string(),
  requiredApprovals: z.number().int(),
  approvals: z.array(z.object({ member: PersonRef, at: z.string(), coSigned: z.boolean() })),
  decidedBy: PersonRef.nullable(),
  decidedAt: z.string().nullable(),
  denyReason: z.string().nullable(),
  failure: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), member: PersonRef.nullable(), event: z.string() })),
  /** For the buttons: the signed-in member made this request (no Approve), or may approve it now. */
  mine: z.boolean(),
  canApprove: z.boolean(),
});
export type ApprovalRequestView = z.infer<typeof ApprovalRequestView>;
