// The states of a data query as a pure fold of its events, the same at the site and at the centre, so both
// stores agree once they hold the same events whatever order they arrived in.

import type { QueryEventKind, QueryStatus } from '../../shared/contract/queries';

interface FoldedEvent {
  readonly id: string;
  readonly seq: number;
  readonly kind: QueryEventKind;
  readonly at: string;
  readonly late: boolean;
}

/** What each action may follow: open → answered → closed, or re-opened → answered … (DESIGN.md "Queries"). */
const FROM: Readonly<Record<Exclude<QueryEventKind, 'raise'>, readonly QueryStatus[]>> = {
  answer: ['open', 'reopened'],
  close: ['open', 'answered', 'reopened'],
  reopen: ['answered', 'closed'],
};

const TO: Readonly<Record<QueryEventKind, QueryStatus>> = { raise: 'open', answer: 'answered', close: 'closed', reopen: 'reopened' };

export function mayFollow(status: QueryStatus, kind: Exclude<QueryEventKind, 'raise'>): boolean {
  return FROM[kind].includes(status);
}

/**
 * Events in causal order (how many events each author had seen), concurrent ones by time then id; a late
 * answer is kept but changes nothing, nor does an event out of turn.
 */
export function foldStatus(events: readonly FoldedEvent[]): QueryStatus {
  const sorted = [...events].sort((a, b) => a.seq - b.seq || (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let status: QueryStatus = 'open';
  for (const e of sorted) {
    if (e.kind === 'raise') status = 'open';
    else if (!e.late && mayFollow(status, e.kind)) status = TO[e.kind];
  }
  return status;
}

/** Open for the site: raised or re-opened, not yet answered. */
export function awaitsAnswer(status: QueryStatus): boolean {
  return status === 'open' || status === 'reopened';
}
