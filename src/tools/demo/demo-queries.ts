// The query loop of `edc demo`, through the same core use-cases as `edc queries …`: the centre generates
// queries from the checks and raises a few by hand (source verification of a value); each site answers
// about half of its open ones, by text or by correcting the value in a form save that names the query; the
// centre closes the answered ones, re-opens one and leaves the last waiting for its review.

import { readStoredSubjects } from '../../core/dataset/dataset';
import { saveForm } from '../../core/forms/save-form';
import { generateQueries, type SubjectToCheck } from '../../core/queries/generate-queries';
import { listQueryViews } from '../../core/queries/list-queries';
import { answerQuery, closeQuery, reopenQuery } from '../../core/queries/query-actions';
import { raiseQuery } from '../../core/queries/raise-query';
import type { Session } from '../../core/store/session';
import { SaveFormInput } from '../../shared/contract/forms';
import { QueryActionInput, RaiseQueryInput } from '../../shared/contract/queries';
import { formatPlainNumber } from '../../shared/format';
import { translate, type MessageParams } from '../../shared/i18n/catalogue';
import type { StudyDefinition } from '../../shared/study/definition.schema';
import type { Lang } from '../../shared/study/localized';

/** Queries raised by hand per site: enough for the loop to show every state, few enough to stay fast. */
const BY_HAND_PER_SITE = 4;

/** A value the site will correct when it answers the query raised on it. */
export interface Correction {
  readonly subjectId: string;
  readonly form: string;
  readonly instanceNo: number;
  readonly field: string;
  readonly value: number;
}

export interface RaisedQueries {
  readonly generated: number;
  readonly byHand: number;
  /** By query id: the corrections the sites may make. */
  readonly corrections: ReadonlyMap<string, Correction>;
}

export interface SiteAnswers {
  readonly byText: number;
  readonly byCorrection: number;
  readonly stillOpen: number;
}

export interface CentreReview {
  readonly closed: number;
  readonly reopened: number;
  readonly waiting: number;
}

function text(lang: Lang, key: string, params: MessageParams = {}): string {
  return translate(lang, 'cli', `demo.queryTexts.${key}`, params);
}

interface NumericField {
  readonly min?: number;
  readonly max?: number;
  /** No expression reads it and no soft range limits it: a changed value fails no check. */
  readonly correctable: boolean;
}

/** Integer and decimal fields entered by hand, by form, and which of them the demo may correct. */
export function numericFields(definition: StudyDefinition): Map<string, Map<string, NumericField>> {
  const expressions = [
    ...definition.checks.map((c) => c.assert),
    ...definition.forms.flatMap((f) => f.fields.flatMap((field) => (field.type === 'calc' ? [field.calc] : [field.showIf, field.requiredIf]).filter((e) => e !== undefined))),
  ].join('\n');
  const byForm = new Map<string, Map<string, NumericField>>();
  for (const form of definition.forms) {
    const fields = new Map<string, NumericField>();
    for (const field of form.fields) {
      if ((field.type !== 'integer' && field.type !== 'decimal') || field.prefill !== undefined || field.name === form.sequenceField) continue;
      const checked = field.writableBy !== undefined || field.softMin !== undefined || field.softMax !== undefined || new RegExp(`\\b${field.name}\\b`).test(expressions);
      fields.set(field.name, { ...(field.min !== undefined ? { min: field.min } : {}), ...(field.max !== undefined ? { max: field.max } : {}), correctable: !checked });
    }
    if (fields.size > 0) byForm.set(form.key, fields);
  }
  return byForm;
}

/** The value one up from the entered one, or one down where that passes a hard limit. */
function correctedValue(value: number, limits: NumericField): number | undefined {
  for (const candidate of [value + 1, value - 1]) if ((limits.min === undefined || candidate >= limits.min) && (limits.max === undefined || candidate <= limits.max)) return candidate;
  return undefined;
}

interface Target {
  readonly entered: number;
  readonly correction: Correction | undefined;
  readonly on: Omit<Correction, 'value'>;
}

