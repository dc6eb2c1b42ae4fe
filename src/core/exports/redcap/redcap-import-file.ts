// REDCap's flat import format for a classic project with repeating instruments: record_id,
// redcap_repeat_instrument, redcap_repeat_instance, the entered fields (checkboxes as `field___code`, with
// one `field___nk`-style column per missing-data code the field allows), `<form>_complete`. One row per
// subject for the non-repeating forms, one per instance of a repeating form. No calculated field: REDCap
// computes its own, and refuses values for them. Pure: no database, no files.

import { formatDecimal } from '../../../shared/format/decimal';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Field, MissingReason } from '../../../shared/study/definition.schema';
import { isMissing, type StoredEntry } from '../../../shared/study/entries';
import type { DatasetInstance, DatasetSubject } from '../../dataset/dataset-subject';
import { checkboxColumn } from '../../study/redcap/redcap-choices';
import { completeCode } from '../csv/columns';
import { RECORD_ID } from '../dictionary/redcap-dictionary';

type Column =
  | { readonly kind: 'value'; readonly name: string; readonly field: Field }
  | { readonly kind: 'choice'; readonly name: string; readonly field: Field; readonly code: string }
  | { readonly kind: 'missing'; readonly name: string; readonly field: Field; readonly reason: MissingReason }
  | { readonly kind: 'complete'; readonly name: string };

interface FormColumns {
  readonly repeating: boolean;
  /** Position of the form's first column in a row. */
  readonly offset: number;
  readonly columns: readonly Column[];
}

export const REPEAT_INSTRUMENT = 'redcap_repeat_instrument';
export const REPEAT_INSTANCE = 'redcap_repeat_instance';

function valueCell(entry: StoredEntry | undefined): string {
  if (entry === undefined || entry === null || entry === '') return '';
  if (isMissing(entry)) return entry.missing;
  if (typeof entry === 'number') return formatDecimal(entry);
  if (Array.isArray(entry)) return entry.join(',');
  return entry as string;
}

function cell(column: Column, instance: DatasetInstance): string {
  if (column.kind === 'complete') return String(completeCode(instance.status));
  const entry = instance.data[column.field.name];
  if (column.kind === 'value') return valueCell(entry);
  if (entry === undefined || entry === null || entry === '') return '';
  // A checkbox with a missing-data code has no choice ticked: its code's own column is 1.
  if (column.kind === 'choice') return Array.isArray(entry) ? (entry.includes(column.code) ? '1' : '0') : '';
  return isMissing(entry) && entry.missing === column.reason ? '1' : '0';
}

export class RedcapImportLayout {
  readonly header: readonly string[];
  private readonly forms = new Map<string, FormColumns>();
  private readonly order = new Map<string, number>();

  constructor(study: CompiledStudy) {
    const header = [RECORD_ID, REPEAT_INSTRUMENT, REPEAT_INSTANCE];
    study.definition.forms.forEach((form, index) => {
      this.order.set(form.key, index);
      const columns: Column[] = [];
      for (const field of form.fields) {
        if (field.type === 'calc') continue;
        if (field.type !== 'multi') {
          columns.push({ kind: 'value', name: field.name, field });
          continue;
        }
        for (const choice of study.choicesOf(field) ?? []) columns.push({ kind: 'choice', name: checkboxColumn(field.name, choice.code), field, code: choice.code });
        for (const reason of field.missingReasons) columns.push({ kind: 'missing', name: checkboxColumn(field.name, reason), field, reason });
      }
      columns.push({ kind: 'complete', name: `${form.key}_complete` });
      this.forms.set(form.key, { repeating: form.repeating, offset: header.length, columns });
      header.push(...columns.map((c) => c.name));
    });
    this.header = header;
  }

  private fill(row: string[], instance: DatasetInstance): void {
    const form = this.forms.get(instance.form);
    if (!form) return;
    for (let i = 0; i < form.columns.length; i += 1) row[form.offset + i] = cell(form.columns[i]!, instance);
  }

  /** The subject's rows: the record (non-repeating forms) first, then each repeating instance in form and instance order. */
  rows(subject: DatasetSubject): string[][] {
    const record = new Array<string>(this.header.length).fill('');
    record[0] = subject.id;
    const repeats: DatasetInstance[] = [];
    for (const instance of subject.instances) {
      const form = this.forms.get(instance.form);
      if (!form) continue;
      if (form.repeating) repeats.push(instance);
      else this.fill(record, instance);
    }
    repeats.sort((a, b) => this.order.get(a.form)! - this.order.get(b.form)! || a.instanceNo - b.instanceNo);
    const rows = [record];
    for (const instance of repeats) {
      const row = new Array<string>(this.header.length).fill('');
      row[0] = subject.id;
      row[1] = instance.form;
      row[2] = String(instance.instanceNo);
      this.fill(row, instance);
      rows.push(row);
    }
    return rows;
  }
}
