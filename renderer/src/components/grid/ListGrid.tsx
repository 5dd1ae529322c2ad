import ViewColumnOutlined from '@mui/icons-material/ViewColumnOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import {
  ColumnsPanelTrigger,
  DataGrid,
  useGridApiContext,
  type GridColDef,
  type GridColumnVisibilityModel,
  type GridInitialState,
  type GridRowSelectionModel,
  type GridValidRowModel,
} from '@mui/x-data-grid';
import { koKR } from '@mui/x-data-grid/locales';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { currentLanguage, useT } from '../../i18n';
import { checkboxColumn } from './checkboxColumn';
import { LIST_CELL_SX } from './columns';

/**
 * A column of a ListGrid: a DataGrid column plus how it behaves in the list.
 * - `searchable`: the quick search looks at this column's text (the name, as the lists always searched);
 * - `hiddenByDefault`: shown only when the user asks for it in Columns (Key Id);
 * - `narrow`: 'hide' leaves it out below NARROW_PX unless the user shows it (the less important columns).
 */
export type ListColumn<R extends GridValidRowModel> = GridColDef<R> & { searchable?: boolean; hiddenByDefault?: boolean; narrow?: 'hide' };

/** Below this width (1024×768 and the like) the less important columns step aside so that nothing overflows. */
const NARROW_PX = 1100;
/** The MIT grid pages at most 100 rows; 25 keeps a page within two screens. */
const PAGE_SIZES = [25, 50, 100];
const EMPTY_SELECTION: GridRowSelectionModel = { type: 'include', ids: new Set() };
const ROW_HEIGHT = 44;
const NO_QUICK_FILTER = null as unknown as undefined;
/** Props that never change, made once: new objects per render would make the grid redo work on every keystroke. */
const SLOTS = { toolbar: ListToolbar };
const INITIAL_STATE: GridInitialState = {
  pagination: { paginationModel: { pageSize: PAGE_SIZES[0]!, page: 0 } },
  // The search looks at the searchable columns whether shown or not (a user may hide Name).
  filter: { filterModel: { items: [], quickFilterExcludeHiddenColumns: false } },
};
const SEARCH_SX = { width: 240 };
/**
 * The Columns panel without its Show/Hide All box: half-ticked while Key Id is hidden, it sets aria-checked="mixed"
 * without the input's own indeterminate state (the flaw PageCheckbox works around), which axe reports.
 */
const SLOT_PROPS = { columnsManagement: { disableShowHideToggle: true } };
const GRID_SX = (theme: Theme) => ({
  border: 0,
  '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center' },
  // The last column's resize handle reaches past the grid's edge: at 1024 px it made the header scroll sideways by 5 px.
  '& .MuiDataGrid-columnHeader--last .MuiDataGrid-columnSeparator': { display: 'none' },
  ...LIST_CELL_SX(theme),
});

interface ToolbarContent {
  searchLabel: string | undefined;
  filters: ReactNode;
  bulk: ReactNode;
}
/** The toolbar is a grid slot (the Columns panel anchors to it); its content comes from the ListGrid around it. */
const ToolbarContext = createContext<ToolbarContent | null>(null);

/**
 * The quick search. Its text stays here and goes straight into the grid's filter: a keystroke then renders this
 * field and the grid's rows, not the ListGrid and the grid's props around them (about a fifth of a keystroke's time).
 */
function SearchField({ label }: { label: string }) {
  const apiRef = useGridApiContext();
  const [text, setText] = useState('');
  return (
    <TextField
      size="small"
      type="search"
      label={label}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const needle = e.target.value.trim();
        apiRef.current.setQuickFilterValues(needle ? [needle] : []);
      }}
      sx={SEARCH_SX}
    />
  );
}

