import Box from '@mui/material/Box';
import TableCell from '@mui/material/TableCell';
import { visuallyHidden } from '@mui/utils';

/** The heading of a column of row buttons: no visible text, but screen readers announce "Actions". */
export function ActionsHeadCell({ align }: { align?: 'right' }) {
  return (
    <TableCell {...(align ? { align } : {})}>
      <Box component="span" sx={visuallyHidden}>
        Actions
      </Box>
    </TableCell>
  );
}
