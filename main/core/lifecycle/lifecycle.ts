import { z } from 'zod';
import { DELETION_WAIT_DAYS, LifecycleStatus } from '../../../shared/domain';
import { SkmError, type ErrorCode } from '../../../shared/errors';

/**
 * The deletion lifecycle, shared by keys and authentication information:
 * In Service -> Request for Deletion -> Scheduled to be Deleted (7 days, every use refused) -> deleted.
 * Cancel Deletion returns to In Service; Immediately Delete needs the item's name typed to confirm.
 */
export const Lifecycle = z.object({ status: LifecycleStatus, deletionDate: z.string().nullable() });
export type Lifecycle = z.infer<typeof Lifecycle>;

export interface LifecycleSubject {
  name: string;
  lifecycle: Lifecycle;
}

/** How messages name the item ("key", "IPv4 address") and the code for using it while scheduled. */
export interface ItemKind {
  noun: string;
  scheduledCode: ErrorCode;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const inService = (): Lifecycle => ({ status: 'in-service', deletionDate: null });

export function assertInService(item: LifecycleSubject, kind: ItemKind): void {
  if (item.lifecycle.status === 'scheduled-for-deletion') {
    throw new SkmError(kind.scheduledCode, `The ${kind.noun} "${item.name}" is Scheduled to be Deleted and cannot be used. Cancel Deletion to use it again.`);
  }
}

export function requestDeletion(item: LifecycleSubject, now: Date, kind: ItemKind): void {
  if (item.lifecycle.status !== 'in-service') {
    throw new SkmError('INVALID_STATE', `The ${kind.noun} "${item.name}" is already Scheduled to be Deleted.`);
  }
  item.lifecycle = { status: 'scheduled-for-deletion', deletionDate: new Date(now.getTime() + DELETION_WAIT_DAYS * DAY_MS).toISOString() };
}

export function cancelDeletion(item: LifecycleSubject, kind: ItemKind): void {
  if (item.lifecycle.status !== 'scheduled-for-deletion') {
    throw new SkmError('INVALID_STATE', `The ${kind.noun} "${item.name}" is not Scheduled to be Deleted.`);
  }
  item.lifecycle = inService();
}

/** Immediately Delete is only offered for scheduled items, and only when the typed name matches exactly. */
export function assertImmediatelyDeletable(item: LifecycleSubject, confirmName: string, kind: ItemKind): void {
  if (item.lifecycle.status !== 'scheduled-for-deletion') {
    throw new SkmError('INVALID_STATE', `Request for Deletion first: only a ${kind.noun} that is Scheduled to be Deleted can be deleted immediately.`);
  }
  if (confirmName !== item.name) {
    throw new SkmError('CONFIRMATION_MISMATCH', `Type the ${kind.noun}'s name exactly to confirm Immediately Delete.`, 'confirmName');
  }
}

export const isDeletionDue = (item: LifecycleSubject, now: Date): boolean =>
  item.lifecycle.status === 'scheduled-for-deletion' && item.lifecycle.deletionDate !== null && Date.parse(item.lifecycle.deletionDate) <= now.getTime();
