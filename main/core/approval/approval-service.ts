import {
  GOVERNANCE_DEFAULTS,
  StageInput,
  type ApprovalRequestView,
  type GovernanceView,
  type StageableChannel,
  type StagedChangeView,
} from '../../../shared/approval';
import { contract, type ParsedInput } from '../../../shared/contract';
import type { MemberView } from '../../../shared/domain';
import { SkmError } from '../../../shared/errors';
import type { z } from 'zod';
import { handlersFor, validationError } from '../bridge';
import type { Clock } from '../clock';
import type { KeyManager } from '../key-manager';
import type { VaultDocument } from '../vault/document';
import { newId, type Vault } from '../vault/vault';
import { describeChange } from './describe';
import { approvalsDraft, approvalsOf, editableRequest, holdsSecrets, withoutSecrets, type RequestRecord, type StagedChangeRecord } from './records';

const DAY_MS = 24 * 60 * 60 * 1000;
type Governance = NonNullable<VaultDocument['governance']>;
type GovernanceChanges = ParsedInput<'governance.update'>;
type Member = Pick<MemberView, 'id' | 'username' | 'role' | 'approvalRoles'>;

/** Failures of the disk or the session, not of the request: the request stays Pending and the approval can be retried. */
const RETRYABLE = new Set(['VAULT_LOCKED', 'VAULT_READ_ONLY', 'VAULT_WRITE_FAILED']);

/**
 * The request was decided (or approved by the same member) by another call while this one was waiting for the vault:
 * this call is refused as it would have been a moment later, and records nothing.
 */
class Superseded extends SkmError {}

/** The request, copied for change in `draft`, if it is still Pending there; `approverId` must not have approved it yet. */
function pendingInDraft(draft: VaultDocument, requestId: string, approverId?: string): RequestRecord {
  const current = approvalsOf(draft).requests.find((r) => r.id === requestId);
  if (!current || current.status !== 'Pending') {
    throw new Superseded(
      'REQUEST_NOT_PENDING',
      `That request was ${current?.status ?? 'removed'} meanwhile: only a Pending request can be approved, denied or withdrawn.`,
    );
  }
  if (approverId !== undefined && current.approvals.some((a) => a.memberId === approverId)) {
    throw new Superseded('INVALID_STATE', 'This approver has already approved this request; it needs another APPROVAL ADMIN.');
  }
  return editableRequest(draft, requestId);
}

export const governanceOf = (doc: Readonly<VaultDocument>): Governance => doc.governance ?? { ...GOVERNANCE_DEFAULTS };

const isApprovalAdmin = (m: Pick<Member, 'approvalRoles'>): boolean => m.approvalRoles.includes('APPROVAL_ADMIN');
const describeItem = (c: StagedChangeRecord): string => `${c.status}: ${c.itemKind} "${c.itemName}"`;

/**
 * The approval feature (issue 9): the Governance Setting, staged changes (Key Store Management), and requests that
 * other members approve or deny (Approval List). A staged change is a deferred contract call, applied at approval
 * through the same handlers the dispatcher calls, all of a request's changes in one vault write (Vault.batch).
 *
 * Choices made here:
 * - Each member stages in a space of their own, per key store; Request Approval sends the requester's own staged
 *   changes of that key store. So no one can get their own change approved through someone else's request.
 * - Add Key Store has no key store yet: it is staged in a bucket of its own (keyStoreId null, "New key stores") and
 *   requested from there; keys of a new key store are staged once it exists.
 * - While the feature is on, every Governance Setting change (turning it off, a lower number of approvals, a longer
 *   expiry) is a request that another APPROVAL ADMIN approves, so that one ADMIN cannot weaken the control alone.
 * - Withdraw returns the request's changes to the requester's staging, to fix and request again; a denied, expired
 *   or failed request's changes are dropped. Once decided, a request keeps no secret input (data, key bytes, password).
 * - The required number of approvals is taken when the request is made.
 *
 * The dispatcher checks the signed-in member's permission before any method here; this service checks only what is
 * about the request itself (the requester, a co-signer's role, the state of the request).
 */
