// Queries as the queries:list channel returns them, for the renderer's jsdom tests.

import type { QueryOut, QueryStatus } from '../../shared/contract/queries';

let next = 0;

export function aQuery(over: Partial<QueryOut> & { status?: QueryStatus } = {}): QueryOut {
  next += 1;
  const id = over.id ?? `Q-${next.toString(16).toUpperCase().padStart(12, '0')}`;
  const raisedAt = over.raisedAt ?? '2026-11-20T09:30:00.000Z';
  return {
    id,
    siteId: 'IT01',
    subjectId: 'IT01-0001',
    form: 'dm',
    instanceNo: 1,
    field: 'weight_kg',
    checkId: null,
    category: 'out_of_range',
    text: 'Peso 140 kg: confermare',
    status: 'open',
    raisedBy: 'coordinator',
    raisedAt,
    updatedAt: raisedAt,
    daysToAnswer: null,
    lateAnswers: 0,
    events: [{ id: '00000000-0000-4000-8000-000000000001', kind: 'raise', text: over.text ?? 'Peso 140 kg: confermare', by: 'coordinator', at: raisedAt, origin: 'centre', late: false }],
    ...over,
  };
}
