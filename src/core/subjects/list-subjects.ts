// The subject list with per-subject progress, from the summary rows kept up to date on every save.

import type { SubjectWithProgress } from '../../db/domain';
import { listSubjectsWithStatus } from '../../db/repositories/subjects.repository';
import { SubjectQuery, type SubjectSummary } from '../../shared/contract/subjects';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';

const NO_PROGRESS = { instances: 0, complete: 0, signed: 0, locked: 0, failedHard: 0, failedSoft: 0, missingItems: 0 } as const;

function summary(subject: SubjectWithProgress): SubjectSummary {
  return { id: subject.id, siteId: subject.siteId, createdAt: subject.createdAt, ...(subject.progress ?? NO_PROGRESS) };
}

const FILTERS: Record<string, (s: SubjectSummary) => boolean> = {
  all: () => true,
  in_progress: (s) => s.instances > s.complete || s.instances === 0,
  complete: (s) => s.instances > 0 && s.complete === s.instances,
  signed: (s) => s.instances > 0 && s.signed === s.instances,
  with_failed_checks: (s) => s.failedHard + s.failedSoft > 0,
  with_missing: (s) => s.missingItems > 0,
};

export async function listSubjects(session: Session, raw: SubjectQuery): Promise<SubjectSummary[]> {
  requireRole(session.user.role, 'data.read');
  const query = SubjectQuery.parse(raw);
  const rows = await listSubjectsWithStatus(session.store.db, {
    ...(query.search ? { search: query.search.toUpperCase() } : {}),
    limit: query.filter === 'all' ? query.limit : 1_000_000,
    offset: query.filter === 'all' ? query.offset : 0,
  });
  const keep = FILTERS[query.filter] ?? FILTERS.all!;
  const all = rows.map(summary).filter(keep);
  return query.filter === 'all' ? all : all.slice(query.offset, query.offset + query.limit);
}
