// Per-field tallies over every stored record, one pass per subject: values of numbers (for n, mean, SD, median,
// IQR and a histogram), counts of choices, first and last dates, answered texts, blanks and missing-data reasons.

import { parsePartialDate } from '../../shared/dates/partial-date';
import { kindOfField, type CompiledStudy } from '../../shared/study/compile';
import type { Field, MissingReason } from '../../shared/study/definition.schema';
import { isMissing, type StoredEntry } from '../../shared/study/entries';
import type { DatasetSubject } from '../dataset/dataset';
import { summarize } from '../stats';
import type { FieldStats, FieldStatsData, MissingData, MissingFieldRow, ReportLang } from './types';
import { unitLabel } from '../../shared/study/unit-label';

type Kind = 'number' | 'choice' | 'date' | 'text';

interface Tally {
  readonly field: Field;
  readonly kind: Kind;
  readonly calc: boolean;
  readonly missing: Record<MissingReason, number>;
  /** number: the values; date: nothing. */
  readonly values: number[];
  /** choice: records per code; text and date: answered records in `answered`. */
  readonly counts: Map<string, number>;
  answered: number;
  partial: number;
  first: { day: number; text: string } | undefined;
  last: { day: number; text: string } | undefined;
}

interface FormTally {
  readonly key: string;
  records: number;
  readonly fields: Tally[];
  readonly byName: Map<string, Tally>;
}

function kindOf(field: Field): Kind {
  const kind = kindOfField(field);
  if (kind === 'number') return 'number';
  if (kind === 'date') return 'date';
  if (kind === 'code' || kind === 'set') return 'choice';
  return 'text';
}

/** Histogram bins: one per whole number over a short integer range, else Sturges' count of equal widths. */
export function histogram(sorted: readonly number[]): { from: number; to: number; n: number }[] {
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted.at(-1)!;
  if (min === max) return [{ from: min, to: max, n: sorted.length }];
  const integers = sorted.every((x) => Number.isInteger(x));
  const k = integers && max - min < 30 ? max - min + 1 : Math.min(20, Math.max(5, Math.ceil(Math.log2(sorted.length) + 1)));
  const width = integers && max - min < 30 ? 1 : (max - min) / k;
  const from = integers && max - min < 30 ? min - 0.5 : min;
  const bins = Array.from({ length: k }, (_, i) => ({ from: from + i * width, to: from + (i + 1) * width, n: 0 }));
  for (const x of sorted) bins[Math.min(k - 1, Math.floor((x - from) / width))]!.n += 1;
  return bins;
}

export class FieldCollector {
  private readonly forms = new Map<string, FormTally>();

  constructor(private readonly study: CompiledStudy) {
    for (const form of study.definition.forms) {
      const fields = form.fields.map(
        (field): Tally => ({ field, kind: kindOf(field), calc: field.type === 'calc', missing: { ND: 0, NK: 0, NA: 0 }, values: [], counts: new Map(), answered: 0, partial: 0, first: undefined, last: undefined }),
      );
      this.forms.set(form.key, { key: form.key, records: 0, fields, byName: new Map(fields.map((f) => [f.field.name, f])) });
    }
  }

  /** Visits only the entries a record holds (most fields of a record are empty): blanks are counted at the end. */
  add(subject: DatasetSubject): void {
    for (const instance of subject.instances) {
      const form = this.forms.get(instance.form);
      if (!form) continue;
      form.records += 1;
      for (const name in instance.data) {
        const tally = form.byName.get(name);
        if (tally && !tally.calc) this.count(tally, instance.data[name]);
      }
      for (const name in instance.calcs) {
        const tally = form.byName.get(name);
        if (tally?.calc) this.count(tally, instance.calcs[name]);
      }
    }
  }

