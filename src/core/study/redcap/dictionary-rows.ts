// Reads a REDCap data dictionary CSV into rows: the 18 columns in REDCap's download spelling or the API's
// field names, a BOM tolerated, blank rows (Excel leaves them at the end) ignored. A file that is not a
// dictionary is refused with input.redcapDictionary; what a row says is judged later, field by field.

import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { AppError } from '../../../shared/errors/app-error';
import { REDCAP_COLUMNS } from './redcap-columns';

/** The API's metadata export names the same 18 columns in this order. */
const API_COLUMNS = ['field_name', 'form_name', 'section_header', 'field_type', 'field_label', 'select_choices_or_calculations', 'field_note', 'text_validation_type_or_show_slider_number', 'text_validation_min', 'text_validation_max', 'identifier', 'branching_logic', 'required_field', 'custom_alignment', 'question_number', 'matrix_group_name', 'matrix_ranking', 'field_annotation'] as const;

const Cells = z.array(z.string()).length(REDCAP_COLUMNS.length);

export interface DictionaryRow {
  /** Line of the record in the file (1 = header), for messages. */
  readonly line: number;
  readonly name: string;
  readonly form: string;
  readonly section: string;
  readonly type: string;
  readonly label: string;
  readonly choices: string;
  readonly note: string;
  readonly validation: string;
  readonly min: string;
  readonly max: string;
  readonly identifier: boolean;
  readonly branching: string;
  readonly required: boolean;
  readonly annotation: string;
}

const normalise = (s: string): string => s.trim().toLowerCase();

export function readDictionaryRows(text: string, file: string): DictionaryRow[] {
  let records: string[][];
  let lines: number[];
  try {
    const parsed = parse(text, { bom: true, relax_column_count: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    records = parsed.map((p) => p.record);
    lines = parsed.map((p) => p.info.lines);
  } catch (error) {
    throw new AppError('input.redcapDictionary', { file, detail: error instanceof Error ? error.message : 'CSV' });
  }
  const header = (records[0] ?? []).map(normalise);
  const matches = (names: readonly string[]): boolean => header.length === names.length && names.every((n, i) => normalise(n) === header[i]);
  if (!matches(REDCAP_COLUMNS) && !matches(API_COLUMNS)) {
    throw new AppError('input.redcapDictionary', { file, detail: `the first line is not REDCap's ${REDCAP_COLUMNS.length} dictionary columns` });
  }
  const rows: DictionaryRow[] = [];
  for (let i = 1; i < records.length; i += 1) {
    const record = records[i]!;
    if (record.every((c) => c.trim() === '')) continue;
    const cells = Cells.safeParse(record);
    if (!cells.success) throw new AppError('input.redcapDictionary', { file, detail: `line ${lines[i]}: ${record.length} columns instead of ${REDCAP_COLUMNS.length}` });
    const c = cells.data;
    rows.push({
      line: lines[i]!,
      name: c[0]!.trim(),
      form: c[1]!.trim(),
      section: c[2]!,
      type: c[3]!.trim().toLowerCase(),
      label: c[4]!,
      choices: c[5]!,
      note: c[6]!,
      validation: c[7]!.trim().toLowerCase(),
      min: c[8]!.trim(),
      max: c[9]!.trim(),
      identifier: normalise(c[10]!) === 'y',
      branching: c[11]!.trim(),
      required: normalise(c[12]!) === 'y',
      annotation: c[17]!,
    });
  }
  return rows;
}
