import Chip from '@mui/material/Chip';
import { LifecycleStatusLabels, type LifecycleStatus } from '../../../shared/domain';

export function StatusChip({ status, expired }: { status: LifecycleStatus; expired?: boolean }) {
  if (expired) return <Chip size="small" label="Expired" color="default" variant="outlined" />;
  return (
    <Chip
      size="small"
      label={LifecycleStatusLabels[status]}
      color={status === 'in-service' ? 'success' : 'warning'}
      variant={status === 'in-service' ? 'outlined' : 'filled'}
    />
  );
}
