import Chip from '@mui/material/Chip';
import { LifecycleStatusLabels, type LifecycleStatus } from '../../../shared/domain';
import { useT } from '../i18n';

export function StatusChip({ status, expired }: { status: LifecycleStatus; expired?: boolean }) {
  const t = useT();
  if (expired) return <Chip size="small" label={t('Expired')} color="default" variant="outlined" />;
  return (
    <Chip
      size="small"
      label={t(LifecycleStatusLabels[status])}
      color={status === 'in-service' ? 'success' : 'warning'}
      variant={status === 'in-service' ? 'outlined' : 'filled'}
    />
  );
}
