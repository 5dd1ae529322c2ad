import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import TableCell from '@mui/material/TableCell';
import type { FieldChange, StagedChangeView } from '../../../shared/approval';
import { ChangeStatusChip } from './labels';

/** Before -> after per field. Views never carry secret values: main shows them as "(secret)". */
export function FieldChanges({ fields }: { fields: FieldChange[] }) {
  if (fields.length === 0) return <Typography variant="body2">—</Typography>;
  return (
    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {fields.map((f) => (
        <Typography component="li" variant="body2" key={f.field}>
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {f.field}:
          </Box>{' '}
          {f.before === null ? (
            <strong>{f.after || '—'}</strong>
          ) : (
            <>
              <Box component="span" sx={{ textDecoration: 'line-through', color: 'text.secondary' }}>
                {f.before || '—'}
              </Box>
              <span aria-label="becomes"> → </span>
              <strong>{f.after ?? '—'}</strong>
            </>
          )}
        </Typography>
      ))}
    </Box>
  );
}

/** The three cells every list of changes shows: its Status, the item it is about, and before -> after. */
export function ChangeCells({ change }: { change: Pick<StagedChangeView, 'status' | 'itemName' | 'itemKind' | 'fields'> }) {
  return (
    <>
      <TableCell>
        <ChangeStatusChip status={change.status} />
      </TableCell>
      <TableCell>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {change.itemName}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {change.itemKind}
        </Typography>
      </TableCell>
      <TableCell>
        <FieldChanges fields={change.fields} />
      </TableCell>
    </>
  );
}
