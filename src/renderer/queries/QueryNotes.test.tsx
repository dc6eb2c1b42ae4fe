/** @jest-environment jsdom */
// The open queries next to a field: a badge with their count, each text with its category, who raised it and
// when, the centre's comment on a re-opened one, and Answer only for a user who may answer.

import { describe, expect, it, jest } from '@jest/globals';
import type { QueryOut } from '../../shared/contract/queries';
import { byLabel, click, render } from '../test-utils';
import { QueryNotes } from './QueryNotes';
import { aQuery } from './test-queries';

const weight = aQuery({ id: 'Q-0000000000A1', text: 'Peso 140 kg: confermare', category: 'out_of_range', raisedAt: '2026-11-20T09:30:00.000Z' });
const reopened = aQuery({
  id: 'Q-0000000000A2',
  text: 'Peso diverso dalla cartella',
  category: 'inconsistent',
  status: 'reopened',
  events: [
    { id: '00000000-0000-4000-8000-0000000000a1', kind: 'raise', text: 'Peso diverso dalla cartella', by: 'coordinator', at: '2026-11-20T09:30:00.000Z', origin: 'centre', late: false },
    { id: '00000000-0000-4000-8000-0000000000a2', kind: 'answer', text: 'Confermato', by: 'dora', at: '2026-11-21T09:30:00.000Z', origin: 'site', late: false },
    { id: '00000000-0000-4000-8000-0000000000a3', kind: 'reopen', text: 'La cartella dice 70 kg', by: 'coordinator', at: '2026-11-22T09:30:00.000Z', origin: 'centre', late: false },
  ],
});

describe('query notes on a field', () => {
  it('shows the count and each query’s text, category, who raised it and when, in Italian', () => {
    const view = render(<QueryNotes queries={[weight, reopened]} label="Peso alla prima dose" />);
    const group = byLabel(view.container, 'Query su Peso alla prima dose');
    expect(group.querySelector('.query-badge')?.textContent).toBe('2 query');
    const text = group.textContent ?? '';
    expect(text).toContain('Peso 140 kg: confermare');
    expect(text).toContain('Fuori intervallo · aperta da coordinator il 20/11/2026');
    expect(text).toContain('Incoerente · aperta da coordinator');
    expect(text).toContain('riaperta da coordinator il 22/11/2026');
    expect(text).toContain('La cartella dice 70 kg');
    expect(view.container.querySelector('button')).toBeNull();
    view.unmount();
  });

  it('writes the same in English on an English screen', () => {
    const view = render(<QueryNotes queries={[weight]} label="Weight at first dose" />, 'en');
    const group = byLabel(view.container, 'Queries on Weight at first dose');
    expect(group.querySelector('.query-badge')?.textContent).toBe('1 query');
    expect(group.textContent).toContain('Out of range · raised by coordinator on');
    view.unmount();
  });

  it('offers Answer for each query to a user who may answer, handing over that query', () => {
    const onAnswer = jest.fn<(q: QueryOut) => void>();
    const view = render(<QueryNotes queries={[weight, reopened]} label="Peso" onAnswer={onAnswer} />);
    click(byLabel(view.container, 'Rispondi alla query Q-0000000000A2'));
    expect(onAnswer).toHaveBeenCalledWith(reopened);
    view.unmount();
  });

  it('shows nothing for a field without open queries', () => {
    const view = render(<QueryNotes queries={[]} label="Peso" />);
    expect(view.container.innerHTML).toBe('');
    view.unmount();
  });
});
