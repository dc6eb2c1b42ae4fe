// The queries of a store grouped the ways the screens show them: open ones per subject, per form instance and
// per field of a record, their age in days, and the reason for change that answers them by a save.

import type { QueryOut, QueryStatus } from '../../shared/contract/queries';

const DAY_MS = 86_400_000;

/** Raised or re-opened, not answered yet: what the site still has to do (the same rule as core's). */
export function awaitsAnswer(status: QueryStatus): boolean {
  return status === 'open' || status === 'reopened';
}

export function awaiting(queries: readonly QueryOut[]): QueryOut[] {
  return queries.filter((q) => awaitsAnswer(q.status));
}

/** Open queries per subject id. */
export function openBySubject(queries: readonly QueryOut[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of awaiting(queries)) counts.set(q.subjectId, (counts.get(q.subjectId) ?? 0) + 1);
  return counts;
}

export function instanceKey(form: string, instanceNo: number): string {
  return `${form}#${instanceNo}`;
}

/** Open queries per form instance (`form#n`), fields and form-level ones together; subject-level ones left out. */
export function openByInstance(queries: readonly QueryOut[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const q of awaiting(queries)) {
    if (q.form === null) continue;
    const key = instanceKey(q.form, q.instanceNo ?? 1);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface RecordQueries {
  /** Open queries on a field of the record, by field name. */
  readonly byField: ReadonlyMap<string, readonly QueryOut[]>;
  /** Open queries on the record as a whole. */
  readonly formLevel: readonly QueryOut[];
}

export function openOnRecord(queries: readonly QueryOut[], record: { readonly subjectId: string; readonly form: string; readonly instanceNo: number }): RecordQueries {
  const byField = new Map<string, QueryOut[]>();
  const formLevel: QueryOut[] = [];
  for (const q of awaiting(queries)) {
    if (q.subjectId !== record.subjectId || q.form !== record.form || (q.instanceNo ?? 1) !== record.instanceNo) continue;
    if (q.field === null) formLevel.push(q);
    else byField.set(q.field, [...(byField.get(q.field) ?? []), q]);
  }
  return { byField, formLevel };
}

/** The open queries on the fields a save changes: the reason for change offers to answer them. */
export function queriedAmong(record: RecordQueries, changedFields: readonly string[]): string[] {
  return [...new Set(changedFields.flatMap((f) => record.byField.get(f)?.map((q) => q.id) ?? []))];
}

/** Whole days since the query was raised. */
export function ageInDays(query: QueryOut, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(query.raisedAt)) / DAY_MS));
}

/** The last answer given, if any (shown next to answered queries). */
export function lastAnswer(query: QueryOut): QueryOut['events'][number] | undefined {
  return query.events.filter((e) => e.kind === 'answer').at(-1);
}
