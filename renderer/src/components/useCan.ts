import { allows, refusal, type Permission } from '../../../shared/permissions';
import { useGovernance } from '../store/governance';
import { useSession } from '../store/session';

export const APPROVAL_FEATURE_ON_TEXT = 'With the Approval Feature on, changes go through Key Store Management.';

/**
 * What the console shows for an action: the one place where roles (shared/permissions.ts, the same rule main
 * enforces) and the Approval Feature meet the screens.
 * - `hidden`: the signed-in member's role cannot do this at all, so the control is not shown;
 * - `disabled` with `reason`: the role could, but not here and now (the Approval Feature sends changes to Key Store
 *   Management), so the control is shown disabled and says why.
 * Staging screens (Key Store Management) ask for 'request' rather than 'change', which the Approval Feature does not block.
 */
export function useCan(permission: Permission): { allowed: boolean; hidden: boolean; disabled: boolean; reason: string | null } {
  const info = useSession((s) => s.info);
  const approvalFeature = useGovernance((s) => s.view?.approvalFeature ?? false);
  if (!info) return { allowed: false, hidden: true, disabled: true, reason: null };
  if (!allows(permission, info)) return { allowed: false, hidden: true, disabled: true, reason: refusal(permission, info) };
  if (permission === 'change' && approvalFeature) return { allowed: false, hidden: false, disabled: true, reason: APPROVAL_FEATURE_ON_TEXT };
  return { allowed: true, hidden: false, disabled: false, reason: null };
}
