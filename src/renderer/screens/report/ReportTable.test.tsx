/** @jest-environment jsdom */
// The Report's shared table: column headers, a row header naming each row for screen readers, numbers
// aligned right, a tooltip with the counts behind a percentage, and a table without a header row.

import { describe, expect, it } from '@jest/globals';
import { render } from '../../test-utils';
import { ReportTable } from './ReportTable';

describe('ReportTable', () => {
  it('names each row in a row header and aligns numeric columns right', () => {
    const { container, unmount } = render(
      <ReportTable
        columns={{ head: 'Centro', rest: [{ label: 'N', numeric: true }, { label: 'Primo mese' }, { label: 'IT01', numeric: true, mono: true }] }}
        rows={[
          { key: 'a', head: 'IT01', headMono: true, cells: [12, '2024-01', { content: '75%', title: '3/4' }] },
          { key: 'b', head: 'Totale', className: 'row-total', cells: [30, '–', '–'] },
        ]}
      />,
    );
    const cols = [...container.querySelectorAll('thead th')];
    expect(cols.map((th) => [th.textContent, th.getAttribute('scope'), th.className])).toEqual([
      ['Centro', 'col', ''],
      ['N', 'col', 'num'],
      ['Primo mese', 'col', ''],
      ['IT01', 'col', 'num mono'],
    ]);
    const rows = [...container.querySelectorAll('tbody tr')];
    expect(rows.map((tr) => tr.querySelector('th[scope="row"]')?.textContent)).toEqual(['IT01', 'Totale']);
    expect(rows[0]!.querySelector('th')!.className).toBe('mono');
    expect(rows[1]!.className).toBe('row-total');
    const cells = [...rows[0]!.querySelectorAll('td')];
    expect(cells.map((td) => [td.textContent, td.className, td.getAttribute('title')])).toEqual([
      ['12', 'num', null],
      ['2024-01', '', null],
      ['75%', 'num', '3/4'],
    ]);
    unmount();
  });

  it('draws a two-column table without a header row when it has no columns', () => {
    const { container, unmount } = render(<ReportTable rows={[{ key: 'crude', head: 'Incidenza grezza', cells: ['10% (IC 95% 2–26%)'] }]} />);
    expect(container.querySelector('thead')).toBeNull();
    expect(container.querySelector('tbody th')!.textContent).toBe('Incidenza grezza');
    expect(container.querySelector('tbody td')!.textContent).toBe('10% (IC 95% 2–26%)');
    unmount();
  });
});
