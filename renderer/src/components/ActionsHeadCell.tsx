import Box from '@mui/material/Box';
import TableCell from '@mui/material/TableCell';
import { visuallyHidden } from '@mui/utils';
import { useT } from '../i18n';

/** The heading of a column of row buttons: no visible text, but screen readers announce it ("Actions" unless `label`). */
export function ActionsHeadCell({ align, label }: { align?: 'right'; label?: string }) {
  const t = useT();
  return (
    <TableCell {...(align ? { align } : {})}>
      <Box component="span" sx={visuallyHidden}>
        {label ?? t('Actions')}
      </Box>
    </TableCell>
  );
}