export class ApprovalService {
  constructor(
    private readonly km: KeyManager,
    private readonly vault: Vault,
    private readonly clock: Clock,
  ) {}

  // ---- Governance Setting ----

  governance(): GovernanceView {
    const doc = this.vault.data;
    const g = governanceOf(doc);
    const members = this.members(doc);
    const pending = approvalsOf(doc).requests.find((r) => r.status === 'Pending' && r.changes.some((c) => c.channel === 'governance.update'));
    return {
      ...g,
      approvalMembers: members.filter((m) => m.approvalRoles.length > 0).length,
      approvalAdmins: members.filter(isApprovalAdmin).length,
      pendingRequestId: pending?.id ?? null,
    };
  }

  /**
   * Off: changes apply at once; turning on needs two members with an approval role, one of them APPROVAL ADMIN, and
   * enough APPROVAL ADMINs for the required approvals. On: the change becomes a request (see the class comment).
   */
  async updateGovernance(changes: GovernanceChanges): Promise<GovernanceView> {
    const doc = this.vault.data;
    const current = governanceOf(doc);
    const next: Governance = { ...current, ...changes };
    if (current.approvalFeature) {
      if (
        next.approvalFeature === current.approvalFeature &&
        next.requiredApprovals === current.requiredApprovals &&
        next.requestExpiryDays === current.requestExpiryDays
      ) {
        return this.governance();
      }
      const me = this.me();
      if (this.governance().pendingRequestId) {
        throw new SkmError('INVALID_STATE', 'A Governance Setting change is already waiting for approval. Wait for its decision, or withdraw it first.');
      }
      const fields = [
        ['Approval Feature', current.approvalFeature ? 'On' : 'Off', next.approvalFeature ? 'On' : 'Off'],
        ['Required approvals', `${current.requiredApprovals}`, `${next.requiredApprovals}`],
        ['Request expiry', `${current.requestExpiryDays} days`, `${next.requestExpiryDays} days`],
      ]
        .filter(([, before, after]) => before !== after)
        .map(([field, before, after]) => ({ field: field!, before: before!, after: after! }));
      const change: StagedChangeRecord = {
        id: newId(),
        keyStoreId: null,
        keyStoreName: 'Governance Setting',
        channel: 'governance.update',
        input: changes,
        itemId: null,
        itemVersion: null,
        itemKind: 'Governance Setting',
        itemName: 'Approval Feature',
        status: 'Modified',
        fields,
        stagedBy: me.id,
        stagedAt: this.clock.now().toISOString(),
      };
      await this.openRequest(me, null, 'Governance Setting', [change], '');
      return this.governance();
    }
    if (next.approvalFeature) this.assertCanTurnOn(doc, next);
    if (next.requiredApprovals !== current.requiredApprovals || next.requestExpiryDays !== current.requestExpiryDays || next.approvalFeature) {
      await this.vault.update((draft) => void (draft.governance = next));
    }
    return this.governance();
  }

  private assertCanTurnOn(doc: Readonly<VaultDocument>, next: Governance): void {
    const members = this.members(doc);
    const withRole = members.filter((m) => m.approvalRoles.length > 0);
    const admins = members.filter(isApprovalAdmin);
    if (withRole.length < 2 || admins.length < 1) {
      throw new SkmError(
        'APPROVAL_FEATURE_BLOCKED',
        `The Approval Feature needs at least two members with an approval role, at least one of them APPROVAL ADMIN, or no one could ever approve a change. ` +
          `Now ${withRole.length} member${withRole.length === 1 ? ' holds' : 's hold'} an approval role and ${admins.length} ${admins.length === 1 ? 'is' : 'are'} APPROVAL ADMIN. Grant the roles in Member Management first.`,
      );
    }
    if (next.requiredApprovals > admins.length) {
      throw new SkmError(
        'APPROVAL_FEATURE_BLOCKED',
        `Required approvals (${next.requiredApprovals}) is more than the number of APPROVAL ADMINs (${admins.length}): no request could ever be approved. Lower it, or grant APPROVAL ADMIN to more members.`,
        'requiredApprovals',
      );
    }
  }

