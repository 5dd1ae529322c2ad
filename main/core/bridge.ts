import type { z } from 'zod';
import { contract, isChannel, type Channel, type Output, type ParsedInput } from '../../shared/contract';
import { SkmError, type ErrorInfo, type Result } from '../../shared/errors';
import { fieldLabel, type MemberView } from '../../shared/domain';
import { allows, refusal, type Permission } from '../../shared/permissions';
import type { KeyManager } from './key-manager';
import { AuditService } from './audit/audit-service';
import { factsOf, isRecorded, outcomeOf, targetOf } from './audit/actions';
import type { AuditEntry } from './audit/record';
import type { ApprovalRequestView } from '../../shared/approval';

type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };

/** Channel -> KeyManager method. Kept apart from the hosts so Electron and the browser bridge behave identically. */
export function handlersFor(km: KeyManager): Handlers {
  return {
    'vault.status': () => km.status(),
    'vault.create': (input) => km.createVault(input),
    'vault.unlock': (input) => km.unlock(input),
    'vault.lock': () => km.lock('user'),
    'vault.info': () => km.info(),
    'vault.changePassphrase': (input) => km.changePassphrase(input),
    'vault.releaseHeldDeletions': () => km.releaseHeldDeletions(),
    'session.activity': () => km.activity(),
    'settings.get': () => km.settings(),
    'settings.update': (input) => km.updateSettings(input),
    'preferences.get': () => km.preferences(),
    'preferences.update': (input) => km.updatePreferences(input),
    'keystores.list': () => km.listKeyStores(),
    'keystores.get': ({ id }) => km.getKeyStore(id),
    'keystores.create': (input) => km.createKeyStore(input),
    'keystores.update': (input) => km.updateKeyStore(input),
    'keystores.requestDeletion': ({ id }) => km.keyStores().requestDeletion(id),
    'keystores.cancelDeletion': ({ id }) => km.keyStores().cancelDeletion(id),
    'keystores.deleteNow': ({ id, confirmName }) => km.keyStores().deleteNow(id, confirmName),
    'keys.list': ({ keyStoreId }) => km.keys().list(keyStoreId),
    'keys.get': ({ keyId }) => km.keys().get(keyId),
    'keys.create': (input) => km.keys().create(input),
    'keys.import': (input) => km.keys().importKey(input),
    'keys.update': (input) => km.keys().update(input),
    'keys.rotate': ({ keyId }) => km.keys().rotate(keyId),
    'keys.requestDeletion': ({ keyId }) => km.keys().requestDeletion(keyId),
    'keys.cancelDeletion': ({ keyId }) => km.keys().cancelDeletion(keyId),
    'keys.deleteNow': ({ keyId, confirmName }) => km.keys().deleteNow(keyId, confirmName),
    'keys.encrypt': ({ keyId, payload }) => km.keys().encrypt(keyId, payload),
    'keys.decrypt': ({ keyId, ciphertext }) => km.keys().decrypt(keyId, ciphertext),
    'keys.dataKey': ({ keyId }) => km.keys().dataKey(keyId),
    'keys.sign': ({ keyId, payload, scheme }) => km.keys().sign(keyId, payload, scheme),
    'keys.verify': ({ keyId, payload, signature, scheme }) => km.keys().verify(keyId, payload, signature, scheme),
    'keys.publicKey': ({ keyId, version }) => km.keys().publicKey(keyId, version),
    'keys.reveal': ({ keyId }) => km.keys().reveal(keyId),
    'auth.list': ({ keyStoreId, kind }) => km.auth().list(keyStoreId, kind),
    'auth.get': ({ id }) => km.auth().get(id),
    'auth.addIpv4': (input) => km.auth().addIpv4(input),
    'auth.addMac': (input) => km.auth().addMac(input),
    'auth.addCertificate': (input) => km.auth().addCertificate(input),
    'auth.requestDeletion': ({ id }) => km.auth().requestDeletion(id),
    'auth.cancelDeletion': ({ id }) => km.auth().cancelDeletion(id),
    'auth.deleteNow': ({ id, confirmName }) => km.auth().deleteNow(id, confirmName),
    'auth.downloadCertificate': ({ id }) => km.auth().downloadCertificate(id),
    'auth.downloadCaCertificate': ({ keyStoreId }) => km.auth().downloadCaCertificate(keyStoreId),
    'auth.downloadCrl': ({ keyStoreId }) => km.auth().downloadCrl(keyStoreId),
    'members.list': () => km.members().list(),
    'members.add': (input) => km.members().add(input),
    'members.updateRoles': (input) => km.members().updateRoles(input),
    'members.remove': (input) => km.members().remove(input),
    'members.me': () => km.members().me(),
    'governance.get': () => km.approvals().governance(),
    'governance.update': (input) => km.approvals().updateGovernance(input),
    'staging.stage': (input) => km.approvals().stage(input),
    'staging.list': ({ keyStoreId }) => km.approvals().listStaged(keyStoreId),
    'staging.discard': ({ stagedId }) => km.approvals().discard(stagedId),
    'approvals.request': (input) => km.approvals().request(input),
    'approvals.withdraw': ({ requestId }) => km.approvals().withdraw(requestId),
    'approvals.list': () => km.approvals().list(),
    'approvals.approve': ({ requestId, coSigner }) => km.approvals().approve(requestId, coSigner),
    'approvals.coSign': ({ requestId, coSigner }) => km.approvals().approve(requestId, coSigner),
    'approvals.deny': ({ requestId, reason }) => km.approvals().deny(requestId, reason),
    'keyApi.status': () => km.keyApi().status(),
    'keyApi.start': (input) => km.startKeyApi(input),
    'keyApi.stop': () => km.stopKeyApi(),
    'keyApi.downloadCaCertificate': () => km.keyApi().downloadCaCertificate(),
    'audit.list': (input) => km.auditLog().list(input, km.currentMember()),
    'audit.verify': () => km.auditLog().verifyView(),
    'audit.export': ({ format, filter }) => km.auditLog().exportFile(format, filter, km.currentMember(), km.files),
    'backup.export': (input) => km.exportBackup(input),
    'backup.inspect': ({ file }) => km.inspectBackup(file),
    'backup.restore': (input) => km.restoreBackup(input),
    'ceremony.start': (input) => km.ceremonies().start(input, km.currentMember()),
    'ceremony.end': () => km.ceremonies().end(),
    'ceremony.list': () => km.ceremonies().list(),
    'ceremony.record': ({ id }) => km.ceremonies().record(id),
    'transfer.wrappingKey': () => km.transfer().wrappingKey(),
    'transfer.downloadWrappingKey': () => km.transfer().downloadWrappingKey(),
    'transfer.inspectDestinationKey': ({ wrappingKeyPem, destination }) => km.transfer().inspectDestinationKey(wrappingKeyPem, destination),
    'transfer.exportWrapped': (input) => km.transfer().exportWrapped(input),
    'transfer.downloadImportCommand': (input) => km.transfer().downloadImportCommand(input),
  };
}

