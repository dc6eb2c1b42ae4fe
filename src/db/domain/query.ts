// Data queries and their events as repositories return and take them.

import type { QueryCategory, QueryEventKind, QueryOrigin, QueryStatus } from '../../shared/contract/queries';

export interface DataQuery {
  readonly id: string;
  readonly siteId: string;
  readonly subjectId: string;
  /** Null for a query on the subject as a whole. */
  readonly form: string | null;
  readonly instanceNo: number | null;
  /** Null for a query on a whole form instance (or subject). */
  readonly field: string | null;
  readonly checkId: string | null;
  readonly category: QueryCategory;
  readonly text: string;
  readonly status: QueryStatus;
  readonly raisedBy: string;
  readonly raisedAt: string;
  readonly updatedAt: string;
}

export interface QueryEvent {
  readonly id: string;
  readonly queryId: string;
  /** Events of the query its author had seen when making it (0 for the raise). */
  readonly seq: number;
  readonly kind: QueryEventKind;
  readonly text: string;
  readonly by: string;
  readonly at: string;
  readonly origin: QueryOrigin;
  readonly late: boolean;
}

export interface QueryFilter {
  readonly status?: QueryStatus;
  readonly siteId?: string;
  readonly subjectId?: string;
}
