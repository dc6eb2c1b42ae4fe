/** @jest-environment jsdom */
// A report section on screen from its blocks alone: a titled region, tables with row headers and folded detail
// tables, charts as images named by their title, and notes.

import { TextEncoder } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import type { ReportSection as Section } from '../../../shared/report/report-document';
import { render } from '../../test-utils';
import { ReportSection } from './ReportSection';

const section: Section = {
  id: 'completeness',
  title: 'Completezza dei dati',
  source: 'generic',
  data: null,
  blocks: [
    { kind: 'heading', text: 'Per scheda' },
    {
      kind: 'table',
      columns: [{ label: 'Scheda' }, { label: 'IT01', numeric: true }],
      rows: [{ cells: [{ text: 'F01 Arruolamento', sub: '(ripetuta)' }, { text: '75%', sub: '(3/4)', title: '3 di 4' }] }, { cells: ['Totale', '75%'], kind: 'total' }],
    },
    { kind: 'table', columns: [{ label: 'Mese' }, { label: 'n', numeric: true }], rows: [{ cells: ['03/2025', '2'] }], folded: 'Mese × centro' },
    { kind: 'chart', id: 'enrolment_by_month', title: 'Pazienti per mese', spec: {} },
    { kind: 'note', text: 'Schede complete, firmate o bloccate.' },
  ],
};

// jsdom has no TextEncoder; the browser (and Electron) have it.
globalThis.TextEncoder ??= TextEncoder as typeof globalThis.TextEncoder;

describe('ReportSection', () => {
  it('draws a titled region with its tables, folded details, chart images and notes', () => {
    const svgs = new Map([['enrolment_by_month', '<svg xmlns="http://www.w3.org/2000/svg"></svg>']]);
    const { container, unmount } = render(<ReportSection section={section} svgs={svgs} />);
    const region = container.querySelector('section')!;
    expect(region.querySelector('h2')!.textContent).toBe('Completezza dei dati');
    expect(region.getAttribute('aria-labelledby')).toBe(region.querySelector('h2')!.id);
    expect(region.querySelector('h3')!.textContent).toBe('Per scheda');
    const [table, folded] = [...region.querySelectorAll('table')];
    expect([...table!.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent)).toEqual(['F01 Arruolamento (ripetuta)', 'Totale']);
    const cell = table!.querySelector('tbody td')!;
    expect([cell.textContent, cell.className, cell.getAttribute('title')]).toEqual(['75% (3/4)', 'num', '3 di 4']);
    expect(table!.querySelectorAll('tbody tr')[1]!.className).toBe('row-total');
    expect(folded!.closest('details')!.querySelector('summary')!.textContent).toBe('Mese × centro');
    const img = region.querySelector('figure img')!;
    expect([img.getAttribute('alt'), img.getAttribute('src')!.startsWith('data:image/svg+xml;base64,')]).toEqual(['Pazienti per mese', true]);
    expect(region.querySelector('p.hint')!.textContent).toBe('Schede complete, firmate o bloccate.');
    unmount();
  });

  it('leaves out a chart whose image was not rendered', () => {
    const { container, unmount } = render(<ReportSection section={section} svgs={new Map()} />);
    expect(container.querySelector('figure')).toBeNull();
    unmount();
  });
});
