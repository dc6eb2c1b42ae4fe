// deriveSubject: one analysis row (the derived endpoints of crf-spec §4) from one dataset subject.

import { isoFromDay, parseIsoDate } from '../../../shared/dates/partial-date';
import type { DatasetSubject } from '../../../core/dataset/dataset';
import { ANALYSIS_COLUMN_NAMES } from './columns';
import { COST_CATEGORIES, COST_PHASES, deriveCosts, inotuzumabListCost } from './costs';
import { DAYS_PER_MONTH, deriveDemographics } from './demographics';
import { deriveDosing } from './dosing';
import { deriveFollowUp } from './follow-up';
import { deriveResponse } from './response';
import { deriveAes, deriveSos } from './safety';
import { CTCAE_SOCS, socColumn } from './soc';
import { code, num, round, singleOf } from '../../../core/analysis/subject-view';
import { durationOfResponse, eventFreeSurvival, nonRelapseMortality, overallSurvival, type TimeToEvent } from './time-to-event';
import { firstHsctAfter, firstNonHsctTherapyAfter } from './transplant';
import type { AnalysisRow, AnalysisValue } from '../../../core/modules/analysis';
import type { AnalysisContext } from './types';

type Values = Record<string, AnalysisValue>;

const v = <T extends number | string>(x: T | undefined | null): T | null => (x === undefined ? null : x);
const iso = (d: number | undefined): string | null => (d === undefined ? null : isoFromDay(d));
const codeNum = (x: string | undefined): number | null => (x === undefined || !Number.isFinite(Number(x)) ? null : Number(x));

function tte(prefix: string, t: TimeToEvent | undefined, statusName = 'event'): Values {
  return { [`${prefix}_days`]: t?.days ?? null, [`${prefix}_${statusName}`]: t?.status ?? null };
}

/** Orders the values as ANALYSIS_COLUMNS and fails loudly if the two ever disagree. */
const NAMES = new Set(ANALYSIS_COLUMN_NAMES);

function toRow(values: Values): AnalysisRow {
  const extra = Object.keys(values).filter((k) => !NAMES.has(k));
  const absent = ANALYSIS_COLUMN_NAMES.filter((k) => !Object.hasOwn(values, k));
  if (extra.length > 0 || absent.length > 0) throw new Error(`analysis columns out of step: extra ${extra.join(',')}; absent ${absent.join(',')}`);
  return Object.fromEntries(ANALYSIS_COLUMN_NAMES.map((k) => [k, values[k]!]));
}

