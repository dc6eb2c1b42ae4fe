// The Review grid's table model (@tanstack/react-table): registered features (sorting, column filters for
// coded fields, the global text filter) and the column definitions built from the review columns.

import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
  type FilterFn,
  type SortFn,
} from '@tanstack/react-table';
import { compareKeys, type GridRow, type LabelMode, type ReviewColumn } from './review-model';

export const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
});
export type Features = typeof features;
/** Every column's value is the text shown (sorting and filtering read the row's keys and codes). */
export type GridColumnDef = ColumnDef<Features, GridRow, string>;

/** Fixed columns before the form's fields. */
export const SUBJECT = '_subject';
export const INSTANCE = '_instance';
export const STATUS = '_status';
export const CHECKS = '_checks';

const helper = createColumnHelper<Features, GridRow>();

const byKey: SortFn<Features, GridRow> = (a, b, id) => compareKeys(a.original.sort[id], b.original.sort[id]);
/** Coded columns shown as codes sort by code (numerically where codes are numbers). */
const byCode: SortFn<Features, GridRow> = (a, b, id) => compareKeys(a.original.codeText[id] || null, b.original.codeText[id] || null);
/** A coded column keeps the rows holding the chosen code (multiple choice: among its codes). */
export const hasCode: FilterFn<Features, GridRow> = (row, id, value: unknown) => typeof value !== 'string' || value === '' || (row.original.codes[id]?.includes(value) ?? false);
/** The global filter looks once per row at the row's whole text (it runs on the subject column only). */
export const rowContains: FilterFn<Features, GridRow> = (row, _id, value: unknown) => typeof value !== 'string' || value.trim() === '' || row.original.search.includes(value.trim().toLowerCase());

/** Rows with errors first, then warnings, then missing items (when sorted descending). */
function problemWeight(r: GridRow): number {
  return r.counts.hard * 1_000_000 + r.counts.soft * 1_000 + r.counts.missing;
}

export interface FixedLabels {
  readonly subject: string;
  readonly instance: string;
  readonly status: string;
  readonly checks: string;
}

export function gridColumns(columns: readonly ReviewColumn[], repeating: boolean, labels: FixedLabels, mode: LabelMode): ColumnDef<Features, GridRow>[] {
  const fixed: GridColumnDef[] = [
    helper.accessor((r) => r.subjectId, { id: SUBJECT, header: labels.subject, sortFn: (a, b) => compareKeys(a.original.id, b.original.id), enableColumnFilter: false, enableGlobalFilter: true }),
    ...(repeating ? [helper.accessor((r) => String(r.instanceNo), { id: INSTANCE, header: labels.instance, sortFn: (a, b) => a.original.instanceNo - b.original.instanceNo, enableColumnFilter: false, enableGlobalFilter: false })] : []),
    helper.accessor((r): string => r.status, { id: STATUS, header: labels.status, enableColumnFilter: false, enableGlobalFilter: false }),
    helper.accessor((r) => `${r.counts.hard}/${r.counts.soft}/${r.counts.missing}`, { id: CHECKS, header: labels.checks, sortFn: (a, b) => problemWeight(a.original) - problemWeight(b.original), sortDescFirst: true, enableColumnFilter: false, enableGlobalFilter: false }),
  ];
  const fields = columns.map(
    (c): GridColumnDef =>
      helper.accessor((r) => r.text[c.name] ?? '', {
        id: c.name,
        header: c.label,
        sortFn: c.coded && mode === 'codes' ? byCode : byKey,
        enableColumnFilter: c.coded,
        enableGlobalFilter: false,
        ...(c.coded ? { filterFn: hasCode } : {}),
      }),
  );
  return helper.columns([...fixed, ...fields]);
}