/** zod's own English, which shared/domain.ts replaces everywhere; seen here only if a schema escaped that. */
const ZOD_WORDING = /^(Invalid (input|option|discriminator|string|number|key|value)|Expected |Unrecognized key|Required$|Too (small|big):)/;

const wordsOf = (issue: z.core.$ZodIssue | undefined): string =>
  issue?.message && !ZOD_WORDING.test(issue.message) ? issue.message : `${fieldLabel(issue?.path ?? [])} is not accepted.`;

/**
 * Turn a zod failure into messages a person can act on: the first issue as `field` / `message`, and when several
 * fields were refused, each field's first message in `fields` so a form shows them all at once. Never echoes the
 * input value.
 */
export function validationError(error: z.ZodError): ErrorInfo {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = wordsOf(issue);
  if (!field) return { code: 'VALIDATION_FAILED', message };
  const firsts = new Map<string, string>();
  for (const each of error.issues) {
    const at = each.path.map(String).join('.');
    if (at && !firsts.has(at)) firsts.set(at, wordsOf(each));
  }
  if (firsts.size < 2) return { code: 'VALIDATION_FAILED', message, field };
  return { code: 'VALIDATION_FAILED', message, field, fields: Object.fromEntries(firsts) };
}

// Polls (the Key API status every 2 s in Settings) are not a person at work: they must not hold off the idle auto-lock.
const QUIET_CHANNELS: ReadonlySet<Channel> = new Set(['vault.status', 'session.activity', 'keyApi.status']);

/** Log line for a failure we did not expect: the error's class and channel only, never its message (it may hold data). */
function reportInternal(channel: Channel, err: unknown): void {
  const kind = err instanceof Error ? err.name : typeof err;
  console.error(`[skm] internal error on ${channel}: ${kind}`);
}

const APPROVAL_REQUIRED: ErrorInfo = {
  code: 'APPROVAL_REQUIRED',
  message: 'With the Approval Feature on, changes go through Key Store Management: stage the change and Request Approval.',
};

/**
 * The contract's permission check, before anything is called: every channel names what it needs (shared/permissions.ts)
 * and the signed-in member's roles decide. With the Approval Feature on, direct changes are refused: they go through a
 * request (main/core/approval).
 */
function permissionRefusal(km: KeyManager, permission: Permission, member: MemberView): ErrorInfo | null {
  if (!allows(permission, member)) return { code: 'FORBIDDEN', message: refusal(permission, member) };
  if (permission === 'change' && km.approvalFeatureOn()) return APPROVAL_REQUIRED;
  return null;
}

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

const actorOf = (member: MemberView): AuditEntry['actor'] => ({ kind: 'member', id: member.id, name: member.username });

