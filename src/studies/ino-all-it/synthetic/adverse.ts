// Adverse events by CTCAE v5.0 term and grade within the collection window, including a fatal one for a treatment-related death.

import type { StudyCatalog } from './catalog';
import type { Ae, Cycle } from './course';
import type { Day } from './days';
import type { Rng, Weighted } from '../../../core/stats/random';
import { dosesOf } from './treatment';

type Kind = 'heme' | 'fn' | 'liver' | 'infection' | 'irr' | 'tls' | 'other';

interface TermSpec {
  readonly term: string;
  readonly p: number;
  readonly grades: Weighted<number>;
  readonly kind: Kind;
  readonly days: readonly [number, number];
  readonly ward?: readonly [number, number];
  readonly rel: string;
  readonly spec?: readonly string[];
}

const TERMS: readonly TermSpec[] = [
  { term: 'Febrile neutropenia', p: 0.28, grades: [[3, 0.88], [4, 0.12]], kind: 'fn', days: [3, 10], ward: [5, 12], rel: '3' },
  { term: 'Platelet count decreased', p: 0.38, grades: [[3, 0.4], [4, 0.6]], kind: 'heme', days: [7, 25], rel: '4' },
  { term: 'Neutrophil count decreased', p: 0.42, grades: [[3, 0.4], [4, 0.6]], kind: 'heme', days: [7, 21], rel: '4' },
  { term: 'Anemia', p: 0.28, grades: [[3, 0.92], [4, 0.08]], kind: 'heme', days: [7, 30], rel: '3' },
  { term: 'Aspartate aminotransferase increased', p: 0.14, grades: [[1, 0.5], [2, 0.25], [3, 0.2], [4, 0.05]], kind: 'liver', days: [7, 30], rel: '4' },
  { term: 'Alanine aminotransferase increased', p: 0.12, grades: [[1, 0.5], [2, 0.25], [3, 0.2], [4, 0.05]], kind: 'liver', days: [7, 30], rel: '4' },
  { term: 'Blood bilirubin increased', p: 0.1, grades: [[1, 0.35], [2, 0.35], [3, 0.25], [4, 0.05]], kind: 'liver', days: [7, 25], rel: '4' },
  { term: 'Sepsis', p: 0.08, grades: [[3, 0.6], [4, 0.4]], kind: 'infection', days: [7, 18], ward: [8, 20], rel: '2' },
  { term: 'Lung infection', p: 0.12, grades: [[2, 0.2], [3, 0.65], [4, 0.15]], kind: 'infection', days: [7, 21], ward: [6, 14], rel: '2' },
  { term: 'Catheter related infection', p: 0.05, grades: [[2, 0.4], [3, 0.6]], kind: 'infection', days: [5, 14], rel: '1' },
  { term: 'Urinary tract infection', p: 0.04, grades: [[2, 0.6], [3, 0.4]], kind: 'infection', days: [5, 10], rel: '1' },
  { term: 'Enterocolitis infectious', p: 0.03, grades: [[2, 0.5], [3, 0.5]], kind: 'infection', days: [5, 12], rel: '2' },
  {
    term: 'Infections and infestations - Other, specify',
    p: 0.03,
    grades: [[3, 0.8], [4, 0.2]],
    kind: 'infection',
    days: [10, 30],
    ward: [10, 20],
    rel: '2',
    spec: ['Invasive pulmonary aspergillosis', 'Candidaemia', 'CMV reactivation'],
  },
  { term: 'Infusion related reaction', p: 0.08, grades: [[1, 0.4], [2, 0.5], [3, 0.1]], kind: 'irr', days: [0, 1], rel: '5' },
  { term: 'Electrocardiogram QT corrected interval prolonged', p: 0.04, grades: [[1, 0.5], [2, 0.4], [3, 0.1]], kind: 'other', days: [3, 10], rel: '3' },
  { term: 'Epistaxis', p: 0.06, grades: [[1, 0.6], [2, 0.3], [3, 0.1]], kind: 'other', days: [1, 4], rel: '2' },
  { term: 'Intracranial hemorrhage', p: 0.008, grades: [[3, 0.6], [4, 0.4]], kind: 'other', days: [10, 40], ward: [10, 25], rel: '2' },
  { term: 'Tumor lysis syndrome', p: 0.02, grades: [[3, 1]], kind: 'tls', days: [3, 7], ward: [4, 8], rel: '3' },
  { term: 'Hypokalemia', p: 0.05, grades: [[3, 0.9], [4, 0.1]], kind: 'other', days: [2, 6], rel: '2' },
  { term: 'Fatigue', p: 0.03, grades: [[3, 1]], kind: 'other', days: [7, 30], rel: '3' },
  { term: 'Nausea', p: 0.02, grades: [[3, 1]], kind: 'other', days: [2, 5], rel: '3' },
  { term: 'Mucositis oral', p: 0.02, grades: [[3, 1]], kind: 'other', days: [5, 12], rel: '2' },
  { term: 'Lipase increased', p: 0.02, grades: [[3, 0.8], [4, 0.2]], kind: 'other', days: [5, 15], rel: '3' },
];

