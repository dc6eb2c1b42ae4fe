// The records of one site's bundle as the merge receives them: subjects and form instances checked
// (their site, no duplicates, each instance valid under the definition it was entered under, else
// quarantined with its reasons), handed to the snapshot writer, and counted against the previous snapshot.
// A subject frozen by a central lock keeps its central data: what the site changed in it is quarantined.

import { isFrozen, NOTHING_FROZEN, type FrozenSubjects, type SiteSnapshotWriter } from '../../db/bulk/site-snapshot.writer';
import { FormInstanceRecord, SubjectRecord } from '../../shared/contract/bundle-records';
import type { MergeCounts } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import type { LoadedStudy } from '../study/load-definition';
import { parseRecord } from '../exchange/parse-record';
import { invalidReasons } from './validate-record';
import { frozenReason } from './frozen-subjects';

/** Instances added, changed or unchanged since the site's previous snapshot, and quarantined. */
class ChangeCount {
  added = 0;
  changed = 0;
  unchanged = 0;
  quarantined = 0;
}

export class ReceivedSnapshot {
  private readonly subjectIds = new Set<string>();
  private readonly instanceKeys = new Set<string>();
  private readonly count = new ChangeCount();

  constructor(
    private readonly site: string,
    private readonly sequence: number,
    /** The definitions known here, by version (undefined: known by hash but not loadable). */
    private readonly studies: ReadonlyMap<string, LoadedStudy | undefined>,
    private readonly writer: SiteSnapshotWriter,
    private readonly now: Date,
    private readonly frozen: FrozenSubjects = NOTHING_FROZEN,
  ) {}

  /** Checks and hands on a batch of subjects; returns them parsed. */
  subjects(records: readonly unknown[], firstLine: number): SubjectRecord[] {
    const parsed: SubjectRecord[] = [];
    for (let i = 0; i < records.length; i += 1) {
      const s = parseRecord(SubjectRecord, records[i], 'subjects.ndjson', firstLine + i);
      if (s.site_id !== this.site || !s.id.startsWith(`${this.site}-`)) throw new AppError('merge.siteMismatch', { site: this.site });
      if (this.subjectIds.has(s.id)) throw new AppError('bundle.duplicateRecord', { key: s.id, file: 'subjects.ndjson' });
      this.subjectIds.add(s.id);
      this.writer.subject(s);
      parsed.push(s);
    }
    return parsed;
  }

  /** Checks and hands on (or quarantines) a batch of instances; returns them all parsed. */
  formInstances(records: readonly unknown[], firstLine: number): FormInstanceRecord[] {
    const parsed: FormInstanceRecord[] = [];
    for (let i = 0; i < records.length; i += 1) {
      const r = parseRecord(FormInstanceRecord, records[i], 'form_instances.ndjson', firstLine + i);
      if (r.site_id !== this.site || !r.subject_id.startsWith(`${this.site}-`)) throw new AppError('merge.siteMismatch', { site: this.site });
      const key = `${r.subject_id}|${r.form_key}|${r.instance_no}`;
      if (this.instanceKeys.has(key)) throw new AppError('bundle.duplicateRecord', { key, file: 'form_instances.ndjson' });
      this.instanceKeys.add(key);
      parsed.push(r);
      if (isFrozen(this.frozen, r.subject_id)) {
        this.frozenInstance(key, r);
        continue;
      }
      const reasons = this.subjectIds.has(r.subject_id) ? invalidReasons(this.studies.get(r.def_version)?.compiled, r, this.now) : [`subject ${r.subject_id} is not in the bundle`];
      if (reasons.length > 0) {
        this.quarantine(key, reasons, r);
        continue;
      }
      this.count[this.writer.formInstance(r)] += 1;
    }
    return parsed;
  }

  private frozenInstance(key: string, r: FormInstanceRecord): void {
    const change = this.writer.compareKept(r);
    if (change === 'unchanged') {
      this.count.unchanged += 1;
      return;
    }
    this.quarantine(key, [frozenReason(this.frozen, r.subject_id, this.site, change)], r);
  }

  private quarantine(recordKey: string, reasons: string[], record: unknown, received = true): void {
    if (received) this.count.quarantined += 1;
    this.writer.quarantine({ siteId: this.site, sequence: this.sequence, kind: 'form_instance', recordKey, reasons, record });
  }

  /**
   * Frozen instances the bundle no longer holds: kept at the centre, and put in quarantine so the removal is
   * seen there. Not counted as quarantined records: the counts are of the records the bundle delivered.
   */
  quarantineFrozenRemovals(): void {
    for (const key of this.writer.keptNotReceived()) {
      const subjectId = key.slice(0, key.indexOf('|'));
      this.quarantine(key, [frozenReason(this.frozen, subjectId, this.site, 'removed')], { removed: key }, false);
    }
  }

  counts(auditEntries: number): MergeCounts {
    return {
      subjects: this.subjectIds.size,
      formInstances: this.instanceKeys.size - this.count.quarantined,
      added: this.count.added,
      changed: this.count.changed,
      removed: this.writer.removed(),
      unchanged: this.count.unchanged,
      quarantined: this.count.quarantined,
      auditEntries,
    };
  }
}
