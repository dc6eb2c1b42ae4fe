// The analysis dataset of a study without a module of its own, from its definition alone: one row per subject
// with every field of the non-repeating forms, and per repeating form the number of records and the first and
// last date of each of its date fields.

import { translate } from '../../shared/i18n/catalogue';
import type { CompiledStudy } from '../../shared/study/compile';
import { kindOfField } from '../../shared/study/compile';
import type { Field, Form } from '../../shared/study/definition.schema';
import { isMissing, type StoredEntry } from '../../shared/study/entries';
import type { DatasetInstance, DatasetSubject } from '../dataset/dataset';
import { dateRange, instancesOf } from './subject-view';
import type { AnalysisColumn, AnalysisValue, ColumnType, StudyAnalysis, SubjectDeriver } from '../modules/analysis';

const labels = (key: string): { it: string; en: string } => ({ it: translate('it', 'report', `analysis.${key}`), en: translate('en', 'report', `analysis.${key}`) });

const MISSING_NOTE = 'Missing-data reasons (ND/NK/NA) are blank here; subjects_wide.csv and the form files keep them.';

/** How one column takes its value from a subject (precomputed once per export, applied to every subject). */
type Reader = (subject: DatasetSubject) => AnalysisValue;

interface Planned {
  readonly column: AnalysisColumn;
  readonly read: Reader;
}

function columnType(field: Field): ColumnType {
  const kind = kindOfField(field);
  if (kind === 'number') return field.type === 'integer' || (field.type === 'calc' && field.precision === 0) ? 'integer' : 'decimal';
  if (kind === 'date') return 'date';
  if (kind === 'code') return 'code';
  return 'text';
}

function entryOf(instance: DatasetInstance | undefined, field: Field): StoredEntry | null | undefined {
  if (!instance) return undefined;
  return field.type === 'calc' ? instance.calcs[field.name] : instance.data[field.name];
}

/** A stored entry as an analysis value: numbers stay numbers, codes and dates stay text, missing reasons are blank. */
function valueOf(entry: StoredEntry | null | undefined, type: ColumnType): AnalysisValue {
  if (entry === undefined || entry === null || entry === '' || isMissing(entry) || Array.isArray(entry)) return null;
  if (type === 'integer' || type === 'decimal') {
    const n = typeof entry === 'number' ? entry : Number(entry);
    return Number.isFinite(n) ? n : null;
  }
  return String(entry);
}

function unitOf(field: Field): { unit?: string } {
  return 'unit' in field && typeof field.unit === 'string' ? { unit: field.unit } : {};
}

function fieldColumns(study: CompiledStudy, form: Form, field: Field): Planned[] {
  const single = (subject: DatasetSubject): DatasetInstance | undefined => instancesOf(subject, form.key)[0];
  const choices = study.choicesOf(field) ?? [];
  if (field.type === 'multi') {
    return choices.map((choice) => ({
      column: {
        name: `${field.name}___${choice.code}`,
        label: { it: `${field.label.it}: ${choice.label.it}`, en: `${field.label.en}: ${choice.label.en}` },
        type: 'code',
        codes: [{ code: '1', label: labels('ticked') }, { code: '0', label: labels('not_ticked') }],
        derivation: `1 when choice ${choice.code} of ${form.key}.${field.name} is ticked, 0 when the field is answered without it; blank when unanswered. ${MISSING_NOTE}`,
      },
      read: (subject) => {
        const entry = entryOf(single(subject), field);
        return Array.isArray(entry) ? (entry.includes(choice.code) ? 1 : 0) : null;
      },
    }));
  }
  const type = columnType(field);
  const derivation = field.type === 'calc' ? `Calculated by the definition (${form.key}.${field.name}: ${field.calc ?? field.system ?? ''}).` : `As entered in ${form.key}.${field.name}. ${MISSING_NOTE}`;
  return [
    {
      column: { name: field.name, label: field.label, type, ...unitOf(field), ...(type === 'code' && choices.length > 0 ? { codes: choices } : {}), derivation },
      read: (subject) => valueOf(entryOf(single(subject), field), type),
    },
  ];
}

