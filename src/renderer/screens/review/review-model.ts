// The Review grid's data, computed once per form and language: columns from the definition
// (calculated fields left out), each row's display texts, sort keys and codes, and where failed checks and
// missing items fall (check → fields, as the form screen highlights them).

import type { ReviewRow } from '../../../shared/contract/review';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Field, FieldType, Form, MissingReason } from '../../../shared/study/definition.schema';
import { isMissing } from '../../../shared/study/entries';
import type { Lang } from '../../../shared/study/localized';
import { formatDate, formatPlainNumber } from '../../../shared/format';

export type LabelMode = 'labels' | 'codes';
export type CellFlag = 'hard' | 'soft' | 'missing' | 'overridden';

export interface ReviewColumn {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  /** Single, multiple and yes/no/unknown choices: shown as labels or codes, filterable by code. */
  readonly coded: boolean;
  readonly numeric: boolean;
  readonly choices: ReadonlyMap<string, string>;
  /** Width in rem. */
  readonly width: number;
}

export interface CheckInfo {
  readonly severity: 'hard' | 'soft';
  readonly fields: readonly string[];
  readonly message: { readonly it: string; readonly en: string };
}

export interface GridRow {
  readonly id: string;
  readonly subjectId: string;
  readonly instanceNo: number;
  readonly status: ReviewRow['status'];
  /** What each cell shows: coded values as labels … */
  readonly text: Readonly<Record<string, string>>;
  /** … or, for coded columns, as codes (the label/code switch needs no recomputation). */
  readonly codeText: Readonly<Record<string, string>>;
  readonly sort: Readonly<Record<string, string | number | null>>;
  readonly codes: Readonly<Record<string, readonly string[]>>;
  readonly reasons: Readonly<Record<string, MissingReason>>;
  /** The worst flag of each flagged field. */
  readonly flags: Readonly<Record<string, CellFlag>>;
  /** Per flagged field, the ids of the checks behind its flag (empty for a missing item). */
  readonly flagChecks: Readonly<Record<string, readonly string[]>>;
  readonly counts: { readonly hard: number; readonly soft: number; readonly overridden: number; readonly missing: number };
  /** Lower-case text of the whole row, for the global filter. */
  readonly search: string;
}

const CODED: readonly FieldType[] = ['single', 'multi', 'ynu'];
const NUMERIC: readonly FieldType[] = ['integer', 'decimal'];
const RANK: Record<CellFlag, number> = { hard: 4, soft: 3, missing: 2, overridden: 1 };

function widthOf(field: Field): number {
  if (field.type === 'multi' || field.type === 'text') return 13;
  if (field.type === 'single' || field.type === 'ynu') return 11;
  return 8.5;
}

export function reviewColumns(study: CompiledStudy, form: Form, lang: Lang): ReviewColumn[] {
  return form.fields
    .filter((f) => f.type !== 'calc')
    .map((f) => {
      const choices = new Map((study.field(form.key, f.name)?.choices ?? []).map((c) => [c.code, c.label[lang]] as const));
      return { name: f.name, label: f.label[lang], type: f.type, coded: CODED.includes(f.type), numeric: NUMERIC.includes(f.type), choices, width: widthOf(f) };
    });
}

/** Every check that can fail on this form, with the fields it highlights there. */
export function checkIndex(study: CompiledStudy, form: string): Map<string, CheckInfo> {
  const index = new Map<string, CheckInfo>();
  for (const c of study.checks) {
    if (!c.forms.includes(form)) continue;
    index.set(c.check.id, { severity: c.check.severity, fields: c.fieldsByForm.get(form) ?? [], message: c.check.message });
  }
  for (const r of study.rangeChecks) {
    if (r.form !== form) continue;
    index.set(r.id, { severity: 'soft', fields: [r.field], message: { it: `Valore fuori dall’intervallo atteso (${r.field})`, en: `Value outside the expected range (${r.field})` } });
  }
  return index;
}

const NO_CODES: readonly string[] = [];

