// One titled section of the Report screen, with a table that scrolls sideways when it is wide.

import { useId, type ReactNode } from 'react';

export function ReportSection({ title, children }: { title: string; children: ReactNode }): ReactNode {
  const id = useId();
  return (
    <section className="card report-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="table-scroll">{children}</div>
    </section>
  );
}