/** The record whose date is earliest (or latest), compared on the imputed day; its date as entered. */
function extremeDate(instances: readonly DatasetInstance[], field: string, latest: boolean): AnalysisValue {
  let best: { day: number; text: string } | undefined;
  for (const instance of instances) {
    const range = dateRange(instance, field);
    if (!range) continue;
    const day = latest ? range.hi : range.lo;
    if (!best || (latest ? day > best.day : day < best.day)) best = { day, text: String(instance.data[field] ?? instance.calcs[field]) };
  }
  return best?.text ?? null;
}

function repeatingColumns(form: Form): Planned[] {
  const count: Planned = {
    column: {
      name: `n_${form.key}`,
      label: { it: translate('it', 'report', 'analysis.records', { form: form.title.it }), en: translate('en', 'report', 'analysis.records', { form: form.title.en }) },
      type: 'integer',
      derivation: `Number of ${form.key} records of the subject (every status, drafts included); 0 when none.`,
    },
    read: (subject) => instancesOf(subject, form.key).length,
  };
  const dates = form.fields.filter((f) => kindOfField(f) === 'date');
  return [
    count,
    ...dates.flatMap((field): Planned[] =>
      (['first', 'last'] as const).map((end) => ({
        column: {
          name: `${field.name}_${end}`,
          label: { it: translate('it', 'report', `analysis.${end}`, { field: field.label.it }), en: translate('en', 'report', `analysis.${end}`, { field: field.label.en }) },
          type: 'date' as const,
          derivation: `The ${end === 'first' ? 'earliest' : 'latest'} ${form.key}.${field.name} over the subject's records, as entered; partial dates compared by the days they allow (${end === 'first' ? 'first' : 'last'} possible day).`,
        },
        read: (subject: DatasetSubject) => extremeDate(instancesOf(subject, form.key), field.name, end === 'last'),
      })),
    ),
  ];
}

/** A text field holding the subject's own id (its pattern is the definition's) repeats the subject_id column. */
function holdsSubjectId(study: CompiledStudy, field: Field): boolean {
  return field.type === 'text' && field.pattern === study.definition.subjectIdPattern;
}

function plan(study: CompiledStudy): Planned[] {
  const ids: Planned[] = [
    { column: { name: 'subject_id', label: labels('subject_id'), type: 'text', derivation: 'Pseudonymous subject key assigned by the app.' }, read: (s) => s.id },
    { column: { name: 'site_id', label: labels('site_id'), type: 'text', derivation: 'Site of the subject, from the store.' }, read: (s) => s.siteId },
  ];
  const planned = [...ids];
  const seen = new Set(ids.map((p) => p.column.name));
  for (const form of study.definition.forms) {
    const columns = form.repeating ? repeatingColumns(form) : form.fields.filter((f) => !holdsSubjectId(study, f)).flatMap((f) => fieldColumns(study, form, f));
    for (const p of columns) {
      // Two forms may use one field name: the later column takes its form's key as a prefix.
      const name = seen.has(p.column.name) ? `${form.key}_${p.column.name}` : p.column.name;
      if (seen.has(name)) throw new Error(`generic analysis: column ${name} would appear twice`);
      seen.add(name);
      planned.push(name === p.column.name ? p : { ...p, column: { ...p.column, name } });
    }
  }
  return planned;
}

/** Plans are built once per compiled study: an export derives every subject with the same readers. */
const plans = new WeakMap<CompiledStudy, Planned[]>();

function planOf(study: CompiledStudy): Planned[] {
  let p = plans.get(study);
  if (!p) {
    p = plan(study);
    plans.set(study, p);
  }
  return p;
}

export const genericAnalysis: StudyAnalysis = {
  columns: (study) => planOf(study).map((p) => p.column),
  deriver(study): SubjectDeriver {
    const planned = planOf(study);
    return (subject) => {
      const row: Record<string, AnalysisValue> = {};
      for (const p of planned) row[p.column.name] = p.read(subject);
      return row;
    };
  },
};
