// A Review column header: a button that sorts (ascending, descending, off) with aria-sort, and for coded fields
// a filter on the codes present in the column.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Header } from '@tanstack/react-table';
import type { GridRow, ReviewColumn } from './review-model';
import type { Features } from './review-table';

export interface ColumnHeaderProps {
  readonly header: Header<Features, GridRow, unknown>;
  /** The form field behind the column (none for the fixed columns). */
  readonly column: ReviewColumn | undefined;
  /** The codes present in a coded column, for its filter. */
  readonly options: readonly { readonly code: string; readonly label: string }[] | undefined;
}

const ARROW = { asc: ' ↑', desc: ' ↓' } as const;

export function ColumnHeader({ header, column, options }: ColumnHeaderProps): ReactNode {
  const { t } = useTranslation();
  const col = header.column;
  const sorted = col.getIsSorted();
  const label = typeof col.columnDef.header === 'string' ? col.columnDef.header : col.id;
  const filter = col.getFilterValue();
  return (
    <div role="columnheader" className="grid-cell review-header" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'} title={column ? `${label} (${column.name})` : label}>
      <button type="button" className="sort-button" onClick={col.getToggleSortingHandler()} aria-label={t('review.sortBy', { column: label })}>
        {label}
        {sorted ? ARROW[sorted] : ''}
      </button>
      {column?.coded && options && col.getCanFilter() ? (
        <select className="column-filter" aria-label={t('review.filterBy', { column: label })} value={typeof filter === 'string' ? filter : ''} onChange={(e) => col.setFilterValue(e.target.value === '' ? undefined : e.target.value)}>
          <option value="">{t('review.all')}</option>
          {options.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code === c.label ? c.code : `${c.label} (${c.code})`}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}
