// One section of any study's report on the Report screen, drawn from its blocks: headings, tables (folded ones
// under a summary), charts as images with their title as text alternative, notes and paragraphs.

import { useId, useMemo, type ReactNode } from 'react';
import type { ReportBlock, ReportCell, ReportSection as Section, TableBlock } from '../../../shared/report/report-document';
import { ReportTable, type ReportCell as TableCell } from './ReportTable';
import { svgDataUrl } from './report-view';

function cellContent(cell: ReportCell): TableCell {
  if (typeof cell === 'string') return cell;
  const content = (
    <span className={[cell.indent && 'indent', cell.code && 'mono'].filter(Boolean).join(' ') || undefined}>
      {cell.text}
      {cell.sub ? <span className="muted"> {cell.sub}</span> : null}
    </span>
  );
  return cell.title ? { content, title: cell.title } : content;
}

function TableView({ table }: { table: TableBlock }): ReactNode {
  const [head, ...rest] = table.columns;
  const body = (
    <ReportTable
      caption={table.caption}
      columns={head ? { head: head.label, rest } : undefined}
      rows={table.rows.map((row, i) => ({
        key: String(i),
        head: cellContent(row.cells[0]!) as ReactNode,
        className: row.kind ? `row-${row.kind}` : undefined,
        cells: row.cells.slice(1).map(cellContent),
      }))}
    />
  );
  return table.folded ? (
    <details>
      <summary>{table.folded}</summary>
      {body}
    </details>
  ) : (
    body
  );
}

function Block({ block, svgs }: { block: ReportBlock; svgs: ReadonlyMap<string, string> }): ReactNode {
  switch (block.kind) {
    case 'heading':
      return <h3>{block.text}</h3>;
    case 'table':
      return <TableView table={block} />;
    case 'chart': {
      const svg = svgs.get(block.id);
      return svg ? (
        <figure className="chart">
          <img src={svgDataUrl(svg)} alt={block.title} />
          <figcaption>{block.title}</figcaption>
        </figure>
      ) : null;
    }
    case 'note':
      return <p className="hint">{block.text}</p>;
    case 'text':
      return (
        <p>
          {block.title ? <strong>{block.title}. </strong> : null}
          {block.text}
        </p>
      );
  }
}

export function ReportSection({ section, svgs }: { section: Section; svgs: ReadonlyMap<string, string> }): ReactNode {
  const id = useId();
  const blocks = useMemo(() => section.blocks.map((block, i) => <Block key={i} block={block} svgs={svgs} />), [section, svgs]);
  return (
    <section className="card report-section" aria-labelledby={id}>
      <h2 id={id}>{section.title}</h2>
      <div className="table-scroll">{blocks}</div>
    </section>
  );
}
