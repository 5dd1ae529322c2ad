import Checkbox from '@mui/material/Checkbox';
import {
  GRID_CHECKBOX_SELECTION_COL_DEF,
  gridPaginatedVisibleSortedGridRowIdsSelector,
  gridRowSelectionStateSelector,
  gridTabIndexColumnHeaderSelector,
  useGridApiContext,
  useGridSelector,
  type GridColDef,
  type GridRowId,
  type GridRenderCellParams,
  type GridValidRowModel,
} from '@mui/x-data-grid';
import { useLayoutEffect, type KeyboardEvent } from 'react';
import { useT } from '../../i18n';

/**
 * The header checkbox selects the rows of the page on screen. The MIT grid's own one selects every row that matches,
 * on all pages: one click would put 10,000 keys one never saw into a Request for Deletion.
 */
function PageCheckbox({ field }: { field: string }) {
  const apiRef = useGridApiContext();
  const t = useT();
  const pageIds = useGridSelector(apiRef, gridPaginatedVisibleSortedGridRowIdsSelector);
  const selection = useGridSelector(apiRef, gridRowSelectionStateSelector);
  const focus = useGridSelector(apiRef, gridTabIndexColumnHeaderSelector);
  // The ListGrid keeps an include model (disableRowSelectionExcludeModel): ids are the selected rows.
  const onPage = pageIds.filter((id) => selection.ids.has(id)).length;
  const all = pageIds.length > 0 && onPage === pageIds.length;
  const tabIndex = focus?.field === field ? 0 : -1;

  // Keyboard focus on this header goes to the checkbox itself, as the grid's own header checkbox does.
  useLayoutEffect(() => {
    const header = apiRef.current.getColumnHeaderElement(field);
    if (tabIndex === 0 && header) header.tabIndex = -1;
  }, [apiRef, field, tabIndex]);

  const toggle = () => {
    const ids = new Set(selection.ids);
    for (const id of pageIds) {
      if (all) ids.delete(id);
      else ids.add(id);
    }
    apiRef.current.setRowSelectionModel({ type: 'include', ids });
  };
  // The grid stops Space's default in headers: toggle here, as its own header checkbox does.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === ' ') toggle();
  };

  return (
    <Checkbox
      size="small"
      checked={all}
      indeterminate={onPage > 0 && !all}
      onChange={toggle}
      onKeyDown={onKeyDown}
      tabIndex={tabIndex}
      slotProps={{
        input: {
          'aria-label': t('Select all rows on this page'),
          // MUI sets aria-checked="mixed" but not the input's own indeterminate state; axe (and readers) want both.
          ref: (el: HTMLInputElement | null) => {
            if (el) el.indeterminate = onPage > 0 && !all;
          },
        },
      }}
    />
  );
}

function RowCheckbox({ id, tabIndex, label }: { id: GridRowId; tabIndex: 0 | -1; label: string }) {
  const apiRef = useGridApiContext();
  // The cell is not rendered again when only the selection changes: follow it here.
  const checked = useGridSelector(apiRef, gridRowSelectionStateSelector).ids.has(id);
  return (
    <input
      type="checkbox"
      className="skm-cell-check"
      checked={checked}
      onChange={(e) => apiRef.current.selectRow(id, e.target.checked)}
      // Space toggles the checkbox; the grid would otherwise also take it (select the row, scroll the page).
      onKeyDown={(e) => e.key === ' ' && e.stopPropagation()}
      tabIndex={tabIndex}
      aria-label={label}
    />
  );
}

/**
 * The checkbox column. Each row's checkbox is the browser's own (styled once for the grid, see LIST_CELL_SX): the
 * grid's MUI checkbox costs about 2 ms of CPU per row and keystroke, a quarter of the list's time. It names its row
 * ("Select payload-key"), not "Select row" 25 times over.
 */
export function checkboxColumn<R extends GridValidRowModel>(rowName: (row: R) => string, t: ReturnType<typeof useT>): GridColDef<R> {
  return {
    ...GRID_CHECKBOX_SELECTION_COL_DEF,
    renderHeader: (params) => <PageCheckbox field={params.field} />,
    renderCell: (params: GridRenderCellParams<R>) => (
      <RowCheckbox id={params.id} tabIndex={params.tabIndex} label={t('Select {{name}}', { name: rowName(params.row) })} />
    ),
  };
}
