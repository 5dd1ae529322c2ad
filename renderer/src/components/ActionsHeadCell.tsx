import Box from '@mui/material/Box';
import TableCell from '@mui/material/TableCell';
import { visuallyHidden } from '@mui/utils';
import { useT } from '../i18n';

/** The heading of a column of row buttons: no visible text, but screen readers announce "Actions". */
export function ActionsHeadCell({ align }: { align?: 'right' }) {
  const t = useT();
  return (
    <TableCell {...(align ? { align } : {})}>
      <Box component="span" sx={visuallyHidden}>
        {t('Actions')}
      </Box>
    </TableCell>
  );
}
