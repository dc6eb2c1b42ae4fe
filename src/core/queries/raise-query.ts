// Raising queries at the centre: by hand (`edc queries raise`) or in a batch by generation, each checked
// against the central data (the subject, the form instance and the field must exist), written with its
// raise event and one audit entry, in one transaction.

import type { DataQuery, QueryEvent } from '../../db/domain';
import { findInstance } from '../../db/repositories/form-instances.repository';
import { insertQuery, insertQueryEvent } from '../../db/repositories/queries.repository';
import { findSubject } from '../../db/repositories/subjects.repository';
import { inWriteTransaction, type Tx } from '../../db/transaction';
import type { QueryCategory, RaiseQueryInput } from '../../shared/contract/queries';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { queryAuditEntry } from './query-audit';
import { newEventId, newQueryId } from './query-ids';
import { requireStoreKind } from './store-kind';

/** What a new query is on and says. */
export interface QueryTarget {
  readonly subjectId: string;
  readonly form: string | null;
  readonly instanceNo: number | null;
  readonly field: string | null;
  readonly checkId: string | null;
  readonly category: QueryCategory;
  readonly text: string;
}

async function siteOfTarget(session: Session, tx: Tx, target: QueryTarget): Promise<string> {
  const subject = await findSubject(tx, target.subjectId);
  if (!subject) throw new AppError('subject.notFound', { subject: target.subjectId });
  if (target.form === null) {
    if (target.field !== null || target.instanceNo !== null) throw new AppError('query.formRequired');
    return subject.siteId;
  }
  if (!session.study.compiled.form(target.form)) throw new AppError('form.unknown', { form: target.form });
  const instanceNo = target.instanceNo ?? 1;
  if (!(await findInstance(tx, target.subjectId, target.form, instanceNo))) throw new AppError('form.notFound', { form: target.form, instance: instanceNo, subject: target.subjectId });
  if (target.field !== null && !session.study.compiled.field(target.form, target.field)) throw new AppError('query.unknownField', { form: target.form, field: target.field });
  return subject.siteId;
}

/** Raises every target inside the caller's transaction; one audit append for the batch. */
export async function raiseQueriesIn(session: Session, tx: Tx, targets: readonly QueryTarget[]): Promise<DataQuery[]> {
  const at = isoNow(session.clock);
  const by = session.user.username;
  const raised: DataQuery[] = [];
  const audit = [];
  for (const target of targets) {
    const siteId = await siteOfTarget(session, tx, target);
    const query: DataQuery = {
      id: newQueryId(),
      siteId,
      subjectId: target.subjectId,
      form: target.form,
      instanceNo: target.form === null ? null : (target.instanceNo ?? 1),
      field: target.field,
      checkId: target.checkId,
      category: target.category,
      text: target.text,
      status: 'open',
      raisedBy: by,
      raisedAt: at,
      updatedAt: at,
    };
    const event: QueryEvent = { id: newEventId(), queryId: query.id, seq: 0, kind: 'raise', text: target.text, by, at, origin: 'centre', late: false };
    await insertQuery(tx, query);
    await insertQueryEvent(tx, event);
    audit.push(queryAuditEntry(query, event, 'open'));
    raised.push(query);
  }
  await appendAudit(tx, at, by, audit);
  return raised;
}

export async function raiseQuery(session: Session, input: RaiseQueryInput): Promise<DataQuery> {
  requireStoreKind(session, 'central');
  requireRole(session.user.role, 'query.manage');
  const target: QueryTarget = {
    subjectId: input.subjectId,
    form: input.form ?? null,
    instanceNo: input.instanceNo ?? null,
    field: input.field ?? null,
    checkId: null,
    category: input.category,
    text: input.text,
  };
  const [query] = await inWriteTransaction(session.store.db, (tx) => raiseQueriesIn(session, tx, [target]));
  return query!;
}