function ListToolbar() {
  const content = useContext(ToolbarContext)!;
  const t = useT();
  return (
    <Box sx={{ p: 1.5, borderBottom: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1.5} alignItems="center" useFlexGap flexWrap="wrap">
        {content.searchLabel && <SearchField label={content.searchLabel} />}
        {content.filters}
        <Box sx={{ flexGrow: 1 }} />
        <ColumnsPanelTrigger startIcon={<ViewColumnOutlined />} size="small">
          {t('Columns')}
        </ColumnsPanelTrigger>
      </Stack>
      {content.bulk}
    </Box>
  );
}

export interface ListGridProps<R extends GridValidRowModel & { id: string }> {
  /** The grid's accessible name ("Keys", "Certificate Management"). */
  label: string;
  /** The rows after the list's own filters (type, status); the quick search runs inside the grid. */
  rows: readonly R[];
  /** Made once per language by the caller (useMemo), never per render: the grid re-derives everything from them. */
  columns: readonly ListColumn<R>[];
  /** What a row is called, for the row's checkbox ("Select payload-key"). */
  rowName: (row: R) => string;
  /** The quick search field's label; none, no field. */
  searchLabel?: string;
  /** More filter fields beside the search (selects), owned by the caller. */
  filters?: ReactNode;
  /** What an empty result says ("No keys match the search and filters."). */
  noMatch: string;
  /**
   * Checkbox multi-select: given, each row gets a checkbox and the toolbar a line with what can be done to the
   * selection (`select` replaces the selection, e.g. to keep only the rows an action refused).
   */
  bulkActions?: (selected: R[], select: (ids: string[]) => void) => ReactNode;
}

/**
 * The one list of the console (keys, key stores, IPv4, MAC, certificates): MUI X DataGrid (MIT) with sortable columns,
 * pages of 25/50/100, a quick search, column choice, optional checkbox multi-select, Korean texts in Korean, and
 * columns that make room at 1024 px.
 */
export function ListGrid<R extends GridValidRowModel & { id: string }>(props: ListGridProps<R>) {
  const { rows, columns, rowName, bulkActions, noMatch } = props;
  const t = useT();
  const language = currentLanguage();
  const narrow = useMediaQuery(`(max-width:${NARROW_PX - 0.05}px)`);
  const [selection, setSelection] = useState<GridRowSelectionModel>(EMPTY_SELECTION);
  /** Only what the user chose in Columns; the defaults (hidden, narrow) are worked out below. */
  const [chosen, setChosen] = useState<GridColumnVisibilityModel>({});
  const selectable = bulkActions !== undefined;

  const gridColumns = useMemo(() => {
    const list: GridColDef<R>[] = columns.map(({ searchable, hiddenByDefault: _h, narrow: _n, ...col }) =>
      // Only the searchable columns take part in the quick search (the lists searched names, not dates or ids): over
      // 10,000 rows, every other column would format its value per row and keystroke. The grid skips a column whose
      // quick filter is null; undefined would be replaced by the column type's default.
      searchable ? col : { ...col, getApplyQuickFilterFn: NO_QUICK_FILTER },
    );
    return selectable ? [checkboxColumn(rowName, t), ...list] : list;
  }, [columns, selectable, rowName, t]);

  const defaults = useMemo(() => {
    const model: GridColumnVisibilityModel = {};
    for (const col of columns) if (col.hiddenByDefault || (narrow && col.narrow === 'hide')) model[col.field] = false;
    return model;
  }, [columns, narrow]);
  const visibility = useMemo(() => ({ ...defaults, ...chosen }), [defaults, chosen]);
  const onVisibility = useCallback(
    (next: GridColumnVisibilityModel) => {
      // Remember only what differs from the defaults, so a column left alone still follows the window's width.
      const differs: GridColumnVisibilityModel = {};
      for (const col of columns) {
        const shown = next[col.field] ?? true;
        if (shown !== (defaults[col.field] ?? true)) differs[col.field] = shown;
      }
      setChosen(differs);
    },
    [defaults, columns],
  );

  const localeText = useMemo(() => {
    const number = new Intl.NumberFormat(language === 'ko' ? 'ko-KR' : 'en');
    return {
      ...(language === 'ko' ? koKR.components.MuiDataGrid.defaultProps.localeText : {}),
      noRowsLabel: noMatch,
      noResultsOverlayLabel: noMatch,
      // "1–25 of 10,000": the grid's own words leave large counts unseparated.
      paginationDisplayedRows: ({ from, to, count }: { from: number; to: number; count: number }) =>
        t('{{from}}–{{to}} of {{count}}', { from: number.format(from), to: number.format(to), count: number.format(count) }),
    };
  }, [language, noMatch, t]);

  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const selected = useMemo(() => [...selection.ids].flatMap((id) => byId.get(String(id)) ?? []), [selection, byId]);
  const select = useCallback((ids: string[]) => setSelection({ type: 'include', ids: new Set(ids) }), []);

  const toolbar: ToolbarContent = {
    searchLabel: props.searchLabel,
    filters: props.filters,
    bulk: bulkActions && (
      // Always there, so that selecting a row does not push the rows down under the pointer.
      <Stack direction="row" spacing={1.5} alignItems="center" useFlexGap flexWrap="wrap" sx={{ mt: 1, minHeight: 36 }} aria-live="polite">
        {selected.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('Select rows to act on several at once.')}
          </Typography>
        ) : (
          <>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {t('{{count}} selected', { count: selected.length })}
            </Typography>
            {bulkActions(selected, select)}
            <Button size="small" onClick={() => select([])}>
              {t('Clear selection')}
            </Button>
          </>
        )}
      </Stack>
    ),
  };

  return (
    <ToolbarContext.Provider value={toolbar}>
      <Paper variant="outlined" sx={{ display: 'flex', flexDirection: 'column', width: '100%', minWidth: 0 }}>
        <DataGrid<R>
          aria-label={props.label}
          rows={rows}
          columns={gridColumns}
          localeText={localeText}
          showToolbar
          slots={SLOTS}
          slotProps={SLOT_PROPS}
          disableColumnFilter
          disableDensitySelector
          pageSizeOptions={PAGE_SIZES}
          initialState={INITIAL_STATE}
          columnVisibilityModel={visibility}
          onColumnVisibilityModelChange={onVisibility}
          checkboxSelection={selectable}
          disableRowSelectionExcludeModel
          disableRowSelectionOnClick
          rowSelectionModel={selection}
          onRowSelectionModelChange={setSelection}
          rowHeight={ROW_HEIGHT}
          sx={GRID_SX}
        />
      </Paper>
    </ToolbarContext.Provider>
  );
}
