import Chip from '@mui/material/Chip';
import type { ChangeStatus, RequestStatus } from '../../../shared/approval';

type Color = 'default' | 'success' | 'warning' | 'error' | 'info';

const CHANGE_COLORS: Record<ChangeStatus, Color> = {
  Added: 'success',
  Modified: 'info',
  Deleted: 'error',
  'Request for Deletion': 'warning',
  'Cancel Deletion': 'info',
  'Immediately Delete': 'error',
};

const REQUEST_COLORS: Record<RequestStatus, Color> = {
  Pending: 'warning',
  Approved: 'success',
  Denied: 'error',
  Withdrawn: 'default',
  Expired: 'default',
  Failed: 'error',
};

/** A pending change's Status, shown beside its item in Key Store Management and in a request's list of changes. */
export function ChangeStatusChip({ status }: { status: ChangeStatus }) {
  return <Chip size="small" variant="outlined" color={CHANGE_COLORS[status]} label={status} />;
}

export function RequestStatusChip({ status }: { status: RequestStatus }) {
  return <Chip size="small" variant={status === 'Pending' ? 'outlined' : 'filled'} color={REQUEST_COLORS[status]} label={status} />;
}