export function deriveSubject(subject: DatasetSubject, ctx: AnalysisContext): AnalysisRow {
  const cutoff = ctx.params.data_cutoff ? parseIsoDate(ctx.params.data_cutoff) : undefined;
  if (ctx.params.data_cutoff && cutoff === undefined) throw new Error(`data_cutoff is not a full ISO date: ${ctx.params.data_cutoff}`);
  const dosing = deriveDosing(subject, ctx.params.vial_mg_deliverable, ctx.params.vial_sharing === 1, ctx.params.bsa_dose_decimals);
  const { c1d1, lastDose } = dosing;
  const demo = deriveDemographics(subject, c1d1);
  const fu = deriveFollowUp(subject);
  const dx = singleOf(subject, 'dx');
  const treatedFrom = c1d1 !== undefined && lastDose !== undefined ? { c1d1, lastDose } : undefined;
  const response = treatedFrom ? deriveResponse(subject, treatedFrom.c1d1, treatedFrom.lastDose) : undefined;
  const hsct = c1d1 === undefined ? undefined : firstHsctAfter(subject, c1d1);
  const sos = deriveSos(subject, c1d1, hsct?.day, fu, cutoff);
  const aes = c1d1 === undefined ? undefined : deriveAes(subject, c1d1, ctx.ctcaeSoc);
  const costs = deriveCosts(subject, ctx.unitCosts, ctx.priceIndex);
  const listB = inotuzumabListCost(dosing.vials, ctx.unitCosts, ctx.priceIndex);
  const fuDays = c1d1 !== undefined && fu.lastContact !== undefined ? fu.lastContact - c1d1 : undefined;
  const firstCr = response?.firstCrDay;
  const dor = response ? durationOfResponse(response, fu, cutoff) : undefined;
  const newTherapy = firstCr === undefined ? undefined : firstNonHsctTherapyAfter(subject, firstCr);
  const dorSens = response ? durationOfResponse(response, fu, cutoff, newTherapy) : undefined;

  const values: Values = {
    subject_id: subject.id,
    site_id: subject.siteId,
    eligible: v(demo.eligible),
    treated: dosing.treated ? 1 : 0,
    sex: codeNum(code(singleOf(subject, 'dm'), 'sex')),
    age_dx: v(demo.ageDx),
    age_first_dose: v(demo.ageFirstDose),
    age_imputed: v(demo.ageImputed),
    ph_status: codeNum(code(dx, 'ph_status')),
    salvage_line: v(num(dx, 'salvage_line')),
    cr1_duration_months: round(demo.cr1Months, 2),
    cr1_lt12: demo.cr1Months === undefined ? null : demo.cr1Months < 12 ? 1 : 0,
    c1d1_date: iso(c1d1),
    bsa_m2: round(dosing.bsa, 2),
    bmi: round(dosing.bmi, 1),
    n_cycles: dosing.nCycles,
    n_doses: dosing.nDoses,
    cum_dose_mg: round(dosing.cumMg, 3),
    cum_dose_mg_m2: round(dosing.cumMgM2, 3),
    rdi: round(dosing.rdi, 1),
    vials: round(dosing.vials, 2),
    vials_calc: round(dosing.vialsCalc, 2),
    last_dose_date: iso(lastDose),
    ino_duration_days: c1d1 !== undefined && lastDose !== undefined ? lastDose - c1d1 + 1 : null,
    resp_window_end_date: iso(response?.windowEnd),
    best_resp_ino: v(response?.best),
    crcri: v(response?.crcri),
    first_crcri_date: iso(firstCr),
    ttr_days: firstCr !== undefined && c1d1 !== undefined ? firstCr - c1d1 : null,
    best_mrd_neg_1e4: v(response?.mrdNeg),
    mrd_neg_crcri: v(response?.mrdNegCrcri),
    ...tte('dor', dor),
    ...tte('dor_sens', dorSens),
    hsct_after_ino: hsct ? (hsct.day !== undefined ? 1 : 0) : null,
    hsct_date: iso(hsct?.day),
    hsct_direct: v(hsct?.direct),
    days_lastdose_to_hsct: hsct?.day !== undefined && lastDose !== undefined ? hsct.day - lastDose : null,
    last_contact_date: iso(fu.lastContact),
    ...tte('os', c1d1 === undefined ? undefined : overallSurvival(c1d1, fu, cutoff)),
    ...tte('efs', c1d1 === undefined || !response ? undefined : eventFreeSurvival(c1d1, response, fu, cutoff)),
    ...tte('nrm', c1d1 === undefined ? undefined : nonRelapseMortality(c1d1, fu, cutoff), 'status'),
    ...tte('nrm_hsct', hsct?.day === undefined ? undefined : nonRelapseMortality(hsct.day, fu, cutoff), 'status'),
    vod_flag: sos.flag,
    // Not vod_status: that name is the F08 form status in vod.csv.
    ...tte('vod', sos.fromC1d1, 'ci_status'),
    ...tte('vod_hsct', sos.fromHsct, 'status'),
    vod_ebmt_grade_max: v(sos.ebmtMax),
    vod_ctcae_grade_max: v(sos.ctcaeMax),
    ae_n: v(aes?.n),
    ae_n_grade3plus: v(aes?.nGrade3plus),
    ae_max_grade: aes ? aes.maxGrade : null,
    ...Object.fromEntries(CTCAE_SOCS.map((soc) => [socColumn(soc), aes ? (aes.bySoc.get(soc.name) ?? null) : null])),
    ...Object.fromEntries(COST_CATEGORIES.map((c) => [`cost_cat_${c}`, round(costs.byCategory.get(c), 2)])),
    ...Object.fromEntries(COST_PHASES.map((p) => [`cost_phase_${p}`, round(costs.byPhase.get(p), 2)])),
    cost_total: round(costs.total, 2),
    cost_n_unvalued: costs.unvalued,
    cost_ino_list_b: round(listB, 2),
    cost_total_b: listB === undefined ? null : round(costs.total - costs.byCategory.get('1')! + listB, 2),
    cost_per_month_fu: fuDays !== undefined && fuDays > 0 ? round(costs.total / (fuDays / DAYS_PER_MONTH), 2) : null,
  };
  return toRow(values);
}
