// The synthetic-patient generator of a study without a module: every form filled from its definition alone —
// values drawn from each field's type, range, precision and choices, fields hidden by their show-if conditions
// left out, required(-if) fields filled, and the study's checks re-evaluated until they pass (a failing field is
// drawn again; a soft failure left is overridden with a reason, a hard one left makes the form a draft).

import { parseIsoDate, todayDayNumber } from '../../../shared/dates/partial-date';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Field, Form } from '../../../shared/study/definition.schema';
import type { FormData } from '../../../shared/study/entries';
import { evaluateSubject, type SubjectInstance } from '../../../shared/study/evaluate-subject';
import type { PatientPlan, PlanData, PlanEntry, PlannedSave } from '../../../core/modules/patient-plan';
import type { SyntheticGenerator, SyntheticRun } from '../../../core/modules/synthetic';
import type { Rng } from '../../../core/stats/random';
import { drawValue, Timeline } from './draw-value';
import { genericIdentity } from './generic-identity';

/** The cut-off of a generic cohort: dates lie in the three years before it. */
const GENERIC_CUTOFF = '2026-06-30';
const ROUNDS = 12;
const OVERRIDE_REASON = 'Value confirmed against the source document (synthetic data).';

interface Draft {
  readonly form: Form;
  readonly instanceNo: number;
  data: PlanData;
}

function fillable(form: Form, field: Field): boolean {
  return field.type !== 'calc' && field.name !== form.sequenceField && field.prefill !== 'site_id' && field.prefill !== 'subject_id';
}

/** A subject id of the definition's shape, standing in for the one the store assigns at entry. */
const PLACEHOLDER_ID = 'XX01-0001';

/** The drafts as the store will hold them: the subject's id, the site and the sequence numbers filled in by the app. */
function instancesOf(study: CompiledStudy, drafts: readonly Draft[]): SubjectInstance[] {
  return drafts.map((d) => {
    const data: FormData = { ...(d.data as FormData) };
    const idField = subjectIdFieldOf(study, d.form);
    if (idField) data[idField] = PLACEHOLDER_ID;
    for (const f of d.form.fields) if (f.type !== 'calc' && f.prefill === 'site_id') data[f.name] = PLACEHOLDER_ID.slice(0, 4);
    if (d.form.sequenceField) data[d.form.sequenceField] = d.instanceNo;
    return { form: d.form.key, instanceNo: d.instanceNo, data };
  });
}

/** The field that holds the subject's own id: the one the app fills with it, or a text field of the subject-id pattern. */
function subjectIdFieldOf(study: CompiledStudy, form: Form): string | undefined {
  return form.fields.find((f) => f.type !== 'calc' && f.prefill === 'subject_id')?.name ?? form.fields.find((f) => f.type === 'text' && f.pattern === study.definition.subjectIdPattern)?.name;
}

