// What the R and Stata loaders need to know of each exported CSV file: every column's kind, label, codes and
// whether missing-data reasons can appear in it; built from the definition and the analysis columns, no study named.

import type { AnalysisColumn } from '../../../modules/analysis';
import type { CompiledStudy } from '../../../../shared/study/compile';
import type { Field } from '../../../../shared/study/definition.schema';
import { formFileColumns, wideColumns, type Column } from '../columns';
import { queriesLoaderFile } from '../queries-csv';

export type VariableKind = 'text' | 'number' | 'date' | 'partialDate' | 'factor' | 'checkbox';

export interface LoaderCode {
  readonly code: string;
  readonly label: string;
}

export interface LoaderVariable {
  readonly name: string;
  readonly label: string;
  readonly kind: VariableKind;
  /** For factors: the codes in order, with their labels. */
  readonly codes?: readonly LoaderCode[];
  /** ND/NK/NA may appear in place of a value: the loader makes them NA plus a `<name>_missing` factor. */
  readonly missingReasons: boolean;
  readonly note: string;
}

export interface LoaderFile {
  readonly file: string;
  /** Short name of the data frame / Stata dataset (the file name without .csv). */
  readonly name: string;
  readonly variables: readonly LoaderVariable[];
}

export const MISSING_LABELS: readonly LoaderCode[] = [
  { code: 'ND', label: 'Not done' },
  { code: 'NK', label: 'Not known' },
  { code: 'NA', label: 'Not applicable' },
];

const COMPLETE_CODES: readonly LoaderCode[] = [
  { code: '0', label: 'Incomplete (draft)' },
  { code: '1', label: 'Unverified (complete, not signed)' },
  { code: '2', label: 'Complete (signed or locked)' },
];

const ID_NOTES: Readonly<Record<string, string>> = {
  subject_id: 'Subject ID (pseudonym)',
  site_id: 'Site',
  instance: 'Instance number of a repeating form',
  def_version: 'Definition version the form was saved under',
};

function kindOf(field: Field, codes: readonly LoaderCode[]): VariableKind {
  const type = field.type === 'calc' ? field.valueType : field.type;
  switch (type) {
    case 'integer':
    case 'decimal':
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'partialDate':
      return 'partialDate';
    case 'text':
      return 'text';
    default:
      return codes.length > 0 ? 'factor' : 'text';
  }
}

function variableOf(study: CompiledStudy, column: Column): LoaderVariable {
  if (column.kind === 'id') return { name: column.name, label: ID_NOTES[column.name] ?? column.name, kind: column.name === 'instance' ? 'number' : 'text', missingReasons: false, note: '' };
  if (column.kind === 'complete') return { name: column.name, label: `Status of form ${column.form ?? ''}`, kind: 'factor', codes: COMPLETE_CODES, missingReasons: false, note: 'REDCap form-status convention' };
  if (column.kind === 'status') return { name: column.name, label: `Status (text) of form ${column.form ?? ''}`, kind: 'text', missingReasons: false, note: 'draft | complete | signed | locked' };
  const field = column.field!;
  const canBeMissing = field.type !== 'calc' && (field.missingReasons ?? []).length > 0;
  if (column.kind === 'choice') {
    const choice = (study.choicesOf(field) ?? []).find((c) => c.code === column.code);
    return { name: column.name, label: `${field.label.en}: ${choice?.label.en ?? column.code}`, kind: 'checkbox', missingReasons: canBeMissing, note: `Choice ${column.code ?? ''} of ${field.name}` };
  }
  const codes = (study.choicesOf(field) ?? []).map((c) => ({ code: c.code, label: c.label.en }));
  const kind = kindOf(field, codes);
  const note = field.type === 'calc' ? `Calculated: ${field.calc ?? field.system ?? ''}` : 'Entered';
  return { name: column.name, label: field.label.en, kind, ...(kind === 'factor' ? { codes } : {}), missingReasons: canBeMissing, note };
}

function analysisVariable(c: AnalysisColumn): LoaderVariable {
  const kind: VariableKind = c.type === 'integer' || c.type === 'decimal' ? 'number' : c.type === 'date' ? 'date' : c.type === 'code' ? (c.codes && c.codes.length > 0 ? 'factor' : 'number') : 'text';
  return {
    name: c.name,
    label: c.unit ? `${c.label.en} (${c.unit})` : c.label.en,
    kind,
    ...(kind === 'factor' ? { codes: (c.codes ?? []).map((x) => ({ code: x.code, label: x.label.en })) } : {}),
    missingReasons: false,
    note: c.derivation,
  };
}

/** Every CSV file of a CSV export, in the order written: form files, subjects_wide.csv, analysis.csv, queries.csv. */
export function loaderFiles(study: CompiledStudy, analysisColumns: readonly AnalysisColumn[]): LoaderFile[] {
  return [
    ...study.definition.forms.map((form) => ({ file: `${form.key}.csv`, name: form.key, variables: formFileColumns(study, form).map((c) => variableOf(study, c)) })),
    { file: 'subjects_wide.csv', name: 'subjects_wide', variables: wideColumns(study).map((c) => variableOf(study, c)) },
    { file: 'analysis.csv', name: 'analysis', variables: analysisColumns.map(analysisVariable) },
    queriesLoaderFile(),
  ];
}