  // ---- Key Store Management (staging) ----

  /** Check the change as its channel would (input schema, then the service's own rules) and keep it, unapplied. */
  async stage({ keyStoreId, channel, input }: z.output<typeof StageInput>): Promise<StagedChangeView> {
    this.assertFeatureOn();
    const parsed = contract[channel].input.safeParse(input);
    if (!parsed.success) {
      const info = validationError(parsed.error);
      // Every refused field, as a direct call reports them (the form shows them all at once).
      const fields = info.fields && Object.fromEntries(Object.entries(info.fields).map(([field, message]) => [`input.${field}`, message]));
      throw new SkmError('VALIDATION_FAILED', info.message, info.field ? `input.${info.field}` : 'input', fields);
    }
    const me = this.me();
    const now = this.clock.now();
    const doc = this.vault.data;
    const described = describeChange(doc, channel, parsed.data, this.stagedBy(doc, me.id), now);
    if (keyStoreId !== undefined && keyStoreId !== described.keyStoreId) {
      throw new SkmError(
        'VALIDATION_FAILED',
        described.keyStoreId === null
          ? 'Add Key Store is staged with no key store (keyStoreId null).'
          : `This change belongs to the key store "${described.keyStoreName}".`,
        'keyStoreId',
      );
    }
    const change: StagedChangeRecord = { id: newId(), channel, input: parsed.data, ...described, stagedBy: me.id, stagedAt: now.toISOString() };
    await this.vault.update((draft) => {
      // Checked again on the draft: another call may have staged the same name meanwhile.
      describeChange(draft, channel, parsed.data, this.stagedBy(draft, me.id), now);
      approvalsDraft(draft).staged.push(change);
    });
    return this.changeView(change, this.names());
  }

  /** The signed-in member's staged changes in a key store (null: key stores still to be added). */
  listStaged(keyStoreId: string | null): StagedChangeView[] {
    const doc = this.vault.data;
    const names = this.names();
    return this.stagedBy(doc, this.me().id)
      .filter((c) => c.keyStoreId === keyStoreId)
      .map((c) => this.changeView(c, names));
  }

  async discard(stagedId: string): Promise<void> {
    const me = this.me();
    const change = this.stagedBy(this.vault.data, me.id).find((c) => c.id === stagedId);
    if (!change) throw new SkmError('REQUEST_NOT_FOUND', 'That staged change no longer exists (it was discarded or sent for approval). Refresh the list.');
    // A staged secret must not stay behind in vault.json.bak either.
    await this.vault.update(
      (draft) => {
        const approvals = approvalsDraft(draft);
        approvals.staged = approvals.staged.filter((c) => c.id !== stagedId);
      },
      { purgeBackup: holdsSecrets(change) },
    );
  }

  // ---- requests ----

  /** Request Approval: the signed-in member's staged changes of the key store become one request. */
  async request({ keyStoreId, comment }: ParsedInput<'approvals.request'>): Promise<ApprovalRequestView> {
    this.assertFeatureOn();
    const me = this.me();
    const doc = this.vault.data;
    const changes = this.stagedBy(doc, me.id).filter((c) => c.keyStoreId === keyStoreId);
    if (changes.length === 0) {
      throw new SkmError('INVALID_STATE', 'You have no staged changes for this key store. Add, modify or delete something in Key Store Management first.');
    }
    // A change already out of date would only fail at approval: say so now.
    const stale = staleChange(doc, changes);
    if (stale) throw new SkmError('REQUEST_STALE', `${stale.words} ${stale.storeGone ? 'Discard that change.' : 'Discard that change and stage it again.'}`);
    const name = keyStoreId === null ? 'New key stores' : changes[0]!.keyStoreName;
    const id = await this.openRequest(me, keyStoreId, name, changes, comment);
    return this.requestView(this.findRequest(this.vault.data, id), this.names(), me);
  }

