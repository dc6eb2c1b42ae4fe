// Turns a patch of raw values into validated stored entries for one form, collecting every problem
// (wrong type, outside hard limits, unknown field, read-only field) before anything is written.

import type { SaveFormInput } from '../../shared/contract/forms';
import { AppError } from '../../shared/errors/app-error';
import type { CompiledStudy } from '../../shared/study/compile';
import type { Form, Role } from '../../shared/study/definition.schema';
import type { StoredEntry } from '../../shared/study/entries';
import { validateValue } from '../../shared/study/validate-value';

export interface ValidatedPatch {
  /** null clears the field. */
  readonly entries: ReadonlyMap<string, StoredEntry | null>;
}

export function validatePatch(
  study: CompiledStudy,
  form: Form,
  data: SaveFormInput['data'],
  context: { role: Role; siteId: string; subjectId: string; today: number; instanceNo: number | undefined },
): ValidatedPatch {
  const issues: string[] = [];
  const fields: string[] = [];
  const entries = new Map<string, StoredEntry | null>();
  const forbidden: string[] = [];
  for (const [name, raw] of Object.entries(data)) {
    const compiled = study.field(form.key, name);
    const fail = (text: string): void => {
      issues.push(`${name}: ${text}`);
      fields.push(name);
    };
    if (!compiled) {
      fail('value.unknownField');
      continue;
    }
    const field = compiled.field;
    const writers = field.type === 'calc' ? undefined : field.writableBy;
    if ((writers && !writers.includes(context.role)) || (!writers && context.role === 'monitor')) {
      forbidden.push(name);
      continue;
    }
    if (form.sequenceField === name) {
      // The app numbers instances; a client may echo the number back but never choose it.
      if (raw !== null && raw !== undefined && raw !== context.instanceNo && raw !== String(context.instanceNo)) fail('value.calculated');
      continue;
    }
    const result = validateValue(field, raw, compiled.choices, context.today);
    if (!result.ok) {
      fail(result.issue.detail === undefined ? result.issue.code : `${result.issue.code} (${result.issue.detail})`);
      continue;
    }
    if (field.type !== 'calc' && field.prefill === 'site_id' && result.entry !== null && result.entry !== context.siteId) {
      fail(`value.notAChoice (${context.siteId})`);
      continue;
    }
    // The casebook's own id: a field the app fills can never name another subject.
    if (field.type !== 'calc' && field.prefill === 'subject_id' && result.entry !== null && result.entry !== context.subjectId) {
      fail(`value.notAChoice (${context.subjectId})`);
      continue;
    }
    entries.set(name, result.entry);
  }
  if (forbidden.length > 0) {
    throw new AppError('role.forbidden', { role: context.role, action: { en: `change ${forbidden.join(', ')}`, it: `modificare ${forbidden.join(', ')}` } });
  }
  if (issues.length > 0) throw new AppError('form.invalidValues', { issues, fields });
  return { entries };
}
