// Data queries (the DCF loop): their categories, states and events, the inputs of raise, answer, close,
// reopen and list, and what a listing shows. Shared by the CLI, core and the app's channels.

import { z } from 'zod';
import { FieldName, FormKey, InstanceNo, IsoTimestamp, SiteId, SubjectId } from './common';

export const QUERY_CATEGORIES = ['missing', 'inconsistent', 'out_of_range', 'protocol', 'other'] as const;
export const QueryCategory = z.enum(QUERY_CATEGORIES);
export type QueryCategory = z.infer<typeof QueryCategory>;

/** open → answered → closed, or (from answered or closed) reopened → answered … */
export const QUERY_STATUSES = ['open', 'answered', 'closed', 'reopened'] as const;
export const QueryStatus = z.enum(QUERY_STATUSES);
export type QueryStatus = z.infer<typeof QueryStatus>;

export const QUERY_EVENT_KINDS = ['raise', 'answer', 'close', 'reopen'] as const;
export const QueryEventKind = z.enum(QUERY_EVENT_KINDS);
export type QueryEventKind = z.infer<typeof QueryEventKind>;

/** Where an event happened: its audit entry is in that side's trail. */
export const QueryOrigin = z.enum(['centre', 'site']);
export type QueryOrigin = z.infer<typeof QueryOrigin>;

/** A query id, the same in the central store and the site's: `Q-` and 12 hex digits. */
export const QueryId = z.string().regex(/^Q-[0-9A-F]{12}$/, 'query ids look like Q-3F9A1C22B7E0');
export const QueryEventId = z.string().regex(/^[0-9a-f-]{36}$/);
export const QueryText = z.string().trim().min(3, 'give a text of at least 3 characters').max(2000);

export const RaiseQueryInput = z.strictObject({
  subjectId: SubjectId,
  form: FormKey.optional(),
  instanceNo: InstanceNo.optional(),
  field: FieldName.optional(),
  text: QueryText,
  category: QueryCategory.default('other'),
});
export type RaiseQueryInput = z.output<typeof RaiseQueryInput>;

export const QueryActionInput = z.strictObject({ queryId: QueryId, text: QueryText });
export type QueryActionInput = z.output<typeof QueryActionInput>;

export const ListQueriesInput = z.strictObject({
  status: QueryStatus.optional(),
  siteId: SiteId.optional(),
  subjectId: SubjectId.optional(),
});
export type ListQueriesInput = z.output<typeof ListQueriesInput>;

export const QueryEventOut = z.strictObject({
  id: QueryEventId,
  kind: QueryEventKind,
  text: z.string(),
  by: z.string(),
  at: z.string(),
  origin: QueryOrigin,
  /** An answer that reached the centre after the query was closed: kept and shown, status unchanged. */
  late: z.boolean(),
});
export type QueryEventOut = z.infer<typeof QueryEventOut>;

export const QueryOut = z.strictObject({
  id: QueryId,
  siteId: z.string(),
  subjectId: z.string(),
  form: z.string().nullable(),
  instanceNo: z.number().int().nullable(),
  field: z.string().nullable(),
  checkId: z.string().nullable(),
  category: QueryCategory,
  text: z.string(),
  status: QueryStatus,
  raisedBy: z.string(),
  raisedAt: z.string(),
  updatedAt: z.string(),
  /** Whole days from raising to the first answer; null while unanswered. */
  daysToAnswer: z.number().int().nullable(),
  lateAnswers: z.number().int(),
  events: z.array(QueryEventOut),
});
export type QueryOut = z.infer<typeof QueryOut>;

export const TransferredQueryEvent = z.strictObject({
  id: QueryEventId,
  seq: z.number().int().min(0).max(100_000),
  kind: QueryEventKind,
  text: z.string().max(2000),
  by: z.string().min(1).max(64),
  at: IsoTimestamp,
  origin: QueryOrigin,
  late: z.boolean(),
});
export type TransferredQueryEvent = z.infer<typeof TransferredQueryEvent>;

/** One query as a return bundle carries it: what it is on, and every event so far (the state is their fold). */
export const TransferredQuery = z.strictObject({
  id: QueryId,
  site_id: SiteId,
  subject_id: SubjectId,
  form_key: FormKey.nullable(),
  instance_no: InstanceNo.nullable(),
  field: FieldName.nullable(),
  check_id: z.string().max(80).nullable(),
  category: QueryCategory,
  text: z.string().max(2000),
  raised_by: z.string().min(1).max(64),
  raised_at: IsoTimestamp,
  events: z.array(TransferredQueryEvent).min(1).max(10_000),
});
export type TransferredQuery = z.infer<typeof TransferredQuery>;
