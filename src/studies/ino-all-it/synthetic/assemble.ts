// Glue for generatePatient: AE window, enrolment and legal basis, soft-check overrides with reasons, and the facts of the course.

import type { AeContext } from './adverse';
import type { Baseline, History, Therapy } from './course';
import { iso, type Day } from './days';
import type { SoftCase } from './decisions';
import type { AfterTreatment } from './outcome';
import type { PatientFacts } from './facts';
import type { SaveDraft } from './quality';
import type { Rng } from '../../../core/stats/random';
import type { Enrolment } from './render-baseline';
import type { Treatment, TreatmentDecisions } from './treatment';

export function adverseContext(b: Baseline, t: Treatment, after: AfterTreatment): AeContext {
  const firstTherapy = after.therapies.length > 0 ? Math.min(...after.therapies.map((s) => s.start)) : undefined;
  const o = after.outcome;
  return {
    c1d1: b.c1d1,
    cycles: t.cycles,
    lastDose: t.lastDose,
    ...(firstTherapy !== undefined ? { firstTherapy } : {}),
    horizon: after.horizon,
    ...(o.deathDay !== undefined ? { death: { day: o.deathDay, cause: o.deathCause! } } : {}),
  };
}

/** Registration after the EC approval (and usually after treatment); consent if alive and reachable, else a waiver. */
export function enrolmentOf(rng: Rng, b: Baseline, after: AfterTreatment, approval: Day, cutoff: Day): Enrolment {
  let reg = Math.max(approval + rng.int(5, 60), b.c1d1 + rng.int(20, 120));
  if (reg > cutoff) reg = Math.max(approval + 1, cutoff - rng.int(0, 20));
  const o = after.outcome;
  if (o.deathDay !== undefined && o.deathDay <= reg) return { approvalDay: approval, registrationDay: reg, basis: '2' };
  if ((o.lost && after.horizon <= reg) || rng.bernoulli(0.03)) return { approvalDay: approval, registrationDay: reg, basis: '3' };
  return { approvalDay: approval, registrationDay: reg, basis: '1', consentDay: Math.max(approval, reg - rng.int(0, 14)) };
}

const REASONS: Readonly<Record<string, readonly string[]>> = {
  EC10: ['CD22 dim at relapse (<20%); inotuzumab given on investigator judgement within the compassionate-use programme'],
  EC08: ['Chart BSA calculated on adjusted body weight per institutional policy; doses verified with the pharmacy'],
  EC22: ['Cycle start postponed for drug supply / patient logistics; interval confirmed in the source record'],
  EC24b: ['Day-8 dose postponed to day 10 (public holiday); day 15 kept at least 6 days later'],
  EC66: ['Bed-days taken from the hospital discharge record, which counts the admission day'],
  EC30: ['Third cycle given to reach MRD negativity before transplant (label allows up to 3 cycles)'],
};

export interface SoftContext {
  readonly softCase: SoftCase | undefined;
  readonly decisions: TreatmentDecisions;
  readonly cycles: number;
  readonly therapies: readonly Therapy[];
  readonly lastDose: Day;
}

/** Attaches override reasons to the saves whose soft checks fail by design; returns the check ids. */
export function softOverrides(rng: Rng, saves: SaveDraft[], ctx: SoftContext): string[] {
  const ids: string[] = [];
  const override = (save: SaveDraft | undefined, id: string): void => {
    if (!save) return;
    save.overrides = { ...save.overrides, [id]: rng.pick(REASONS[id]!) };
    ids.push(id);
  };
  const cycle = (no: number | undefined): SaveDraft | undefined => (no === undefined || no > ctx.cycles ? undefined : saves.find((s) => s.form === 'ino' && s.data.cyc_no === no));
  switch (ctx.softCase) {
    case 'EC10':
      override(saves.find((s) => s.form === 'dx'), 'EC10');
      break;
    case 'EC08':
      override(saves.find((s) => s.form === 'dm'), 'EC08');
      break;
    case 'EC22':
      override(cycle(ctx.decisions.longDelayCycle), 'EC22');
      break;
    case 'EC24b':
      override(cycle(ctx.decisions.lateDay8Cycle), 'EC24b');
      break;
    case 'EC66': {
      const stay = saves.find((s) => s.form === 'ru' && s.data.ru_item === 'BED_HAEM' && typeof s.data.ru_quantity === 'number');
      if (stay) {
        stay.data.ru_quantity = (stay.data.ru_quantity as number) + 1;
        override(stay, 'EC66');
      }
      break;
    }
    default:
      break;
  }
  const direct = ctx.therapies.find((s) => s.hsct?.direct);
  if (direct && ctx.cycles > 2) override(saves.find((s) => s.form === 'st' && s.data.st_start === iso(direct.start)), 'EC30');
  return ids;
}

export interface FactsInput {
  readonly b: Baseline;
  readonly history: History;
  readonly t: Treatment;
  readonly after: AfterTreatment;
  readonly overridden: readonly string[];
  readonly incomplete: boolean;
  readonly cycles: number;
  readonly quality: PatientFacts['quality'];
}

export function factsOf(x: FactsInput): PatientFacts {
  const { b, history, t, after } = x;
  const o = after.outcome;
  const direct = after.therapies.some((s) => s.hsct?.direct);
  return {
    sex: b.female ? 'F' : 'M',
    ageAtFirstDose: Math.floor(b.age),
    ph: b.ph,
    salvageLine: history.salvageLine,
    priorLines: history.lines.length,
    priorAlloHsct: history.priorAllo,
    c1d1: iso(b.c1d1),
    cycles: x.cycles,
    bestResponse: t.bestResponse,
    mrdNegative: [...t.assessments, ...after.assessments].some((a) => a.mrd?.result === '1' && a.mrd.sensitivity <= 1e-4 && (a.cat === '1' || a.cat === '2')),
    hsctAfterIno: after.therapies.some((s) => s.type === '1'),
    directHsct: direct,
    sos: after.sos !== undefined,
    sosAfterHsct: after.sos?.setting === '2',
    sosGrade: after.sos ? after.sos.ae.grade : null,
    relapse: o.relapseDay !== undefined,
    dead: o.deathDay !== undefined,
    deathCause: o.deathCause ?? null,
    lostToFollowUp: o.lost,
    osDays: (o.deathDay ?? after.horizon) - b.c1d1,
    softOverrides: x.overridden,
    incomplete: x.incomplete,
    quality: { ...x.quality },
  };
}
