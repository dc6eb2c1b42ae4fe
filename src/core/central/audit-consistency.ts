// The merge's check that a bundle's records are what its own audit trail says they are: every stored value
// of every form instance is the last value audited for its field, every status the last audited status,
// every instance and subject was created in the trail (and not removed), and every instance the trail
// leaves in place is in the bundle. A site's key signs whatever its holder puts in a bundle; this check
// makes a change that bypassed the app show, since only an audit entry can explain it.
//
// The payloads come in the order subjects, instances, audit (the reader's order), so the instances keep
// their stored values once, as audit texts, and the trail only sets flags as it streams past: linear in
// the bundle, with no second copy of its values.

import type { AuditRecord, FormInstanceRecord, SubjectRecord } from '../../shared/contract/bundle-records';
import { AppError } from '../../shared/errors/app-error';
import { problemDetail, type LocalizedDetail } from '../../shared/errors/codes';
import { FORM_STATUSES } from '../../shared/study/evaluate-subject';
import { AuditedInstance, type InstanceMismatch } from './audited-instance';

/** Mismatches named in the refusal; the count says how many there are in all. */
const FIRST = 5;
const STATUSES: ReadonlySet<string> = new Set(FORM_STATUSES);

class AuditedSubject {
  stored = false;
  created = false;
  readonly forms = new Map<string, Map<number, AuditedInstance>>();
}

class MismatchList {
  count = 0;
  readonly first: LocalizedDetail[] = [];

  add(describe: () => LocalizedDetail): void {
    this.count += 1;
    if (this.first.length < FIRST) this.first.push(describe());
  }
}

function describe(instance: AuditedInstance, mismatch: InstanceMismatch): LocalizedDetail {
  const record = `${instance.subjectId} ${instance.form} #${instance.instanceNo}`;
  switch (mismatch.kind) {
    case 'valueNotAudited':
    case 'valueNotStored':
      return problemDetail(mismatch.kind, { record, field: mismatch.field });
    case 'statusNotAudited':
      return problemDetail(mismatch.kind, { record, status: mismatch.status });
    default:
      return problemDetail(mismatch.kind, { record });
  }
}

export class AuditConsistency {
  private readonly bySubject = new Map<string, AuditedSubject>();
  /** The instance of the last entry: a save's entries follow each other, so most lookups stop here. */
  private last: AuditedInstance | undefined;
  /** One array per distinct list of field names, shared by the instances that have it (held per bundle). */
  private readonly fieldLists = new Map<string, readonly string[]>();
  private readonly fieldList = (names: string[]): readonly string[] => {
    // JSON: unambiguous whatever the names hold (a hostile bundle chooses them).
    const key = JSON.stringify(names);
    const shared = this.fieldLists.get(key);
    if (shared) return shared;
    this.fieldLists.set(key, names);
    return names;
  };

  constructor(private readonly site: string) {}

  /** Subjects of the bundle, as the received snapshot parsed them. */
  subjects(records: readonly SubjectRecord[]): void {
    for (const s of records) this.subjectOf(s.id).stored = true;
  }

  /** Form instances of the bundle (quarantined ones too: they are the site's records all the same). */
  instances(records: readonly FormInstanceRecord[]): void {
    for (const r of records) {
      const forms = this.formsOf(r.subject_id, r.form_key);
      forms.set(r.instance_no, new AuditedInstance(r.subject_id, r.form_key, r.instance_no, { data: r.data, status: r.status }, this.fieldList));
    }
  }

  /** Audit entries in trail order (their chain is the audit-chain follower's to check). */
  audit(entries: readonly AuditRecord[]): void {
    for (const e of entries) {
      if (e.subject_id === null) continue;
      if (e.form_key === null || e.instance_no === null) {
        if (e.action === 'subject.create') this.subjectOf(e.subject_id).created = true;
        continue;
      }
      const instance = this.instanceOf(e.subject_id, e.form_key, e.instance_no);
      // Any entry naming a field sets it (saves, and whatever else may one day change a value with audit).
      if (e.field !== null) instance.setField(e.field, e.new_value);
      else if (e.action === 'form.create') instance.reset(true);
      else if (e.action === 'form.remove') instance.reset(false);
      // Saves, signatures, locks and unlocks all record the status they leave as the new value.
      else if (e.new_value !== null && STATUSES.has(e.new_value)) instance.setStatus(e.new_value);
    }
  }

  /** After the whole trail: refuses the bundle when any record is not what the trail leaves. */
  finish(): void {
    const list = new MismatchList();
    for (const [id, subject] of this.bySubject) {
      if (subject.stored && !subject.created) list.add(() => problemDetail('subjectNotCreated', { subject: id }));
      if (!subject.stored && subject.created) list.add(() => problemDetail('subjectMissing', { subject: id }));
      for (const instances of subject.forms.values()) {
        for (const instance of instances.values()) instance.mismatches((m) => list.add(() => describe(instance, m)));
      }
    }
    if (list.count > 0) throw new AppError('merge.auditMismatch', { site: this.site, count: list.count, mismatches: list.first });
  }

  private subjectOf(id: string): AuditedSubject {
    let subject = this.bySubject.get(id);
    if (!subject) {
      subject = new AuditedSubject();
      this.bySubject.set(id, subject);
    }
    return subject;
  }

  private formsOf(subjectId: string, form: string): Map<number, AuditedInstance> {
    const forms = this.subjectOf(subjectId).forms;
    let instances = forms.get(form);
    if (!instances) {
      instances = new Map();
      forms.set(form, instances);
    }
    return instances;
  }

  private instanceOf(subjectId: string, form: string, instanceNo: number): AuditedInstance {
    const last = this.last;
    if (last && last.instanceNo === instanceNo && last.form === form && last.subjectId === subjectId) return last;
    const instances = this.formsOf(subjectId, form);
    let instance = instances.get(instanceNo);
    if (!instance) {
      instance = new AuditedInstance(subjectId, form, instanceNo);
      instances.set(instanceNo, instance);
    }
    this.last = instance;
    return instance;
  }
}
