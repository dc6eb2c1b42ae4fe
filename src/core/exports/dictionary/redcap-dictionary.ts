// A study definition as a REDCap data dictionary CSV (RFC 4180), record_id first (mapping in README.md).

import { stringify } from 'csv-stringify/sync';
import { CompiledStudy } from '../../../shared/study/compile';
import type { StudyDefinition } from '../../../shared/study/definition.schema';
import type { Lang } from '../../../shared/study/localized';
import { REDCAP_COLUMNS, rowCells, type RedcapRow } from './redcap-columns';
import { fieldRow, type DictionaryContext } from './redcap-field';

export interface DictionaryOptions {
  /** Language of field labels, choice labels and section headers (default English). */
  readonly lang?: Lang;
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

export function studyToRedcapDictionary(definition: StudyDefinition, options: DictionaryOptions = {}): string {
  const lang = options.lang ?? 'en';
  const ctx: DictionaryContext = { study: new CompiledStudy(definition), lang };
  const rows: RedcapRow[] = [recordIdRow(definition, lang)];
  for (const form of definition.forms) {
    const first = rows.length;
    for (const field of form.fields) rows.push(fieldRow(ctx, form, field));
    // The form's title as the section header of its first row (record_id for the first form).
    const header = `${form.specId} ${form.title[lang]}${form.repeating ? (lang === 'it' ? ' (scheda ripetibile)' : ' (repeating instrument)') : ''}`;
    const target = form === definition.forms[0] ? rows[0]! : rows[first]!;
    target['Section Header'] = header;
  }
  return stringify([[...REDCAP_COLUMNS], ...rows.map(rowCells)], { record_delimiter: 'windows' });
}
