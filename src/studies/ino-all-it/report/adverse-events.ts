// Adverse events by MedDRA SOC and CTCAE term: patients by maximum grade (any, ≥3), treatment-emergent as in the analysis module.

import { CTCAE_SOCS } from '../analysis/soc';
import { code, dateRange, instancesOf, num } from '../../../core/analysis/subject-view';
import type { DatasetSubject } from '../../../core/dataset/dataset';
import { t } from './labels';
import type { AdverseEventSection, AeGradeCount, AeSocRow } from './types';
import type { Lang as ReportLang } from '../../../shared/study/localized';

const GRADE_KEYS = ['1', '2', '3', '4', '5', 'unknown'] as const;
const UNKNOWN = 'unknown';

/** Grade key → patients whose maximum grade it is. */
type GradeTally = Map<string, number>;

function bump(tally: GradeTally, key: string): void {
  tally.set(key, (tally.get(key) ?? 0) + 1);
}

function keyOf(maxGrade: number | undefined): string {
  return maxGrade === undefined ? UNKNOWN : String(maxGrade);
}

/** Per patient: the maximum grade per key (undefined = only ungraded AEs). */
function maxima(entries: readonly { key: string; grade: number | undefined }[]): Map<string, number | undefined> {
  const out = new Map<string, number | undefined>();
  for (const { key, grade } of entries) {
    const before = out.get(key);
    out.set(key, grade === undefined ? before : before === undefined ? grade : Math.max(before, grade));
  }
  return out;
}

export class AdverseEventCollector {
  private readonly terms = new Map<string, { soc: string; tally: GradeTally }>();
  private readonly socs = new Map<string, GradeTally>();
  private patients = 0;
  private readonly overall: GradeTally = new Map();
  private events = 0;

  constructor(private readonly ctcaeSoc: ReadonlyMap<string, string>) {}

  /** Treatment-emergent: onset not wholly before C1D1 (a partial onset date counts if it can be on or after C1D1). */
  add(subject: DatasetSubject, c1d1: number | undefined): void {
    this.patients += 1;
    // Without a first-dose date nothing is treatment-emergent (the analysis row leaves ae_* blank too).
    if (c1d1 === undefined) return;
    const aes = instancesOf(subject, 'ae')
      .filter((a) => {
        const onset = dateRange(a, 'ae_onset');
        return onset === undefined || onset.hi >= c1d1;
      })
      .map((a) => {
        const term = code(a, 'ae_term') ?? UNKNOWN;
        return { term, soc: this.ctcaeSoc.get(term) ?? code(a, 'ae_soc') ?? UNKNOWN, grade: num(a, 'ae_grade') };
      });
    if (aes.length === 0) return;
    this.events += aes.length;
    for (const [term, grade] of maxima(aes.map((a) => ({ key: a.term, grade: a.grade })))) {
      const entry = this.terms.get(term) ?? { soc: aes.find((a) => a.term === term)!.soc, tally: new Map() };
      bump(entry.tally, keyOf(grade));
      this.terms.set(term, entry);
    }
    for (const [soc, grade] of maxima(aes.map((a) => ({ key: a.soc, grade: a.grade })))) {
      const tally = this.socs.get(soc) ?? new Map();
      bump(tally, keyOf(grade));
      this.socs.set(soc, tally);
    }
    bump(this.overall, keyOf(maxima(aes.map((a) => ({ key: '*', grade: a.grade }))).get('*')));
  }

  result(lang: ReportLang, termLabel: (code: string) => string): AdverseEventSection {
    const counts = (tally: GradeTally): { any: number; grade3plus: number; by_max_grade: AeGradeCount[] } => {
      const by_max_grade = GRADE_KEYS.map((grade) => ({ grade, n: tally.get(grade) ?? 0 }));
      return {
        any: by_max_grade.reduce((n, g) => n + g.n, 0),
        grade3plus: by_max_grade.filter((g) => ['3', '4', '5'].includes(g.grade)).reduce((n, g) => n + g.n, 0),
        by_max_grade,
      };
    };
    const socLabel = (soc: string): string => {
      if (soc === UNKNOWN) return t(lang, 'unknown');
      return lang === 'it' ? (CTCAE_SOCS.find((s) => s.name === soc)?.it ?? soc) : soc;
    };
    const bySoc: AeSocRow[] = [...this.socs.entries()].map(([soc, tally]) => ({
      soc,
      soc_label: socLabel(soc),
      ...counts(tally),
      terms: [...this.terms.entries()]
        .filter(([, e]) => e.soc === soc)
        .map(([term, e]) => ({ term_code: term, term: term === UNKNOWN ? t(lang, 'unknown') : termLabel(term), ...counts(e.tally) }))
        .sort((a, b) => b.any - a.any || b.grade3plus - a.grade3plus || a.term.localeCompare(b.term)),
    }));
    bySoc.sort((a, b) => b.any - a.any || b.grade3plus - a.grade3plus || a.soc_label.localeCompare(b.soc_label));
    const overall = counts(this.overall);
    return { patients: this.patients, patients_any: overall.any, patients_grade3plus: overall.grade3plus, events: this.events, by_soc: bySoc };
  }
}
