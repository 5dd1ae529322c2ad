import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import TableCell from '@mui/material/TableCell';
import { visuallyHidden } from '@mui/utils';
import type { FieldChange, StagedChangeView } from '../../../shared/approval';
import { useT } from '../i18n';
import { ChangeStatusChip, fieldText, itemKindText, itemNameText, valueText } from './labels';

/** Before -> after per field. Views never carry secret values: main shows them as "(secret)". */
export function FieldChanges({ fields }: { fields: FieldChange[] }) {
  const t = useT();
  if (fields.length === 0) return <Typography variant="body2">—</Typography>;
  return (
    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {fields.map((f) => (
        <Typography component="li" variant="body2" key={f.field}>
          <Box component="span" sx={{ color: 'text.secondary' }}>
            {t('{{field}}:', { field: fieldText(f.field) })}
          </Box>{' '}
          {f.before === null ? (
            <strong>{f.after ? valueText(f.field, f.after) : '—'}</strong>
          ) : (
            <>
              <Box component="span" sx={{ textDecoration: 'line-through', color: 'text.secondary' }}>
                {f.before ? valueText(f.field, f.before) : '—'}
              </Box>
              <span aria-hidden> → </span>
              <Box component="span" sx={visuallyHidden}>
                {t('becomes')}
              </Box>{' '}
              <strong>{f.after === null ? '—' : valueText(f.field, f.after)}</strong>
            </>
          )}
        </Typography>
      ))}
    </Box>
  );
}

/** The three cells every list of changes shows: its Status, the item it is about, and before -> after. */
export function ChangeCells({ change }: { change: Pick<StagedChangeView, 'status' | 'itemName' | 'itemKind' | 'fields'> }) {
  useT(); // re-render on a language change: the item's kind (and a setting's name) are translated below
  return (
    <>
      <TableCell>
        <ChangeStatusChip status={change.status} />
      </TableCell>
      <TableCell>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {itemNameText(change)}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {itemKindText(change.itemKind)}
        </Typography>
      </TableCell>
      <TableCell>
        <FieldChanges fields={change.fields} />
      </TableCell>
    </>
  );
}