function generate(study: CompiledStudy, rng: Rng, run: SyntheticRun & { readonly incomplete: boolean }): PatientPlan {
  const definition = study.definition;
  const end = parseIsoDate(run.dataCutoff) ?? todayDayNumber();
  const start = end - rng.int(200, 3 * 365);
  const timeline = new Timeline(start, end);
  const missingShare = typeof run.settings.missingShare === 'number' ? run.settings.missingShare : 0.03;
  const partialShare = typeof run.settings.partialDateShare === 'number' ? run.settings.partialDateShare : 0.04;
  const quality = { partialEligible: 0, partial: 0, missingEligible: 0, missing: 0 };
  const draw = (form: Form, field: Field, broad: boolean): PlanEntry | undefined => drawValue(field, { rng, timeline, choices: study.choicesOf(field), broad, firstDay: start - 365 });

  const drafts: Draft[] = [];
  for (const form of definition.forms) {
    const count = form.repeating ? rng.weighted([[0, 0.15], [1, 0.35], [2, 0.3], [3, 0.2]] as const) : 1;
    for (let n = 1; n <= count; n += 1) {
      const data: PlanData = {};
      for (const field of form.fields) {
        if (!fillable(form, field)) continue;
        const value = draw(form, field, false);
        if (value !== undefined) data[field.name] = value;
      }
      drafts.push({ form, instanceNo: n, data });
      timeline.advance(rng);
    }
  }

  const params = Object.fromEntries(definition.parameters.map((p) => [p.name, p.value]));
  const env = { today: todayDayNumber(), params, identityBirthDate: null };
  const evaluate = (): ReturnType<typeof evaluateSubject> => evaluateSubject(study, instancesOf(study, drafts), env);
  const draftOf = (form: string, instanceNo: number): Draft => drafts.find((d) => d.form.key === form && d.instanceNo === instanceNo)!;
  for (let round = 0; round < ROUNDS; round += 1) {
    let changed = false;
    for (const result of evaluate().instances) {
      const draft = draftOf(result.form, result.instanceNo);
      for (const name of result.hidden) {
        if (draft.data[name] !== undefined) {
          delete draft.data[name];
          changed = true;
        }
      }
      const redraw = new Set([...result.missing, ...result.failures.flatMap((f) => f.fields)]);
      for (const name of redraw) {
        const field = draft.form.fields.find((f) => f.name === name);
        if (!field || !fillable(draft.form, field)) continue;
        const value = draw(draft.form, field, round > 0);
        if (value === undefined) delete draft.data[name];
        else draft.data[name] = value;
        changed = true;
      }
    }
    if (!changed) break;
  }

  // What the draws could not satisfy: a hard failure's fields are emptied (a check is skipped while a field it
  // reads is empty), so no save is refused; the form then stays a draft if that leaves a required item open.
  for (const result of evaluate().instances) {
    const draft = draftOf(result.form, result.instanceNo);
    for (const failure of result.failures) if (failure.severity === 'hard') for (const name of failure.fields) delete draft.data[name];
  }
  // A few imperfections of real records: missing-data reasons and partial dates where no check reads the field.
  for (const draft of drafts) {
    for (const field of draft.form.fields) {
      const value = draft.data[field.name];
      if (value === undefined || field.type === 'calc' || !fillable(draft.form, field)) continue;
      if (field.type === 'partialDate' && field.minPrecision !== 'day' && typeof value === 'string') {
        quality.partialEligible += 1;
        if (rng.bernoulli(partialShare)) {
          draft.data[field.name] = value.slice(0, 7);
          quality.partial += 1;
        }
      } else if (field.missingReasons.length > 0 && !field.required && field.requiredIf === undefined) {
        quality.missingEligible += 1;
        if (rng.bernoulli(missingShare)) {
          draft.data[field.name] = { missing: rng.pick(field.missingReasons) };
          quality.missing += 1;
        }
      }
    }
  }
  // A missing-data reason in a field a condition reads can hide fields that hold values: they are left out.
  for (const result of evaluate().instances) {
    const draft = draftOf(result.form, result.instanceNo);
    for (const name of result.hidden) delete draft.data[name];
  }
  const final = evaluate();
  const softOverrides: string[] = [];
  const saves: PlannedSave[] = drafts.map((draft, i) => {
    const result = final.get(draft.form.key, draft.instanceNo)!;
    const hard = result.failures.some((f) => f.severity === 'hard');
    const soft = [...new Set(result.failures.filter((f) => f.severity === 'soft').map((f) => f.id))];
    softOverrides.push(...soft);
    const leftOpen = run.incomplete && i >= Math.floor(drafts.length * 0.6);
    const subjectIdField = subjectIdFieldOf(study, draft.form);
    return {
      form: draft.form.key,
      data: draft.data,
      complete: !leftOpen && !hard && result.missing.length === 0,
      ...(soft.length > 0 ? { overrides: Object.fromEntries(soft.map((id) => [id, OVERRIDE_REASON])) } : {}),
      ...(subjectIdField ? { subjectIdField } : {}),
    };
  });
  return { seed: rng.seed, identity: genericIdentity(definition, rng), saves, facts: { softOverrides, incomplete: run.incomplete, quality } };
}

export function genericGenerator(study: CompiledStudy): SyntheticGenerator {
  return {
    defaultCutoff: GENERIC_CUTOFF,
    studyParameters: () => ({}),
    siteParameters: () => ({}),
    patient: (rng, run) => generate(study, rng, run),
  };
}
