// codebook.csv: one row per exported column of every file — variable, file, form, labels IT/EN, type,
// unit, codes, ranges, derivation — from the study definition and the study's analysis columns.

import type { AnalysisColumn } from '../../modules/analysis';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Field } from '../../../shared/study/definition.schema';
import { formFileColumns, wideColumns, type Column } from './columns';
import { versionedRow } from './codebook-versions';

export const CODEBOOK_HEADER = ['variable', 'file', 'form', 'label_it', 'label_en', 'type', 'unit', 'codes', 'range', 'derivation'] as const;

const ID_LABELS: Readonly<Record<string, { it: string; en: string; derivation: string }>> = {
  subject_id: { it: 'Codice paziente', en: 'Subject ID', derivation: 'Pseudonym assigned by the app at enrolment: <site>-<4-digit sequence> (crf-spec §2.0)' },
  site_id: { it: 'Centro', en: 'Site', derivation: 'Site code of the store the record comes from' },
  instance: { it: 'Numero di istanza', en: 'Instance number', derivation: 'Instance of a repeating form; never reused after a removal' },
  def_version: { it: 'Versione della definizione', en: 'Definition version', derivation: 'Study-definition version the form instance was saved under' },
};

function fieldType(field: Field): string {
  if (field.type === 'calc') return `calc:${field.valueType}`;
  return field.type;
}

function range(field: Field): string {
  const f = field as { min?: number; max?: number; softMin?: number; softMax?: number; maxLength?: number; minPrecision?: string };
  const parts: string[] = [];
  if (f.min !== undefined || f.max !== undefined) parts.push(`hard ${f.min ?? ''}–${f.max ?? ''}`);
  if (f.softMin !== undefined || f.softMax !== undefined) parts.push(`soft ${f.softMin ?? ''}–${f.softMax ?? ''}`);
  if (f.maxLength !== undefined) parts.push(`max ${f.maxLength} characters`);
  if (f.minPrecision !== undefined) parts.push(`partial date, at least ${f.minPrecision}`);
  return parts.join('; ');
}

export function describe(study: CompiledStudy, column: Column, file: string): string[] {
  if (column.kind === 'id') {
    const l = ID_LABELS[column.name]!;
    return [column.name, file, '', l.it, l.en, column.name === 'instance' ? 'integer' : 'text', '', '', '', l.derivation];
  }
  const form = column.form ?? '';
  if (column.kind === 'complete') {
    return [column.name, file, form, `Stato della scheda ${form}`, `Status of form ${form}`, 'code', '', '0 = Incomplete (draft) | 1 = Unverified (complete, not signed) | 2 = Complete (signed or locked)', '', 'REDCap form-status convention; blank when the form was not entered'];
  }
  if (column.kind === 'status') {
    return [column.name, file, form, `Stato (testo) della scheda ${form}`, `Status (text) of form ${form}`, 'text', '', 'draft | complete | signed | locked', '', 'Status as kept by the app'];
  }
  const field = column.field!;
  const choices = study.choicesOf(field) ?? [];
  const missing = field.type === 'calc' ? '' : ` Missing-data reasons ND/NK/NA appear as their codes.`;
  if (column.kind === 'choice') {
    const choice = choices.find((c) => c.code === column.code);
    return [column.name, file, form, `${field.label.it}: ${choice?.label.it ?? column.code}`, `${field.label.en}: ${choice?.label.en ?? column.code}`, 'checkbox', '', '1 = Ticked | 0 = Not ticked', '', `Choice ${column.code} of the multiple-choice field ${field.name} (REDCap var___code convention); blank when the field was not answered.${missing}`];
  }
  // Every code labelled, reference lists too (ae_term: the 837 CTCAE terms), so a code never needs looking up elsewhere.
  const codes = choices.map((c) => `${c.code} = ${c.label.en}`).join(' | ');
  const unit = 'unit' in field && typeof field.unit === 'string' ? field.unit : '';
  const derivation = field.type === 'calc' ? (field.calc ? `Calculated: ${field.calc}` : `Kept by the app: ${field.system}`) : `Entered.${missing}`;
  return [column.name, file, form, field.label.it, field.label.en, fieldType(field), unit, codes, range(field), `${derivation}${field.unconfirmed ? ` [unconfirmed: ${field.unconfirmed}]` : ''}`];
}

/**
 * `analysisColumns`: the columns of analysis.csv (the study module's, or the generic dataset's); `older`: the older
 * definition versions instances were saved under, newest first (each row's def_version says which applies).
 */
export function codebookRows(study: CompiledStudy, analysisColumns: readonly AnalysisColumn[], older: readonly CompiledStudy[] = []): string[][] {
  const rows: string[][] = [];
  const row = (column: Column, file: string): string[] => versionedRow(study, older, column, file, describe);
  for (const form of study.definition.forms) {
    for (const column of formFileColumns(study, form, older)) rows.push(row(column, `${form.key}.csv`));
  }
  for (const column of wideColumns(study, older)) rows.push(row(column, 'subjects_wide.csv'));
  for (const c of analysisColumns) {
    rows.push([c.name, 'analysis.csv', '', c.label.it, c.label.en, c.type, c.unit ?? '', (c.codes ?? []).map((x) => `${x.code} = ${x.label.en}`).join(' | '), '', c.derivation]);
  }
  return rows;
}