  /** Withdraw (requester only, while pending): the changes go back to the requester's staging. */
  async withdraw(requestId: string): Promise<ApprovalRequestView> {
    await this.expireDue();
    const me = this.me();
    const request = this.pendingRequest(requestId);
    if (request.requesterId !== me.id) throw new SkmError('FORBIDDEN', 'Only the member who made a request can withdraw it.');
    const at = this.clock.now().toISOString();
    await this.vault.update((draft) => {
      const r = pendingInDraft(draft, requestId);
      approvalsDraft(draft).staged.push(...r.changes.filter((c) => c.channel !== 'governance.update'));
      Object.assign(r, { status: 'Withdrawn', decidedBy: me.id, decidedAt: at, changes: r.changes.map(withoutSecrets) });
      r.history.push({ at, memberId: me.id, event: 'Withdrawn by the requester; the changes are back in Key Store Management.' });
    });
    return this.requestView(this.findRequest(this.vault.data, requestId), this.names(), me);
  }

  /** The Approval List: every request, newest first. Pending requests past their date are expired first. */
  async list(): Promise<ApprovalRequestView[]> {
    if (!this.vault.readOnly) await this.expireDue();
    const me = this.me();
    const names = this.names();
    return [...approvalsOf(this.vault.data).requests].reverse().map((r) => this.requestView(r, names, me));
  }

  /**
   * Approve as the signed-in member, or as `coSigner` (an APPROVAL ADMIN at the same desk, checked against their own
   * passphrase). When the request has its required approvals, all its changes are applied in one vault write, or
   * none: an item changed since staging (or a change its service refuses now) makes the request Failed.
   */
  async approve(requestId: string, coSigner?: { username: string; passphrase: string }): Promise<ApprovalRequestView> {
    await this.expireDue();
    let request = this.pendingRequest(requestId);
    const approver: Member = coSigner ? await this.km.verifyMemberPassphrase(coSigner.username, coSigner.passphrase) : this.me();
    if (approver.id === request.requesterId) {
      throw new SkmError('SELF_APPROVAL', 'The requester cannot approve their own request: another APPROVAL ADMIN must approve it.');
    }
    if (coSigner && !isApprovalAdmin(approver)) {
      throw new SkmError('FORBIDDEN', `${approver.username} does not hold the APPROVAL_ADMIN role, so they cannot approve requests.`);
    }
    // The co-signer's check took time (key derivation): read the request again.
    request = this.pendingRequest(requestId);
    if (request.approvals.some((a) => a.memberId === approver.id)) {
      throw new SkmError('INVALID_STATE', `${approver.username} has already approved this request; it needs another APPROVAL ADMIN.`);
    }
    const at = this.clock.now().toISOString();
    const approval = { memberId: approver.id, at, coSigned: coSigner !== undefined };
    const event = coSigner ? `Approved (co-signed at this workstation by ${approver.username})` : 'Approved';
    const record = (r: RequestRecord) => {
      r.approvals.push(approval);
      r.history.push({ at, memberId: approver.id, event });
    };
    if (request.approvals.length + 1 < request.requiredApprovals) {
      await this.vault.update((draft) => record(pendingInDraft(draft, requestId, approver.id)));
    } else {
      await this.applyRequest(request, approver, record);
    }
    return this.requestView(this.findRequest(this.vault.data, requestId), this.names(), this.me());
  }