/** A refused call (role, approvals on, bad input) by a signed-in member is recorded too: auditors look for those. */
async function refusedAndRecorded(km: KeyManager, channel: Channel, member: MemberView | null, error: ErrorInfo): Promise<Result<unknown>> {
  const audit = km.auditTrail();
  if (audit && member && isRecorded(channel)) {
    await audit.record({ actor: actorOf(member), action: channel, outcome: outcomeOf(error.code), code: error.code }).catch(() => undefined);
  }
  return { ok: false, error };
}

/**
 * An approval that applied a request: one more record per change it applied, in the requester's name, saying who
 * approved it — so "who created this key" has the same answer with the Approval Feature on as off.
 */
function appliedChanges(channel: Channel, value: unknown, approver: MemberView): Omit<AuditEntry, 'at'>[] {
  if ((channel !== 'approvals.approve' && channel !== 'approvals.coSign') || !value) return [];
  const request = value as ApprovalRequestView;
  if (request.status !== 'Approved') return [];
  return request.changes.map((change) => {
    const isKey = change.channel.startsWith('keys.');
    const target: NonNullable<AuditEntry['target']> = {};
    if (change.keyStoreId) target.keyStoreId = change.keyStoreId;
    if (change.keyStoreName) target.keyStoreName = change.keyStoreName;
    if (change.itemId) target[isKey ? 'keyId' : 'itemId'] = change.itemId;
    if (change.itemName) target[isKey ? 'keyName' : 'itemName'] = change.itemName;
    return {
      actor: { kind: 'member', id: change.stagedBy.id, name: change.stagedBy.username },
      action: change.channel,
      target,
      outcome: 'ok',
      facts: { approvalRequest: request.id, approvedBy: approver.username },
    };
  });
}

/**
 * Call a handler and append its record (durable) before answering: who, what, which item, how it ended. The record
 * names the vault generations the call wrote, so a record lost in a crash is noticed (see audit-service.ts).
 */
async function callAndRecord(
  km: KeyManager,
  channel: Channel,
  member: MemberView | null,
  input: unknown,
  handler: (input: unknown) => unknown,
): Promise<unknown> {
  const audit = km.auditTrail();
  if (!audit || !member || !isRecorded(channel)) return handler(input);
  const before = km.document();
  const tracked = AuditService.track(async () => handler(input));
  let value: unknown;
  let failure: unknown = null;
  try {
    value = await tracked.run;
  } catch (err) {
    failure = err;
  }
  const code = failure === null ? undefined : failure instanceof SkmError ? failure.code : 'INTERNAL';
  const entry: Omit<AuditEntry, 'at'> = { actor: actorOf(member), action: channel, outcome: code ? outcomeOf(code) : 'ok' };
  const target = targetOf([km.document(), before], channel, input, value);
  if (target) entry.target = target;
  if (code) entry.code = code;
  const gens = tracked.gens();
  if (gens.length > 0) entry.gens = gens;
  const facts = failure === null ? factsOf(value, { channel, input, doc: km.document() }) : undefined;
  if (facts) entry.facts = facts;
  try {
    await audit.record(entry);
    for (const applied of appliedChanges(channel, value, member)) await audit.record({ ...applied, ...(gens.length > 0 ? { gens } : {}) });
  } catch (err) {
    // Locked while the call ran: what it wrote is owed in the vault file and noticed at the next unlock.
    if (!(err instanceof SkmError && err.code === 'VAULT_LOCKED') && failure === null) throw err;
  }
  if (failure !== null) throw failure;
  return value;
}

/** The single entry point of both hosts: check the channel and the caller's permission, parse the input, call, and wrap the answer. */
export function createDispatcher(km: KeyManager): Dispatch {
  const handlers = handlersFor(km) as Record<Channel, (input: unknown) => unknown>;
  return async (channel, input) => {
    if (!isChannel(channel)) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown request.' } };
    try {
      const permission = contract[channel].permission;
      const member = permission === 'open' ? null : km.signedInMember();
      // A signed-in member's roles are checked before the input is parsed: the answer does not depend on the input,
      // and a refused caller learns nothing from the parse.
      const refused = member && permissionRefusal(km, permission, member);
      if (refused) return await refusedAndRecorded(km, channel, member, refused);
      const parsed = contract[channel].input.safeParse(input);
      if (!parsed.success) return await refusedAndRecorded(km, channel, member, validationError(parsed.error));
      // Nobody signed in: only 'open' channels answer (after the parse, as a locked vault always did).
      if (permission !== 'open' && !member) return { ok: false, error: { code: 'VAULT_LOCKED', message: 'The vault is locked. Unlock it to continue.' } };
      if (!QUIET_CHANNELS.has(channel)) km.activity();
      return { ok: true, value: await callAndRecord(km, channel, member, parsed.data, handlers[channel]) };
    } catch (err) {
      if (err instanceof SkmError) return { ok: false, error: err.toInfo() };
      reportInternal(channel, err);
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong; the operation was not completed.' } };
    }
  };
}
