// The record status dashboard: subject × form, each cell the least advanced status of the form's instances and
// its worst open issue. Read-only; at the centre it covers every site's merged subjects.

import type { InstanceStatus } from '../../db/domain';
import { listInstanceStatuses } from '../../db/repositories/instance-status.repository';
import { listSubjectsWithStatus } from '../../db/repositories/subjects.repository';
import type { MatrixCell, MatrixIssue, MatrixStatus, StatusMatrix } from '../../shared/contract/status-matrix';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';

/** Least advanced first: a form is only as far as its least advanced instance. */
const PROGRESS: readonly MatrixStatus[] = ['draft', 'complete', 'signed', 'locked'];
/** Worst last. */
const SEVERITY: readonly NonNullable<MatrixIssue>[] = ['none', 'missing', 'soft', 'hard'];

function issueOf(instance: InstanceStatus): MatrixIssue {
  const r = instance.results;
  if (!r) return null;
  return r.hard > 0 ? 'hard' : r.soft > 0 ? 'soft' : r.missing > 0 ? 'missing' : 'none';
}

function worseIssue(a: MatrixIssue, b: MatrixIssue): MatrixIssue {
  if (a === null || b === null) return a ?? b;
  return SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b;
}

function combine(cell: MatrixCell | undefined, instance: InstanceStatus): MatrixCell {
  const status = instance.status as MatrixStatus;
  if (!cell) return { form: instance.form, status, instances: 1, issue: issueOf(instance) };
  return {
    form: cell.form,
    status: PROGRESS.indexOf(status) < PROGRESS.indexOf(cell.status) ? status : cell.status,
    instances: cell.instances + 1,
    issue: worseIssue(cell.issue, issueOf(instance)),
  };
}

export async function statusMatrix(session: Session, input: { site?: string | undefined }): Promise<StatusMatrix> {
  requireRole(session.user.role, 'data.read');
  const forms = session.study.definition.forms.map((f) => f.key);
  const order = new Map(forms.map((f, i) => [f, i]));
  const subjects = await listSubjectsWithStatus(session.store.db, { limit: Number.MAX_SAFE_INTEGER, offset: 0 });
  const cells = new Map<string, Map<string, MatrixCell>>();
  for (const instance of await listInstanceStatuses(session.store.db)) {
    let byForm = cells.get(instance.subjectId);
    if (!byForm) cells.set(instance.subjectId, (byForm = new Map()));
    byForm.set(instance.form, combine(byForm.get(instance.form), instance));
  }
  const sites = [...new Set(subjects.map((s) => s.siteId))].sort();
  const rows = subjects
    .filter((s) => input.site === undefined || s.siteId === input.site)
    .map((s) => ({
      subjectId: s.id,
      siteId: s.siteId,
      // A form the definition no longer has (an older version's) is left out: it has no column.
      cells: [...(cells.get(s.id)?.values() ?? [])].filter((c) => order.has(c.form)).sort((a, b) => order.get(a.form)! - order.get(b.form)!),
    }));
  return { forms, sites, rows };
}
