import Box from '@mui/material/Box';
import Button, { type ButtonProps } from '@mui/material/Button';
import IconButton, { type IconButtonProps } from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import { visuallyHidden } from '@mui/utils';
import { useId, type ReactElement } from 'react';
import { useT } from '../i18n';
import type { Permission } from '../../../shared/permissions';
import { useCan } from './useCan';

/**
 * Hidden when the member's role cannot do it; disabled with the reason (tooltip and accessible description) when
 * the Approval Feature sends changes elsewhere. The wrapper takes keyboard focus so the reason can be read.
 */
function Guard({ permission, children }: { permission: Permission; children: (extra: { disabled: boolean; describedBy?: string }) => ReactElement }) {
  const t = useT();
  const can = useCan(permission);
  const id = useId();
  const reason = can.reason ? t(can.reason) : null;
  if (can.hidden) return null;
  if (!can.disabled) return children({ disabled: false });
  return (
    <Tooltip title={reason} describeChild>
      <Box component="span" tabIndex={0} sx={{ display: 'inline-flex' }}>
        {children({ disabled: true, describedBy: id })}
        <Box component="span" id={id} sx={visuallyHidden}>
          {reason}
        </Box>
      </Box>
    </Tooltip>
  );
}

export function GuardedButton({ permission, disabled, ...props }: ButtonProps & { permission: Permission }) {
  return (
    <Guard permission={permission}>
      {(g) => <Button {...props} disabled={disabled || g.disabled} aria-describedby={g.describedBy ?? props['aria-describedby']} />}
    </Guard>
  );
}

export function GuardedIconButton({ permission, disabled, ...props }: IconButtonProps & { permission: Permission }) {
  return (
    <Guard permission={permission}>
      {(g) => <IconButton {...props} disabled={disabled || g.disabled} aria-describedby={g.describedBy ?? props['aria-describedby']} />}
    </Guard>
  );
}