  /** Deny ends the request at once, with the approver's reason. */
  async deny(requestId: string, reason: string): Promise<ApprovalRequestView> {
    await this.expireDue();
    const me = this.me();
    const request = this.pendingRequest(requestId);
    if (request.requesterId === me.id) throw new SkmError('SELF_APPROVAL', 'The requester cannot decide their own request: withdraw it instead.');
    const at = this.clock.now().toISOString();
    await this.vault.update(
      (draft) => {
        const r = pendingInDraft(draft, requestId);
        Object.assign(r, { status: 'Denied', decidedBy: me.id, decidedAt: at, denyReason: reason, changes: r.changes.map(withoutSecrets) });
        r.history.push({ at, memberId: me.id, event: `Denied: ${reason}` });
      },
      { purgeBackup: request.changes.some(holdsSecrets) },
    );
    return this.requestView(this.findRequest(this.vault.data, requestId), this.names(), me);
  }

  /** Pending requests past their expiry become Expired (the scheduler's pass, and before any request is acted on). */
  async expireDue(): Promise<number> {
    const now = this.clock.now();
    const due = (r: RequestRecord) => r.status === 'Pending' && Date.parse(r.expiresAt) <= now.getTime();
    const expiring = approvalsOf(this.vault.data).requests.filter(due);
    if (expiring.length === 0) return 0;
    const at = now.toISOString();
    return this.vault.update(
      (draft) => {
        const ids = approvalsOf(draft)
          .requests.filter(due)
          .map((r) => r.id);
        for (const id of ids) {
          const r = editableRequest(draft, id);
          Object.assign(r, { status: 'Expired', decidedAt: at, changes: r.changes.map(withoutSecrets) });
          r.history.push({ at, memberId: null, event: `Expired: no decision before ${r.expiresAt}.` });
        }
        return ids.length;
      },
      { purgeBackup: expiring.some((r) => r.changes.some(holdsSecrets)) },
    );
  }

  // ---- applying ----

  /**
   * All changes of the request through the dispatcher's own handlers (the APPROVAL_REQUIRED gate is the dispatcher's,
   * so it is not met here), inside one Vault.batch: the freshness check, every change and the request's new status
   * are one write. Keys and certificates are generated now, not when they were staged.
   */
  private async applyRequest(request: RequestRecord, approver: Member, record: (r: RequestRecord) => void): Promise<void> {
    const handlers = handlersFor(this.km) as unknown as Record<StageableChannel, (input: unknown) => unknown>;
    const at = () => this.clock.now().toISOString();
    try {
      await this.vault.batch(async () => {
        await this.vault.update((draft) => {
          pendingInDraft(draft, request.id, approver.id);
          const stale = staleChange(draft, request.changes);
          if (stale) {
            const next = stale.storeGone
              ? 'The request failed and nothing was applied.'
              : 'The request failed and nothing was applied; stage the change again.';
            throw new SkmError('REQUEST_STALE', `${stale.words} ${next}`);
          }
        });
        for (const [index, change] of request.changes.entries()) {
          try {
            if (change.channel === 'governance.update') {
              const changes = change.input as GovernanceChanges;
              await this.vault.update((draft) => void (draft.governance = { ...governanceOf(draft), ...changes }));
            } else {
              await handlers[change.channel](change.input);
            }
          } catch (err) {
            if (err instanceof SkmError && !RETRYABLE.has(err.code)) {
              throw new SkmError(err.code, `Change ${index + 1} (${describeItem(change)}) could not be applied: ${err.message} Nothing was applied.`);
            }
            throw err;
          }
        }
        const when = at();
        await this.vault.update((draft) => {
          const r = editableRequest(draft, request.id);
          record(r);
          Object.assign(r, { status: 'Approved', decidedBy: approver.id, decidedAt: when, changes: r.changes.map(withoutSecrets) });
          r.history.push({ at: when, memberId: approver.id, event: `Applied: ${r.changes.length} change${r.changes.length === 1 ? '' : 's'} in one write.` });
        });
      });
    } catch (err) {
      if (err instanceof Superseded || (err instanceof SkmError && RETRYABLE.has(err.code))) throw err;
      const failure = err instanceof SkmError ? err.message : 'Something went wrong while applying the request; nothing was applied.';
      const when = at();
      await this.vault.update(
        (draft) => {
          const r = pendingInDraft(draft, request.id);
          record(r);
          Object.assign(r, { status: 'Failed', decidedBy: approver.id, decidedAt: when, failure, changes: r.changes.map(withoutSecrets) });
          r.history.push({ at: when, memberId: approver.id, event: `Failed: ${failure}` });
        },
        { purgeBackup: request.changes.some(holdsSecrets) },
      );
      throw err;
    }
  }

