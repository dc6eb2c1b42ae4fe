// Statuses of every form instance, without their JSON values, for the record status dashboard.

import type { FormStatus } from '../../shared/study/evaluate-subject';
import type { InstanceStatus } from '../domain/instance-status';
import { kyselyOf, type Db } from '../handle';

export async function listInstanceStatuses(db: Db): Promise<InstanceStatus[]> {
  const rows = await kyselyOf(db)
    .selectFrom('form_instances')
    .select(['subject_id', 'form_key', 'instance_no', 'status', 'n_missing', 'n_hard', 'n_soft', 'failed_checks'])
    .orderBy('subject_id')
    .orderBy('form_key')
    .orderBy('instance_no')
    .execute();
  return rows.map((r) => ({
    subjectId: r.subject_id,
    form: r.form_key,
    instanceNo: r.instance_no,
    status: r.status as FormStatus,
    // failed_checks is null until the instance is evaluated at this store (see form-instance.mapper.ts).
    results: r.failed_checks === null ? null : { missing: r.n_missing, hard: r.n_hard, soft: r.n_soft },
  }));
}
