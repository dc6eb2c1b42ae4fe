// Checks a received form instance against the definition it was entered under; the reasons it is
// invalid (if any) send it to quarantine instead of the central snapshot.

import type { FormInstanceRecord } from '../../shared/contract/bundle-records';
import { todayDayNumber } from '../../shared/dates/partial-date';
import type { CompiledStudy } from '../../shared/study/compile';
import { validateValue } from '../../shared/study/validate-value';

export function invalidReasons(study: CompiledStudy | undefined, record: FormInstanceRecord, now: Date): string[] {
  if (!study) return [`definition version ${record.def_version} is unknown here`];
  const form = study.form(record.form_key);
  if (!form) return [`unknown form ${record.form_key}`];
  const reasons: string[] = [];
  if (!form.repeating && record.instance_no !== 1) reasons.push(`form ${form.key} has a single instance, got #${record.instance_no}`);
  // A value dated a little in the future may be a clock difference between site and centre.
  const today = todayDayNumber(now) + 2;
  for (const [name, value] of Object.entries(record.data)) {
    const compiled = study.field(form.key, name);
    if (!compiled) {
      reasons.push(`${name}: not a field of ${form.key}`);
      continue;
    }
    if (compiled.field.type === 'calc') {
      reasons.push(`${name}: calculated fields are not stored`);
      continue;
    }
    if (form.sequenceField === name) {
      if (value !== record.instance_no) reasons.push(`${name}: sequence ${String(value)} differs from instance ${record.instance_no}`);
      continue;
    }
    const result = validateValue(compiled.field, value, compiled.choices, today);
    if (!result.ok) reasons.push(`${name}: ${result.issue.code}${result.issue.detail ? ` (${result.issue.detail})` : ''}`);
    else if (result.entry === null) reasons.push(`${name}: empty values are not stored`);
  }
  // A form locked with its casebook may never have been signed; one signed on its own always names who and when.
  if (record.status === 'signed' && (!record.signed_by || !record.signed_at)) reasons.push('signed without a signer');
  if ((record.signed_by === null) !== (record.signed_at === null)) reasons.push('a signature without its signer or time');
  if (record.status === 'locked' && (!record.locked_by || !record.locked_at)) reasons.push('locked without who and when');
  return reasons;
}