/** A numeric value of a completed instance of the subject to ask about: one the site can correct if there is any. */
function targetOf(instances: SubjectToCheck['instances'], fields: ReturnType<typeof numericFields>): Target | undefined {
  let fallback: Target | undefined;
  for (const instance of instances) {
    if (instance.status !== 'complete') continue;
    for (const [field, limits] of fields.get(instance.form) ?? []) {
      const value = instance.data[field];
      if (typeof value !== 'number') continue;
      const on = { subjectId: instance.subjectId, form: instance.form, instanceNo: instance.instanceNo, field };
      const corrected = limits.correctable ? correctedValue(value, limits) : undefined;
      if (corrected !== undefined) return { entered: value, on, correction: { ...on, value: corrected } };
      fallback ??= { entered: value, on, correction: undefined };
    }
  }
  return fallback;
}

/** `edc queries generate`, then a few queries by hand on the values of different subjects of each site. */
export async function raiseDemoQueries(central: Session, lang: Lang): Promise<RaisedQueries> {
  const db = central.store.db;
  const generated = await generateQueries(central, readStoredSubjects(db, {}));
  const fields = numericFields(central.study.definition);
  const wanted: Target[] = [];
  const perSite = new Map<string, number>();
  for await (const { subject, instances } of readStoredSubjects(db, {})) {
    const target = targetOf(instances, fields);
    const raised = perSite.get(subject.siteId) ?? 0;
    if (!target || raised >= BY_HAND_PER_SITE) continue;
    perSite.set(subject.siteId, raised + 1);
    wanted.push(target);
  }
  // Raised once the stream has ended (it holds the connection).
  const corrections = new Map<string, Correction>();
  for (const { on, entered, correction } of wanted) {
    const label = central.study.compiled.field(on.form, on.field)?.field.label[lang] ?? on.field;
    const input = RaiseQueryInput.parse({ ...on, category: 'other', text: text(lang, 'text', { field: label, value: formatPlainNumber(entered, lang === 'it') }) });
    const raised = await raiseQuery(central, input);
    if (correction) corrections.set(raised.id, correction);
  }
  return { generated: generated.raised.length, byHand: wanted.length, corrections };
}

/** About half of the site's open queries answered: alternately by text and by correcting the value (where the demo knows a correction). */
export async function answerDemoQueries(site: Session, raised: RaisedQueries, lang: Lang): Promise<SiteAnswers> {
  const open = await listQueryViews(site, { status: 'open' });
  const toAnswer = open.slice(0, Math.ceil(open.length / 2));
  let byCorrection = 0;
  for (const [i, query] of toAnswer.entries()) {
    const correction = raised.corrections.get(query.id);
    if (i % 2 === 1 && correction) {
      const input = SaveFormInput.parse({
        subjectId: correction.subjectId,
        form: correction.form,
        instanceNo: correction.instanceNo,
        data: { [correction.field]: correction.value },
        complete: true,
        reason: text(lang, 'corrected', { id: query.id, value: formatPlainNumber(correction.value, lang === 'it') }),
      });
      await saveForm(site, input);
      byCorrection += 1;
    } else {
      await answerQuery(site, QueryActionInput.parse({ queryId: query.id, text: text(lang, 'confirmed') }));
    }
  }
  return { byText: toAnswer.length - byCorrection, byCorrection, stillOpen: open.length - toAnswer.length };
}

/** The centre's review of the answers: every one closed but the last (left for later), and the first closed one re-opened with a comment. */
export async function reviewDemoAnswers(central: Session, lang: Lang): Promise<CentreReview> {
  const answered = await listQueryViews(central, { status: 'answered' });
  const toClose = answered.slice(0, Math.max(0, answered.length - 1));
  for (const query of toClose) await closeQuery(central, QueryActionInput.parse({ queryId: query.id, text: translate(lang, 'cli', 'queries.defaultText.close') }));
  const reopen = toClose[0];
  if (reopen) await reopenQuery(central, QueryActionInput.parse({ queryId: reopen.id, text: text(lang, 'reopen') }));
  return { closed: toClose.length - (reopen ? 1 : 0), reopened: reopen ? 1 : 0, waiting: answered.length - toClose.length };
}
