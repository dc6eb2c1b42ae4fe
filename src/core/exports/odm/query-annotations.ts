// Data queries in the ODM export: each query is an Annotation on what it questions — the ItemData of its
// field, the FormData of its form instance, or the SubjectData — with its text, history and a status Flag.

import type { QueryOut } from '../../../shared/contract/queries';
import { FLAG_TYPES } from './code-lists';
import * as oid from './oids';
import { el, textEl } from './xml';

const keyOf = (subjectId: string, form: string | null, instanceNo: number | null, field: string | null): string => `${subjectId}|${form ?? ''}|${instanceNo ?? ''}|${field ?? ''}`;

const NONE: readonly QueryOut[] = [];
const NO_ITEMS: ReadonlyMap<string, readonly QueryOut[]> = new Map();

export class QueryIndex {
  private readonly byTarget = new Map<string, QueryOut[]>();
  /** Field queries per `subject|form|instance`, then per field: one key per form instance, not per item. */
  private readonly byInstance = new Map<string, Map<string, QueryOut[]>>();

  constructor(queries: readonly QueryOut[]) {
    for (const q of queries) {
      const key = keyOf(q.subjectId, q.form, q.form === null ? null : (q.instanceNo ?? 1), q.field);
      const list = this.byTarget.get(key) ?? [];
      list.push(q);
      this.byTarget.set(key, list);
      if (q.form === null || q.field === null) continue;
      const instance = keyOf(q.subjectId, q.form, q.instanceNo ?? 1, null);
      let fields = this.byInstance.get(instance);
      if (!fields) this.byInstance.set(instance, (fields = new Map()));
      fields.set(q.field, list);
    }
  }

  onItem(subjectId: string, form: string, instanceNo: number, field: string): readonly QueryOut[] {
    return this.byTarget.get(keyOf(subjectId, form, instanceNo, field)) ?? NONE;
  }

  /** The queries on each field of one form instance (as `onItem`, looked up once per instance). */
  onItemsOf(subjectId: string, form: string, instanceNo: number): ReadonlyMap<string, readonly QueryOut[]> {
    return this.byInstance.get(keyOf(subjectId, form, instanceNo, null)) ?? NO_ITEMS;
  }

  onForm(subjectId: string, form: string, instanceNo: number): readonly QueryOut[] {
    return this.byTarget.get(keyOf(subjectId, form, instanceNo, null)) ?? [];
  }

  onSubject(subjectId: string): readonly QueryOut[] {
    return this.byTarget.get(keyOf(subjectId, null, null, null)) ?? [];
  }
}

function history(q: QueryOut): string {
  return q.events
    .filter((e) => e.kind !== 'raise')
    .map((e) => ` ${e.kind}${e.late ? ' (late, after closing)' : ''} by ${e.by} at ${e.at}: ${e.text}`)
    .join(';');
}

/** Annotations numbered from `firstSeqNum` (SeqNum is unique within its parent). */
export function queryAnnotations(queries: readonly QueryOut[], firstSeqNum: number): string {
  return queries
    .map((q, i) =>
      el(
        'Annotation',
        [['SeqNum', firstSeqNum + i], ['ID', q.id]],
        textEl('Comment', [], `Query ${q.id} (${q.category}${q.checkId ? `, check ${q.checkId}` : ''}) raised by ${q.raisedBy} at ${q.raisedAt}: ${q.text}.${history(q)}`),
        el('Flag', [], textEl('FlagValue', [['CodeListOID', oid.QUERY_STATUS_CODE_LIST_OID]], q.status), textEl('FlagType', [['CodeListOID', oid.FLAG_TYPE_CODE_LIST_OID]], FLAG_TYPES.queryStatus)),
      ),
    )
    .join('');
}
