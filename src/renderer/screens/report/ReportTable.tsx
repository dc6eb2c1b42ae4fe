// The table markup every Report section shares: a header row of column labels, then one row per item
// whose first cell names it (a row header, for screen readers), with numeric columns aligned right.

import { isValidElement, type ReactNode } from 'react';

export interface ReportColumn {
  readonly label: ReactNode;
  readonly numeric?: boolean;
  readonly mono?: boolean;
}

/** A cell's content, or its content with a tooltip (for instance the counts behind a percentage). */
export type ReportCell = ReactNode | { readonly content: ReactNode; readonly title?: string | undefined };

export interface ReportRow {
  readonly key: string;
  readonly head: ReactNode;
  readonly headMono?: boolean;
  readonly className?: string | undefined;
  readonly cells: readonly ReportCell[];
}

export interface ReportTableProps {
  readonly caption?: string | undefined;
  /** The first column's label and the others'; without them the table has no header row. */
  readonly columns?: { readonly head: ReactNode; readonly rest: readonly ReportColumn[] };
  readonly rows: readonly ReportRow[];
}

function isTitled(cell: ReportCell): cell is { content: ReactNode; title?: string } {
  return typeof cell === 'object' && cell !== null && !isValidElement(cell) && 'content' in cell;
}

const classOf = (...names: (string | false | undefined)[]): string | undefined => names.filter(Boolean).join(' ') || undefined;

export function ReportTable({ caption, columns, rows }: ReportTableProps): ReactNode {
  return (
    <table className="table">
      {caption ? <caption>{caption}</caption> : null}
      {columns ? (
        <thead>
          <tr>
            <th scope="col">{columns.head}</th>
            {columns.rest.map((c, i) => (
              <th key={i} scope="col" className={classOf(c.numeric && 'num', c.mono && 'mono')}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.className}>
            <th scope="row" className={classOf(row.headMono && 'mono')}>
              {row.head}
            </th>
            {row.cells.map((cell, i) => {
              const numeric = columns?.rest[i]?.numeric === true ? 'num' : undefined;
              return isTitled(cell) ? (
                <td key={i} className={numeric} title={cell.title}>
                  {cell.content}
                </td>
              ) : (
                <td key={i} className={numeric}>
                  {cell as ReactNode}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
