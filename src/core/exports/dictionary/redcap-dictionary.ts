// A study definition as a REDCap data dictionary CSV (RFC 4180, written by the one CSV writer), record_id
// first, calculations and conditions in REDCap's syntax (mapping in README.md).

import { CompiledStudy } from '../../../shared/study/compile';
import type { StudyDefinition } from '../../../shared/study/definition.schema';
import type { Lang } from '../../../shared/study/localized';
import { csvLine } from '../csv/csv-line';
import { REDCAP_COLUMNS, rowCells, type RedcapRow } from '../../study/redcap/redcap-columns';
import { RedcapTranslator } from '../../study/redcap/to-redcap-logic';
import { fieldRow, type DictionaryContext, type DictionaryGaps } from './redcap-field';

export type { DictionaryGaps } from './redcap-field';

export interface DictionaryOptions {
  /** Language of field labels, choice labels and section headers (default English). */
  readonly lang?: Lang;
}

export interface RedcapDictionary {
  readonly csv: string;
  /** Variables written, record_id included. */
  readonly variables: number;
  readonly gaps: DictionaryGaps;
}

/** REDCap's record identifier: it must be the first variable of the first instrument. */
export const RECORD_ID = 'record_id';

function recordIdRow(definition: StudyDefinition, lang: Lang): RedcapRow {
  return {
    'Variable / Field Name': RECORD_ID,
    'Form Name': definition.forms[0]!.key,
    'Field Type': 'text',
    'Field Label': lang === 'it' ? 'Codice paziente (ID del record)' : 'Subject ID (record ID)',
    'Field Annotation': `REDCap record ID: the subject's study pseudonym (pattern ${definition.subjectIdPattern}), assigned by the application at enrolment.`,
  };
}

/** The form's title as the section header of its first row: what the import reads back as the form's number and title. */
export function formHeader(form: StudyDefinition['forms'][number], lang: Lang): string {
  return `${form.specId} ${form.title[lang]}${form.repeating ? (lang === 'it' ? ' (scheda ripetibile)' : ' (repeating instrument)') : ''}`;
}

export function redcapDictionary(definition: StudyDefinition, options: DictionaryOptions = {}): RedcapDictionary {
  const lang = options.lang ?? 'en';
  const study = new CompiledStudy(definition);
  const gaps: DictionaryGaps = { calculations: [], appValues: [], conditions: [] };
  const ctx: DictionaryContext = { study, lang, translator: new RedcapTranslator(study), gaps };
  const rows: RedcapRow[] = [recordIdRow(definition, lang)];
  for (const form of definition.forms) {
    const first = rows.length;
    for (const field of form.fields) rows.push(fieldRow(ctx, form, field));
    const target = form === definition.forms[0] ? rows[0]! : rows[first]!;
    target['Section Header'] = formHeader(form, lang);
  }
  let csv = csvLine(REDCAP_COLUMNS, ',');
  for (const row of rows) csv += csvLine(rowCells(row), ',');
  return { csv, variables: rows.length, gaps };
}

export function studyToRedcapDictionary(definition: StudyDefinition, options: DictionaryOptions = {}): string {
  return redcapDictionary(definition, options).csv;
}
