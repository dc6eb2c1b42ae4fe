// The Review grid of one form (@tanstack/react-table for sorting and filtering, @tanstack/react-virtual for the
// rows): sortable column headers, a filter per coded column, a global text filter, highlighted cells, and the
// keyboard path of the subject list (arrows, Page Up/Down, Home/End; Enter opens the form).

import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTable, type ColumnFiltersState, type SortingState } from '@tanstack/react-table';
import { useLang } from '../../app/use-lang';
import { ColumnHeader } from './ColumnHeader';
import { ReviewCell } from './ReviewCell';
import { presentCodes, type CheckInfo, type GridRow, type LabelMode, type ReviewColumn } from './review-model';
import { CHECKS, features, gridColumns, INSTANCE, rowContains, STATUS, SUBJECT } from './review-table';
import { ReviewRowHead } from './ReviewRowHead';

export const ROW_HEIGHT = 34;
const FIXED_WIDTH: Record<string, number> = { [SUBJECT]: 8, [INSTANCE]: 3.5, [STATUS]: 7, [CHECKS]: 7.5 };

export interface ReviewGridProps {
  readonly formTitle: string;
  readonly rows: readonly GridRow[];
  readonly columns: readonly ReviewColumn[];
  readonly checks: ReadonlyMap<string, CheckInfo>;
  readonly repeating: boolean;
  /** Coded values as labels or as codes. */
  readonly mode: LabelMode;
  readonly onOpen: (row: GridRow) => void;
}

export function ReviewGrid({ formTitle, rows, columns, checks, repeating, mode, onOpen }: ReviewGridProps): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [globalFilter, setGlobalFilter] = useState('');
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(ROW_HEIGHT);

  const defs = useMemo(
    () => gridColumns(columns, repeating, { subject: t('review.subject'), instance: '#', status: t('review.status'), checks: t('review.checks') }, mode),
    [columns, repeating, t, mode],
  );
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({
    features,
    columns: defs,
    data,
    state: { sorting, columnFilters, globalFilter },
    onSortingChange: setSorting,
    onColumnFiltersChange: setColumnFilters,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: rowContains,
    getColumnCanGlobalFilter: (column) => column.id === SUBJECT,
    getRowId: (row) => row.id,
  });
  const visible = table.getRowModel().rows;
  const byName = useMemo(() => new Map(columns.map((c) => [c.name, c])), [columns]);
  // Once per data, not per render: moving through the rows re-renders the grid.
  const filterOptions = useMemo(() => new Map(columns.filter((c) => c.coded).map((c) => [c.name, presentCodes(rows, c)])), [rows, columns]);
  const leaf = table.getAllLeafColumns();
  const widths = leaf.map((c) => FIXED_WIDTH[c.id] ?? byName.get(c.id)?.width ?? 9);
  const layout = { '--review-cols': widths.map((w) => `${w}rem`).join(' '), '--review-width': `${widths.reduce((a, b) => a + b, 0)}rem` } as CSSProperties;

  useLayoutEffect(() => setHeadHeight(head.current?.offsetHeight ?? ROW_HEIGHT), [defs]);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    getItemKey: (index) => visible[index]?.id ?? index,
    initialRect: { width: 1200, height: 600 },
  });

  const current = Math.min(active, Math.max(0, visible.length - 1));
  const onKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (event.key === 'Enter') {
      event.preventDefault();
      const row = visible[current];
      if (row) onOpen(row.original);
      return;
    }
    const move = moves[event.key];
    if (move === undefined || visible.length === 0) return;
    event.preventDefault();
    const next = Math.min(visible.length - 1, Math.max(0, current + move));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const rowId = (i: number): string => `review-row-${i}`;
  return (
    <>
      <div className="toolbar-row">
        <div className="control inline">
          <label htmlFor="review-search">{t('review.search')}</label>
          <input id="review-search" type="search" value={globalFilter} onChange={(e) => setGlobalFilter(e.target.value)} maxLength={60} />
        </div>
        <p className="count" role="status">
          {t('review.count', { count: visible.length, total: rows.length })}
        </p>
        {sorting.length > 0 || columnFilters.length > 0 ? (
          <button
            type="button"
            onClick={() => {
              setSorting([]);
              setColumnFilters([]);
            }}
          >
            {t('review.resetView')}
          </button>
        ) : null}
      </div>
      <p id="review-keys" className="hint">
        {t('review.keysHint')}
      </p>
      <div
        className="review-grid"
        role="grid"
        aria-label={formTitle}
        aria-describedby="review-keys"
        aria-rowcount={visible.length + 1}
        aria-colcount={leaf.length}
        tabIndex={0}
        aria-activedescendant={visible[current] ? rowId(current) : undefined}
        onKeyDown={onKey}
        style={layout}
      >
        <div ref={scroller} className="review-scroll">
          <div ref={head} role="rowgroup" className="review-head">
            <div role="row" className="review-row" aria-rowindex={1}>
              {table.getHeaderGroups()[0]?.headers.map((header) => (
                <ColumnHeader key={header.id} header={header} column={byName.get(header.column.id)} options={filterOptions.get(header.column.id)} />
              ))}
            </div>
          </div>
          <div role="rowgroup" className="review-body" style={{ height: virtualizer.getTotalSize() - headHeight }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = visible[item.index];
              if (!row) return null;
              const r = row.original;
              return (
                <div
                  key={row.id}
                  id={rowId(item.index)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={item.index === current}
                  className={['review-row', item.index === current ? 'grid-row-active' : '', r.counts.hard > 0 ? 'row-hard' : r.counts.soft > 0 ? 'row-soft' : ''].filter(Boolean).join(' ')}
                  style={{ transform: `translateY(${item.start - headHeight}px)` }}
                  onClick={() => {
                    setActive(item.index);
                    onOpen(r);
                  }}
                >
                  <ReviewRowHead row={r} repeating={repeating} />
                  {columns.map((c) => (
                    <ReviewCell
                      key={c.name}
                      text={(mode === 'codes' && c.coded ? r.codeText[c.name] : r.text[c.name]) ?? ''}
                      reason={r.reasons[c.name]}
                      flag={r.flags[c.name]}
                      why={r.flagChecks[c.name]?.map((id) => `${id}: ${checks.get(id)?.message[lang] ?? ''}`).join('\n') ?? (r.flags[c.name] === 'missing' ? t('review.flag.missing') : undefined)}
                      numeric={c.numeric}
                    />
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}
