// Formats subjects as CSV text for every file of an export: each form file (repeating forms long), the wide
// file of the non-repeating forms and analysis.csv. Pure: no database, no files.

import type { AnalysisColumn, StudyAnalysis, SubjectDeriver } from '../../modules/analysis';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { StoredEntry } from '../../../shared/study/entries';
import { toDatasetSubject, type DatasetInstance, type DatasetSubject, type EvaluationEnv, type StoredSubject } from '../../dataset/dataset-subject';
import { choiceCell, valueCell } from './cells';
import { completeCode, formFileColumns, wideColumns, type Column } from './columns';
import { csvLine } from './csv-line';
import { DIALECTS, formatNumber, formatText, type Dialect, type DialectName } from './dialect';

const WIDE_FILE = 'subjects_wide.csv';
const ANALYSIS_FILE = 'analysis.csv';

/**
 * The CSV records of a batch of subjects per file name, as UTF-8 bytes, with their count. Bytes rather
 * than text: they live outside the JavaScript heap, so no garbage collection copies them while they wait
 * to be written (with text, the export spent more time collecting garbage than formatting).
 */
export type CsvChunks = Record<string, { bytes: Uint8Array; rows: number }>;

const utf8 = new TextEncoder();

export interface CsvFileLayout {
  readonly name: string;
  readonly header: readonly string[];
}

function analysisCell(value: string | number | null, dialect: Dialect): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatNumber(value, dialect);
  return formatText(value, dialect);
}

function cells(columns: readonly Column[], subject: DatasetSubject, instance: DatasetInstance | undefined, byForm: ReadonlyMap<string, DatasetInstance>, dialect: Dialect): string[] {
  return columns.map((c) => {
    if (c.kind === 'id') {
      if (c.name === 'subject_id') return subject.id;
      if (c.name === 'site_id') return subject.siteId;
      if (c.name === 'instance') return String(instance?.instanceNo ?? '');
      if (c.name === 'def_version') return instance?.defVersion ?? '';
      return '';
    }
    const source = instance ?? (c.form ? byForm.get(c.form) : undefined);
    if (c.kind === 'complete') return source ? String(completeCode(source.status)) : '';
    if (c.kind === 'status') return source?.status ?? '';
    if (!source || !c.field) return '';
    if (c.kind === 'calc') return valueCell(c.field, (source.calcs[c.field.name] ?? null) as StoredEntry | null, dialect);
    const entry = source.data[c.field.name];
    if (c.kind === 'choice') return choiceCell(entry, c.code!);
    return valueCell(c.field, entry, dialect);
  });
}

export class SubjectCsvFormatter {
  readonly dialect: Dialect;
  private readonly formColumns = new Map<string, { name: string; columns: Column[] }>();
  private readonly wide: Column[];
  private readonly derive: SubjectDeriver;
  private readonly analysisNames: readonly string[];

  /** `analysis`: the study's (its module's or the generic); `analysisParams`: the store's parameters, overridden by the export's (e.g. the data cut-off). */
  constructor(
    private readonly study: CompiledStudy,
    dialect: DialectName,
    private readonly env: EvaluationEnv,
    analysis: StudyAnalysis,
    analysisParams: Readonly<Record<string, string | number | null>>,
    /** Older definition versions instances were saved under, newest first: their own fields get columns too. */
    older: readonly CompiledStudy[] = [],
  ) {
    this.dialect = DIALECTS[dialect];
    for (const form of study.definition.forms) this.formColumns.set(form.key, { name: `${form.key}.csv`, columns: formFileColumns(study, form, older) });
    this.wide = wideColumns(study, older);
    this.derive = analysis.deriver(study, analysisParams);
    this.analysisNames = analysis.columns(study).map((c: AnalysisColumn) => c.name);
  }

  /** The files this formatter writes to, in the order of the definition, with their headers. */
  files(): CsvFileLayout[] {
    return [
      ...[...this.formColumns.values()].map(({ name, columns }) => ({ name, header: columns.map((c) => c.name) })),
      { name: WIDE_FILE, header: this.wide.map((c) => c.name) },
      { name: ANALYSIS_FILE, header: [...this.analysisNames] },
    ];
  }

  format(batch: readonly StoredSubject[]): CsvChunks {
    const texts: Record<string, { text: string; rows: number }> = {};
    const add = (file: string, cellsOfRow: readonly string[]): void => {
      const chunk = (texts[file] ??= { text: '', rows: 0 });
      chunk.text += csvLine(cellsOfRow, this.dialect.delimiter);
      chunk.rows += 1;
    };
    for (const stored of batch) {
      const subject = toDatasetSubject(this.study, stored, this.env);
      const byForm = new Map<string, DatasetInstance>();
      for (const instance of subject.instances) {
        const target = this.formColumns.get(instance.form);
        if (!target) continue;
        if (!this.study.isRepeating(instance.form)) byForm.set(instance.form, instance);
        add(target.name, cells(target.columns, subject, instance, byForm, this.dialect));
      }
      add(WIDE_FILE, cells(this.wide, subject, undefined, byForm, this.dialect));
      const derived = this.derive(subject);
      add(ANALYSIS_FILE, this.analysisNames.map((name) => analysisCell(derived[name] ?? null, this.dialect)));
    }
    const chunks: CsvChunks = {};
    for (const [file, { text, rows }] of Object.entries(texts)) chunks[file] = { bytes: utf8.encode(text), rows };
    return chunks;
  }
}
