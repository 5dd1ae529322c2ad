import type { VaultInfo } from '../../../shared/domain';
import { useGovernance } from '../store/governance';

/**
 * Key Store Management and Approval List are main-navigation tabs for members holding APPROVAL ADMIN or APPROVAL
 * MEMBER, while the Approval Feature is on (issue 9, item 4). Read from the governance store AppShell keeps fresh.
 */
export const approvalTabsShown = (info: VaultInfo): boolean => info.approvalRoles.length > 0 && useGovernance.getState().view?.approvalFeature === true;