  // ---- helpers ----

  private async openRequest(me: Member, keyStoreId: string | null, keyStoreName: string, changes: StagedChangeRecord[], comment: string): Promise<string> {
    const doc = this.vault.data;
    const g = governanceOf(doc);
    const others = this.members(doc).filter((m) => isApprovalAdmin(m) && m.id !== me.id).length;
    if (others < g.requiredApprovals) {
      throw new SkmError(
        'APPROVAL_FEATURE_BLOCKED',
        `This request needs ${g.requiredApprovals} approval${g.requiredApprovals === 1 ? '' : 's'} from APPROVAL ADMINs other than you, and there ${others === 1 ? 'is' : 'are'} ${others}. Ask an ADMIN to grant APPROVAL ADMIN to another member.`,
      );
    }
    const now = this.clock.now();
    const ids = new Set(changes.map((c) => c.id));
    const request: RequestRecord = {
      id: newId(),
      keyStoreId,
      keyStoreName,
      requesterId: me.id,
      comment,
      changes,
      status: 'Pending',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + g.requestExpiryDays * DAY_MS).toISOString(),
      requiredApprovals: g.requiredApprovals,
      approvals: [],
      decidedBy: null,
      decidedAt: null,
      denyReason: null,
      failure: null,
      history: [
        ...changes.map((c) => ({ at: c.stagedAt, memberId: c.stagedBy, event: `Staged ${describeItem(c)}` })),
        { at: now.toISOString(), memberId: me.id, event: comment ? `Requested approval: "${comment}"` : 'Requested approval' },
      ],
    };
    await this.vault.update((draft) => {
      const approvals = approvalsDraft(draft);
      // Staged changes that were discarded meanwhile are not sent.
      if (changes.some((c) => c.channel !== 'governance.update' && !approvals.staged.some((s) => s.id === c.id))) {
        throw new SkmError('REQUEST_NOT_FOUND', 'A staged change was discarded meanwhile. Look at Key Store Management again, then request approval.');
      }
      approvals.staged = approvals.staged.filter((c) => !ids.has(c.id));
      approvals.requests.push(request);
    });
    return request.id;
  }

  private assertFeatureOn(): void {
    if (!governanceOf(this.vault.data).approvalFeature) {
      throw new SkmError('INVALID_STATE', 'The Approval Feature is off: make changes directly in the Key Depository.');
    }
  }

  private me(): Member {
    return this.km.currentMember();
  }

  /** Members as the vault keeps them: roles for the counts, names for the views. */
  private members(doc: Readonly<VaultDocument>): Member[] {
    return doc.accounts.map((a) => ({ id: a.id, username: a.username, role: a.role, approvalRoles: a.approvalRoles }));
  }

  private names(): Map<string, string> {
    return new Map(this.members(this.vault.data).map((m) => [m.id, m.username]));
  }

  private stagedBy(doc: Readonly<VaultDocument>, memberId: string): StagedChangeRecord[] {
    return approvalsOf(doc).staged.filter((c) => c.stagedBy === memberId);
  }

  private findRequest(doc: Readonly<VaultDocument>, requestId: string): RequestRecord {
    const request = approvalsOf(doc).requests.find((r) => r.id === requestId);
    if (!request) throw new SkmError('REQUEST_NOT_FOUND', 'That request does not exist. Refresh the Approval List.');
    return request;
  }

  private pendingRequest(requestId: string): RequestRecord {
    const request = this.findRequest(this.vault.data, requestId);
    if (request.status !== 'Pending') {
      throw new SkmError('REQUEST_NOT_PENDING', `That request is already ${request.status}: only a Pending request can be approved, denied or withdrawn.`);
    }
    return request;
  }

  private person(names: Map<string, string>, id: string): { id: string; username: string } {
    return { id, username: names.get(id) ?? '(removed member)' };
  }

  private changeView(c: StagedChangeRecord, names: Map<string, string>): StagedChangeView {
    // Built field by field, so nothing of the stored input (which may hold a secret) can reach a view.
    return {
      id: c.id,
      keyStoreId: c.keyStoreId,
      keyStoreName: c.keyStoreName,
      channel: c.channel,
      status: c.status,
      itemKind: c.itemKind,
      itemId: c.itemId,
      itemName: c.itemName,
      fields: c.fields.map((f) => ({ ...f })),
      stagedBy: this.person(names, c.stagedBy),
      stagedAt: c.stagedAt,
    };
  }

  private requestView(r: RequestRecord, names: Map<string, string>, me: Member): ApprovalRequestView {
    const pending = r.status === 'Pending';
    return {
      id: r.id,
      keyStoreId: r.keyStoreId,
      keyStoreName: r.keyStoreName,
      requester: this.person(names, r.requesterId),
      comment: r.comment,
      changes: r.changes.map((c) => this.changeView(c, names)),
      status: r.status,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      requiredApprovals: r.requiredApprovals,
      approvals: r.approvals.map((a) => ({ member: this.person(names, a.memberId), at: a.at, coSigned: a.coSigned })),
      decidedBy: r.decidedBy ? this.person(names, r.decidedBy) : null,
      decidedAt: r.decidedAt,
      denyReason: r.denyReason,
      failure: r.failure,
      history: r.history.map((h) => ({ at: h.at, member: h.memberId ? this.person(names, h.memberId) : null, event: h.event })),
      mine: r.requesterId === me.id,
      canApprove: pending && r.requesterId !== me.id && isApprovalAdmin(me) && !r.approvals.some((a) => a.memberId === me.id),
    };
  }
}

