// The state of a query is a fold of its events in causal order, so the site and the centre agree once they
// hold the same events, whatever order the events arrived in.

import { foldStatus, mayFollow } from '../../src/core/queries/query-state';

const ev = (seq: number, kind: 'raise' | 'answer' | 'close' | 'reopen', late = false, id = `${seq}-${kind}`) => ({ id, seq, kind, at: '2026-12-01T10:00:00.000Z', late });

describe('query state', () => {
  it('goes open → answered → closed, and re-opened → answered', () => {
    expect(foldStatus([ev(0, 'raise')])).toBe('open');
    expect(foldStatus([ev(0, 'raise'), ev(1, 'answer')])).toBe('answered');
    expect(foldStatus([ev(0, 'raise'), ev(1, 'answer'), ev(2, 'close')])).toBe('closed');
    expect(foldStatus([ev(0, 'raise'), ev(1, 'answer'), ev(2, 'close'), ev(3, 'reopen')])).toBe('reopened');
    expect(foldStatus([ev(0, 'raise'), ev(1, 'answer'), ev(2, 'close'), ev(3, 'reopen'), ev(4, 'answer')])).toBe('answered');
  });

  it('gives the same state whatever order the events are held in', () => {
    const events = [ev(0, 'raise'), ev(1, 'answer'), ev(2, 'reopen'), ev(3, 'answer'), ev(4, 'close')];
    expect(foldStatus([...events].reverse())).toBe('closed');
    expect(foldStatus([events[3]!, events[0]!, events[4]!, events[1]!, events[2]!])).toBe('closed');
  });

  it('keeps a late answer without letting it change a closed query', () => {
    expect(foldStatus([ev(0, 'raise'), ev(1, 'close'), ev(1, 'answer', true)])).toBe('closed');
  });

  it('allows answers only to open or re-opened queries and re-opening only of answered or closed ones', () => {
    expect(mayFollow('open', 'answer')).toBe(true);
    expect(mayFollow('answered', 'answer')).toBe(false);
    expect(mayFollow('closed', 'answer')).toBe(false);
    expect(mayFollow('open', 'reopen')).toBe(false);
    expect(mayFollow('closed', 'reopen')).toBe(true);
    expect(mayFollow('reopened', 'close')).toBe(true);
  });
});