const FATAL_TERMS: Readonly<Record<string, readonly string[]>> = {
  '3': ['Sepsis', 'Lung infection', 'Febrile neutropenia'],
  '6': ['Intracranial hemorrhage'],
  '7': ['Multi-organ failure'],
};

export interface AeContext {
  readonly c1d1: Day;
  readonly cycles: readonly Cycle[];
  readonly lastDose: Day;
  /** First subsequent therapy (HSCT included), which closes the collection window. */
  readonly firstTherapy?: Day;
  readonly horizon: Day;
  readonly death?: { readonly day: Day; readonly cause: string };
}

function onsetFor(rng: Rng, spec: TermSpec, ctx: AeContext, windowEnd: Day): Day | undefined {
  const inWindow = (d: Day): Day | undefined => (d >= ctx.c1d1 && d <= windowEnd ? d : undefined);
  const cycle = rng.pick(ctx.cycles);
  switch (spec.kind) {
    case 'heme':
    case 'fn':
      return inWindow(cycle.start + rng.int(7, 25));
    case 'irr':
      return inWindow(rng.pick(dosesOf(cycle)).day);
    case 'tls':
      return inWindow(ctx.c1d1 + rng.int(1, 5));
    default:
      return windowEnd >= ctx.c1d1 ? rng.int(ctx.c1d1, windowEnd) : undefined;
  }
}

function seriousness(kind: Kind, grade: number): { serious: boolean; saeCrit?: string[] } {
  if (grade === 5) return { serious: true, saeCrit: ['1'] };
  if (grade >= 4) return { serious: true, saeCrit: kind === 'heme' || kind === 'liver' ? ['6'] : ['2', '3'] };
  if (grade === 3 && (kind === 'fn' || kind === 'infection' || kind === 'tls')) return { serious: true, saeCrit: ['3'] };
  if (grade === 3 && kind === 'irr') return { serious: true, saeCrit: ['6'] };
  return { serious: false };
}

export function generateAes(rng: Rng, catalog: StudyCatalog, ctx: AeContext, fixed: readonly Ae[]): Ae[] {
  const windowEnd = Math.min(ctx.lastDose + 42, (ctx.firstTherapy ?? Infinity) - 1, ctx.horizon);
  const out: Ae[] = [...fixed];
  for (const spec of TERMS) {
    if (!rng.bernoulli(spec.p)) continue;
    const onset = onsetFor(rng, spec, ctx, windowEnd);
    if (onset === undefined) continue;
    if (out.some((a) => a.term === spec.term && Math.abs(a.onset - onset) < 14)) continue;
    const exists = catalog.ctcae(spec.term).grades;
    const grade = rng.weighted(spec.grades.filter(([g]) => exists.includes(g)));
    const kind = spec.kind;
    const hospital = spec.ward && grade >= 3 ? { ward: rng.int(spec.ward[0], spec.ward[1]), ...(grade >= 4 && kind === 'infection' ? { icu: rng.int(3, 8) } : {}) } : {};
    const outcome = rng.weighted([['1', 0.94], ['2', kind === 'infection' ? 0.03 : 0], ['9', 0.03]]);
    out.push({
      term: spec.term,
      grade,
      onset,
      ...(outcome === '9' ? {} : { end: onset + rng.int(spec.days[0], spec.days[1]) }),
      outcome,
      ...seriousness(kind, grade),
      rel: spec.rel,
      ...(kind === 'heme' && rng.bernoulli(0.2) ? { relOther: ['1'] } : {}),
      action: onset <= ctx.lastDose ? '1' : '5',
      treated: kind === 'fn' || kind === 'infection' || kind === 'irr' || kind === 'tls' ? '1' : rng.bernoulli(0.4) ? '1' : '0',
      ...(spec.spec ? { otherSpec: rng.pick(spec.spec) } : {}),
      ...hospital,
    });
  }
  const death = ctx.death;
  const fatalTerms = death ? FATAL_TERMS[death.cause] : undefined;
  if (death && fatalTerms && death.day <= Math.min(ctx.lastDose + 42, (ctx.firstTherapy ?? Infinity) - 1)) {
    const term = rng.pick(fatalTerms);
    const onset = Math.max(ctx.c1d1, death.day - rng.int(2, 10));
    const kind: Kind = death.cause === '3' ? 'infection' : 'other';
    out.push({ term, grade: 5, onset, end: death.day, outcome: '4', ...seriousness(kind, 5), rel: '3', action: onset <= ctx.lastDose ? '1' : '5', treated: '1', ward: death.day - onset });
  }
  // Nothing after the end of follow-up: an AE still running then is "ongoing at last contact".
  for (const ae of out) {
    if (ae.grade < 5 && ae.end !== undefined && ae.end > ctx.horizon) {
      delete ae.end;
      ae.outcome = '3';
    }
  }
  return out.filter((a) => a.onset <= ctx.horizon).sort((a, b) => a.onset - b.onset || (a.sos ? 1 : 0) - (b.sos ? 1 : 0));
}
