import Box from '@mui/material/Box';
import { visuallyHidden } from '@mui/utils';
import type { Theme } from '@mui/material/styles';
import type { GridRenderCellParams, GridValidRowModel } from '@mui/x-data-grid';
import type { ReactNode } from 'react';
import { LifecycleStatusLabels, type LifecycleStatus } from '../../../../shared/domain';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { ListColumn } from './ListGrid';

/**
 * How the plain elements in cells look, set once on the grid: one style sheet for every row instead of an MUI
 * component (and its styles) per cell.
 */
export const LIST_CELL_SX = (theme: Theme) => ({
  '& .skm-cell-link': {
    border: 0,
    background: 'none',
    padding: 0,
    font: 'inherit',
    fontWeight: 500,
    color: theme.palette.primary.main,
    cursor: 'pointer',
    textAlign: 'left',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '100%',
    '&:hover': { textDecoration: 'underline' },
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 2, borderRadius: 2 },
  },
  '& .skm-cell-mono': { fontFamily: 'monospace', fontSize: '0.875rem' },
  '& .skm-cell-muted': { overflow: 'hidden', textOverflow: 'ellipsis', color: theme.palette.text.secondary },
  '& .skm-cell-code': { fontSize: '0.8125rem' },
  // StatusChip's look (a small MUI Chip): outlined green In Service, filled orange Scheduled to be Deleted.
  '& .skm-status': {
    display: 'inline-flex',
    alignItems: 'center',
    height: 24,
    padding: '0 9px',
    borderRadius: 12,
    fontSize: '0.8125rem',
    whiteSpace: 'nowrap',
    border: '1px solid transparent',
  },
  '& .skm-status-in-service': { color: theme.palette.success.main, borderColor: theme.palette.success.main },
  '& .skm-status-scheduled': { color: theme.palette.warning.contrastText, backgroundColor: theme.palette.warning.main },
  '& .skm-status-expired': { color: theme.palette.text.primary, borderColor: theme.palette.divider },
  '& .skm-cell-check': { width: 18, height: 18, margin: 0, cursor: 'pointer', accentColor: theme.palette.primary.main },
  '& .skm-cell-icon': {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: 32,
    height: 32,
    padding: 0,
    border: 0,
    borderRadius: '50%',
    background: 'none',
    color: theme.palette.action.active,
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 1 },
    '&:disabled': { color: theme.palette.action.disabled, cursor: 'default', background: 'none' },
    '& svg': { width: 20, height: 20, fill: 'currentColor' },
  },
});

/**
 * The columns every list has, made the same way everywhere. Callers make their column list once per language
 * (useMemo on t), so none of these runs per render.
 */

/** ISO timestamps sort as text (no Intl.Collator over 10,000 rows); none ("—", no rotation) after the earliest-first dates. */
const byIso = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/** The row's name as a link that opens it (Detail Key Information, the key store, the entry's dialog); the quick search looks here. */
export function nameColumn<R extends GridValidRowModel & { name: string }>(
  headerName: string,
  open: (row: R) => void,
  options: { minWidth?: number; flex?: number; monospace?: boolean } = {},
): ListColumn<R> {
  return {
    field: 'name',
    headerName,
    flex: options.flex ?? 1.4,
    minWidth: options.minWidth ?? 160,
    searchable: true,
    hideable: false,
    // Contains, ignoring case, as the lists always searched; on the value itself, where the grid's own quick filter
    // formats each of 10,000 cells and runs a regular expression on it per keystroke.
    getApplyQuickFilterFn: (needle: string) => {
      const lower = needle.toLowerCase();
      return (value: string) => value.toLowerCase().includes(lower);
    },
    renderCell: (params: GridRenderCellParams<R, string>) => (
      // A plain button styled once for the whole grid (LIST_CELL_SX): MUI components per cell cost a keystroke time.
      // The grid moves keyboard focus cell by cell; in this cell it lands on the button, and Enter opens the row.
      <button
        type="button"
        className={options.monospace ? 'skm-cell-link skm-cell-mono' : 'skm-cell-link'}
        tabIndex={params.tabIndex}
        onClick={() => open(params.row)}
      >
        {params.row.name}
      </button>
    ),
  };
}

/** Plain text that may be long (descriptions): one line, cut with an ellipsis, whole in the tooltip. */
export function textColumn<R extends GridValidRowModel>(
  field: string,
  headerName: string,
  get: (row: R) => string,
  extra: Partial<ListColumn<R>> = {},
): ListColumn<R> {
  return {
    field,
    headerName,
    flex: 1,
    minWidth: 140,
    valueGetter: (_v, row) => get(row),
    renderCell: (params: GridRenderCellParams<R, string>) => (
      <span className="skm-cell-muted" title={params.value || undefined}>
        {params.value || '—'}
      </span>
    ),
    ...extra,
  };
}

/**
 * In Service / Scheduled to be Deleted (and Expired for certificates) with the deletion date in its tooltip: StatusChip's
 * words and colours as a styled span (LIST_CELL_SX). An MUI Chip in each row costs about 1 ms of CPU per row and
 * keystroke, as much as the rest of the row.
 */
export function statusColumn<R extends GridValidRowModel & { status: LifecycleStatus; deletionDate: string | null }>(
  headerName: string,
  expired?: (row: R) => boolean,
): ListColumn<R> {
  return {
    field: 'status',
    headerName,
    width: 200,
    valueGetter: (_v, row) => (expired?.(row) ? 'expired' : row.status),
    renderCell: ({ row }: GridRenderCellParams<R>) => {
      if (expired?.(row)) return <span className="skm-status skm-status-expired">{t('Expired')}</span>;
      const scheduled = row.status === 'scheduled-for-deletion';
      const title = scheduled && row.deletionDate ? t('Deleted for good on {{date}}', { date: formatDate(row.deletionDate) }) : undefined;
      return (
        <span className={scheduled ? 'skm-status skm-status-scheduled' : 'skm-status skm-status-in-service'} title={title}>
          {t(LifecycleStatusLabels[row.status])}
        </span>
      );
    },
  };
}

/** A date on one line, in the UI's language; sorts by time. */
export function dateColumn<R extends GridValidRowModel>(
  field: string,
  headerName: string,
  get: (row: R) => string | null,
  extra: Partial<ListColumn<R>> = {},
): ListColumn<R> {
  return {
    field,
    headerName,
    width: 170,
    valueGetter: (_v, row) => get(row),
    valueFormatter: (value: string | null) => formatDate(value),
    sortComparator: byIso,
    ...extra,
  };
}

/** The 32-hex id (Key Id, Key Store Id): hidden until the user shows it in Columns. */
export function idColumn<R extends GridValidRowModel & { id: string }>(headerName: string): ListColumn<R> {
  return {
    field: 'id',
    headerName,
    width: 300,
    hiddenByDefault: true,
    renderCell: (params: GridRenderCellParams<R, string>) => <code className="skm-cell-code">{params.value}</code>,
  };
}

/** A column of one icon button per row; its header is read out ("Download") but not shown. */
export function buttonColumn<R extends GridValidRowModel>(field: string, headerName: string, render: (row: R, tabIndex: 0 | -1) => ReactNode): ListColumn<R> {
  return {
    field,
    headerName,
    width: 64,
    sortable: false,
    hideable: false,
    disableColumnMenu: true,
    align: 'center',
    headerAlign: 'center',
    renderHeader: () => <Box sx={visuallyHidden}>{headerName}</Box>,
    renderCell: (params: GridRenderCellParams<R>) => render(params.row, params.tabIndex),
  };
}