function cellOf(column: ReviewColumn, value: unknown, lang: Lang): { text: string; sort: string | number | null; codes: readonly string[] } {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return { text: '', sort: null, codes: NO_CODES };
  if (column.coded) {
    const codes = (Array.isArray(value) ? value : [value]).map(String);
    const text = codes.map((c) => column.choices.get(c) ?? c).join('; ');
    return { text, sort: text.toLowerCase(), codes };
  }
  if (column.numeric && typeof value === 'number') return { text: formatPlainNumber(value, lang === 'it'), sort: value, codes: NO_CODES };
  if ((column.type === 'date' || column.type === 'partialDate') && typeof value === 'string') return { text: formatDate(value, lang), sort: value, codes: NO_CODES };
  const text = String(value);
  return { text, sort: text.toLowerCase(), codes: NO_CODES };
}

function flagsOf(row: ReviewRow, checks: ReadonlyMap<string, CheckInfo>): { flags: Record<string, CellFlag>; flagChecks: Record<string, string[]>; counts: GridRow['counts'] } {
  const flags: Record<string, CellFlag> = {};
  const flagChecks: Record<string, string[]> = {};
  const mark = (field: string, flag: CellFlag, check?: string): void => {
    const current = flags[field];
    if (!current || RANK[flag] > RANK[current]) flags[field] = flag;
    if (check) flagChecks[field] = [...(flagChecks[field] ?? []), check];
  };
  const overridden = new Set(row.overridden);
  let hard = 0;
  let soft = 0;
  for (const id of row.failed) {
    const info = checks.get(id);
    const flag: CellFlag = overridden.has(id) ? 'overridden' : info?.severity === 'hard' ? 'hard' : 'soft';
    if (flag === 'hard') hard += 1;
    else if (flag === 'soft') soft += 1;
    for (const field of info?.fields ?? []) mark(field, flag, id);
  }
  for (const field of row.missing) mark(field, 'missing');
  return { flags, flagChecks, counts: { hard, soft, overridden: overridden.size, missing: row.missing.length } };
}

export function gridRows(rows: readonly ReviewRow[], columns: readonly ReviewColumn[], checks: ReadonlyMap<string, CheckInfo>, lang: Lang): GridRow[] {
  return rows.map((row) => {
    const text: Record<string, string> = {};
    const codeText: Record<string, string> = {};
    const sort: Record<string, string | number | null> = {};
    const codes: Record<string, readonly string[]> = {};
    const reasons: Record<string, MissingReason> = {};
    const parts = [row.subjectId];
    for (const column of columns) {
      const value = row.data[column.name];
      if (isMissing(value)) {
        text[column.name] = value.missing;
        sort[column.name] = null;
        reasons[column.name] = value.missing;
      } else {
        const cell = cellOf(column, value, lang);
        text[column.name] = cell.text;
        sort[column.name] = cell.sort;
        if (column.coded) {
          codes[column.name] = cell.codes;
          codeText[column.name] = cell.codes.join(',');
          if (cell.codes.length > 0) parts.push(codeText[column.name]!);
        }
      }
      if (text[column.name]) parts.push(text[column.name]!);
    }
    return {
      id: `${row.subjectId}#${row.instanceNo}`,
      subjectId: row.subjectId,
      instanceNo: row.instanceNo,
      status: row.status,
      text,
      codeText,
      sort,
      codes,
      reasons,
      ...flagsOf(row, checks),
      search: parts.join('\u0001').toLowerCase(),
    };
  });
}

/** Ascending order of two sort keys; blanks last. */
export function compareKeys(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** The codes present in a column, with their labels, for its filter. */
export function presentCodes(rows: readonly GridRow[], column: ReviewColumn): { code: string; label: string }[] {
  const seen = new Set<string>();
  for (const row of rows) for (const code of row.codes[column.name] ?? []) seen.add(code);
  return [...seen].sort((a, b) => compareKeys(a, b)).map((code) => ({ code, label: column.choices.get(code) ?? code }));
}