  /** Counts one stored entry; an empty or unreadable one is left to the blanks (records − counted). */
  private count(tally: Tally, entry: StoredEntry | null | undefined): void {
    if (entry === undefined || entry === null || entry === '' || (Array.isArray(entry) && entry.length === 0)) return;
    if (isMissing(entry)) {
      tally.missing[entry.missing] += 1;
      return;
    }
    switch (tally.kind) {
      case 'number': {
        const x = typeof entry === 'number' ? entry : Number(entry);
        if (Number.isFinite(x)) tally.values.push(x);
        return;
      }
      case 'choice':
        tally.answered += 1;
        for (const code of Array.isArray(entry) ? entry : [String(entry)]) tally.counts.set(code, (tally.counts.get(code) ?? 0) + 1);
        return;
      case 'date': {
        const range = typeof entry === 'string' ? parsePartialDate(entry) : undefined;
        if (!range) return;
        tally.answered += 1;
        if (range.precision !== 'day') tally.partial += 1;
        if (!tally.first || range.lo < tally.first.day) tally.first = { day: range.lo, text: entry as string };
        if (!tally.last || range.hi > tally.last.day) tally.last = { day: range.hi, text: entry as string };
        return;
      }
      case 'text':
        tally.answered += 1;
    }
  }

  private stats(tally: Tally, records: number, lang: ReportLang): FieldStats {
    const missing_reason = tally.missing.ND + tally.missing.NK + tally.missing.NA;
    const counted = (tally.kind === 'number' ? tally.values.length : tally.answered) + missing_reason;
    const common = { blank: records - counted, missing_reason };
    if (tally.kind === 'number') {
      const sorted = [...tally.values].sort((a, b) => a - b);
      const s = summarize(sorted);
      return { kind: 'number', n: s.n, ...common, mean: s.mean, sd: s.sd, median: s.median, q1: s.q1, q3: s.q3, min: s.min, max: s.max, bins: histogram(sorted) };
    }
    if (tally.kind === 'choice') {
      const choices = this.study.choicesOf(tally.field) ?? [];
      // A reference list (hundreds of terms) lists only the answers given; a short code list every level.
      const levels = choices.length <= 60 ? choices : choices.filter((c) => tally.counts.has(c.code));
      const known = new Set(levels.map((c) => c.code));
      const counts = levels.map((c) => ({ code: c.code, label: c.label[lang], n: tally.counts.get(c.code) ?? 0 }));
      for (const [code, n] of tally.counts) if (!known.has(code)) counts.push({ code, label: code, n });
      if (choices.length > 60) counts.sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
      return { kind: 'choice', multiple: tally.field.type === 'multi', n: tally.answered, ...common, counts };
    }
    if (tally.kind === 'date') return { kind: 'date', n: tally.answered, ...common, partial: tally.partial, first: tally.first?.text ?? null, last: tally.last?.text ?? null };
    return { kind: 'text', n: tally.answered, ...common };
  }

  fieldStats(lang: ReportLang): FieldStatsData {
    return {
      forms: this.study.definition.forms.map((form) => {
        const tally = this.forms.get(form.key)!;
        return {
          form: form.key,
          title: form.title[lang],
          records: tally.records,
          fields: tally.fields.map((t) => ({ field: t.field.name, label: t.field.label[lang], unit: unitLabel(t.field, lang) ?? null, ...this.stats(t, tally.records, lang) })),
        };
      }),
    };
  }

  missing(lang: ReportLang): MissingData {
    const fields: MissingFieldRow[] = [];
    const byForm: MissingData['by_form'][number][] = [];
    for (const form of this.study.definition.forms) {
      const tally = this.forms.get(form.key)!;
      const sum = { ND: 0, NK: 0, NA: 0 };
      for (const t of tally.fields) {
        const { ND, NK, NA } = t.missing;
        sum.ND += ND;
        sum.NK += NK;
        sum.NA += NA;
        if (ND + NK + NA > 0) fields.push({ form: form.key, field: t.field.name, label: t.field.label[lang], records: tally.records, ND, NK, NA });
      }
      byForm.push({ form: form.key, title: form.title[lang], ...sum });
    }
    const total = (r: { ND: number; NK: number; NA: number }): number => r.ND + r.NK + r.NA;
    fields.sort((a, b) => total(b) - total(a) || a.form.localeCompare(b.form) || a.field.localeCompare(b.field));
    return {
      totals: { ND: byForm.reduce((n, f) => n + f.ND, 0), NK: byForm.reduce((n, f) => n + f.NK, 0), NA: byForm.reduce((n, f) => n + f.NA, 0) },
      fields,
      by_form: byForm,
    };
  }
}
