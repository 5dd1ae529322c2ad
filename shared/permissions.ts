import type { ApprovalRole, BaseRole } from './domain';

/**
 * What a contract channel needs from the signed-in member. Each channel in shared/contract.ts names one; the
 * dispatcher checks it before anything is called, so no handler re-implements a role check.
 * - open: no sign-in needed (status, create, unlock);
 * - session: any signed-in member;
 * - read: see metadata (VIEWER and up);
 * - use: use keys, reveal data, download certificates (MEMBER and up);
 * - change: change key stores, keys and authentication information (MEMBER and up);
 * - admin: members, settings, held deletions, governance (ADMIN);
 * - request: stage changes and request approval (APPROVAL_MEMBER or APPROVAL_ADMIN);
 * - approve: approve or deny someone else's request (APPROVAL_ADMIN).
 */
export type Permission = 'open' | 'session' | 'read' | 'use' | 'change' | 'admin' | 'request' | 'approve';

export interface Roles {
  role: BaseRole;
  approvalRoles: readonly ApprovalRole[];
}

const RANK: Readonly<Record<BaseRole, number>> = { VIEWER: 1, MEMBER: 2, ADMIN: 3 };
const NEEDS_RANK: Readonly<Partial<Record<Permission, number>>> = { session: 1, read: 1, use: 2, change: 2, admin: 3 };

export function allows(permission: Permission, member: Roles): boolean {
  switch (permission) {
    case 'open':
      return true;
    case 'request':
      return member.approvalRoles.includes('APPROVAL_MEMBER') || member.approvalRoles.includes('APPROVAL_ADMIN');
    case 'approve':
      return member.approvalRoles.includes('APPROVAL_ADMIN');
    default:
      return RANK[member.role] >= (NEEDS_RANK[permission] ?? Infinity);
  }
}

const ACTIONS: Readonly<Record<Permission, string>> = {
  open: 'do this',
  session: 'do this',
  read: 'see key stores',
  use: 'use keys (encrypt, decrypt, sign, create data keys), reveal data or download certificates',
  change: 'add, modify or delete key stores, keys or authentication information',
  admin: 'manage members, settings or the governance setting',
  request: 'stage changes or request approval',
  approve: 'approve or deny requests',
};

/** The refusal in words: which role the member has, what it cannot do, and whom to ask. */
export function refusal(permission: Permission, member: Roles): string {
  const roles = [member.role, ...member.approvalRoles].join(', ');
  const who = member.approvalRoles.length > 0 ? `Your roles (${roles})` : `Your role (${roles})`;
  const needs =
    permission === 'approve'
      ? ' It needs the APPROVAL_ADMIN role; ask an ADMIN to grant it.'
      : permission === 'request'
        ? ' It needs the APPROVAL_MEMBER or APPROVAL_ADMIN role; ask an ADMIN to grant it.'
        : permission === 'admin'
          ? ' Ask an ADMIN.'
          : ' Ask an ADMIN to change your role.';
  return `${who} cannot ${ACTIONS[permission]}.${needs}`;
}