/**
 * Words naming the first change whose item changed (or went away) since it was staged, and whether its whole key
 * store went (then there is nothing to stage again); null when all are current.
 */
export function staleChange(doc: Readonly<VaultDocument>, changes: readonly StagedChangeRecord[]): { words: string; storeGone: boolean } | null {
  for (const c of changes) {
    // Deleting a key store drops its staged changes but not requests already sent: name the key store, not a missing item.
    if (c.keyStoreId !== null && c.channel !== 'governance.update' && !doc.keyStores.some((s) => s.id === c.keyStoreId)) {
      const what = c.itemKind === 'Key Store' ? `(${c.status})` : `(${c.status}: ${c.itemKind} "${c.itemName}")`;
      return {
        words: `The key store "${c.keyStoreName}" was deleted after the change ${what} was staged, so there is nothing to apply it to.`,
        storeGone: true,
      };
    }
    if (c.itemId === null || c.itemVersion === null) continue;
    const collection = c.channel.startsWith('keystores.') ? doc.keyStores : c.channel.startsWith('keys.') ? doc.keys : doc.authEntries;
    const item = (collection as ReadonlyArray<{ id: string; updatedAt: string }>).find((i) => i.id === c.itemId);
    if (!item) return { words: `The ${c.itemKind} "${c.itemName}" no longer exists (it was deleted after the change was staged).`, storeGone: false };
    if (item.updatedAt !== c.itemVersion)
      return { words: `The ${c.itemKind} "${c.itemName}" was changed after the change (${c.status}) was staged.`, storeGone: false };
  }
  return null;
}
