// Form data for F01 eligibility/consent, F02 demographics and baseline, F03 diagnosis and biology, F04 prior lines.

import type { Baseline, History, Line } from './course';
import { iso, type Day } from './days';
import type { PlanData } from '../../../core/modules/patient-plan';
import type { Rng } from '../../../core/stats/random';

const r1 = (x: number): number => Number(x.toFixed(1));
const r2 = (x: number): number => Number(x.toFixed(2));

export interface Enrolment {
  readonly approvalDay: Day;
  readonly registrationDay: Day;
  /** 1 consent, 2 deceased (waiver), 3 not reachable (waiver). */
  readonly basis: '1' | '2' | '3';
  readonly consentDay?: Day;
}

export function renderElig(rng: Rng, e: Enrolment): PlanData {
  const data: PlanData = {
    registration_date: iso(e.registrationDay),
    incl_age18: '1',
    incl_cd22_ball: '1',
    incl_ino_cu: '1',
    incl_records: '1',
    excl_trial_only: '0',
    data_basis: e.basis,
  };
  if (e.basis === '1') {
    data.consent_date = iso(e.consentDay!);
    // The latest consent-form version issued on or before the consent date.
    const versions: [string, Day][] = [['v1.0', e.approvalDay - 30], ['v1.1', e.approvalDay + 50], ['v2.0', e.approvalDay + 240]];
    const [name, issued] = versions.filter(([, d]) => d <= e.consentDay!).at(-1)!;
    data.consent_version = `${name} of ${iso(issued)}`;
    data.privacy_notice = '1';
  }
  if (e.basis === '3') data.waiver_efforts_doc = '1';
  return data;
}

export function renderDm(rng: Rng, b: Baseline, h: History, chartBsa: number | undefined): PlanData {
  const data: PlanData = {
    sex: b.female ? '2' : '1',
    birth_year: Number(iso(b.birthDay).slice(0, 4)),
    height_cm: b.heightCm,
    weight_kg: b.weightKg,
    ...(chartBsa !== undefined ? { bsa_chart_m2: chartBsa } : {}),
    ecog: b.ecog,
    baseline_date: iso(b.c1d1 - rng.int(0, 7)),
    comorb_any: b.comorbidities.length > 0 ? '1' : '0',
    ...(b.comorbidities.length > 0 ? { comorbidities: b.comorbidities } : {}),
    ...(b.comorbOther ? { comorb_other: b.comorbOther } : {}),
    prior_allo_hsct: h.priorAllo ? '1' : '0',
    wbc: b.wbc,
    anc: b.anc,
    plt: b.plt,
    pb_blasts_pct: b.pbBlastsPct,
    bm_blasts_pct: b.bmBlastsPct,
    bm_blasts_date: iso(b.c1d1 - rng.int(1, 14)),
    bili_total: b.biliTotal,
    bili_uln: b.biliUln,
    ast: b.ast,
    alt: b.alt,
    ast_uln: b.astUln,
    alt_uln: b.altUln,
    creatinine: b.creatinine,
  };
  if (rng.bernoulli(0.9)) data.hb = b.hb;
  if (rng.bernoulli(0.85)) data.hbv_status = b.hbv;
  return data;
}

/** The chart BSA: the computed one within ±2% (or off by 12–18% for the EC08 case), sometimes not recorded. */
export function chartBsaOf(rng: Rng, bsa: number, offending: boolean): number | undefined {
  if (offending) return r2(bsa * rng.uniform(0.82, 0.88));
  return rng.bernoulli(0.8) ? r2(bsa * rng.uniform(0.985, 1.015)) : undefined;
}

function karyotype(rng: Rng, b: Baseline, kmt2a: string): PlanData {
  const xy = b.female ? 'XX' : 'XY';
  const result = b.ph === 'pos' || kmt2a === '1' ? rng.weighted([['2', 0.9], ['3', 0.1]]) : rng.weighted([['1', 0.28], ['2', 0.5], ['3', 0.1], ['8', 0.09], ['9', 0.03]]);
  const data: PlanData = { karyo_result: result };
  if (result === '2') {
    data.karyo_ploidy = rng.weighted([['4', 0.65], ['5', 0.1], ['2', 0.08], ['3', 0.05], ['1', 0.02], ['6', 0.03], ['9', 0.07]]);
    data.karyo_complex = rng.weighted([['0', 0.75], ['1', 0.2], ['9', 0.05]]);
    if (b.ph === 'pos') data.karyo_iscn = `46,${xy},t(9;22)(q34;q11.2)[${rng.int(12, 20)}]`;
    else if (kmt2a === '1') data.karyo_iscn = `46,${xy},t(4;11)(q21;q23)[${rng.int(12, 20)}]`;
  } else if (result === '1' && rng.bernoulli(0.5)) data.karyo_iscn = `46,${xy}[20]`;
  return data;
}

export function renderDx(rng: Rng, b: Baseline, h: History, lowCd22: boolean): PlanData {
  const ph = b.ph === 'pos' ? '1' : b.ph === 'neg' ? '2' : '9';
  const kmt2a = ph === '2' ? rng.weighted([['1', 0.08], ['0', 0.72], ['8', 0.17], ['9', 0.03]]) : rng.weighted([['0', 0.6], ['8', 0.4]]);
  const atRelapse = rng.bernoulli(0.8);
  const data: PlanData = {
    dx_date: iso(h.dxDay),
    immunophenotype: rng.weighted([['2', 0.6], ['3', 0.25], ['1', 0.12], ['9', 0.03]]),
    cd22_pct: lowCd22 ? r1(rng.uniform(8, 18)) : r1(100 * Math.min(1, Math.max(0.22, rng.normal(0.88, 0.12)))),
    cd22_date: iso(atRelapse ? Math.min(b.c1d1 - 1, h.eventDay + rng.int(0, 10)) : h.dxDay),
    cd22_timepoint: atRelapse ? '2' : '1',
    ph_status: ph,
    kmt2a_r: kmt2a,
    ...(kmt2a === '1' ? { kmt2a_partner: rng.weighted([['1', 0.7], ['2', 0.25], ['9', 0.05]]) } : {}),
    ...karyotype(rng, b, kmt2a),
  };
  if (ph === '1') {
    data.bcr_abl1_transcript = rng.weighted([['1', 0.7], ['2', 0.22], ['3', 0.05], ['9', 0.03]]);
    data.abl1_kd_mut = rng.weighted([['0', 0.55], ['1', 0.15], ['2', 0.05], ['8', 0.2], ['9', 0.05]]);
    if (data.abl1_kd_mut === '2') data.abl1_kd_mut_spec = rng.pick(['p.E255K', 'p.Y253H', 'p.F317L', 'p.E459K']);
  }
  data.ph_like = ph === '2' ? rng.weighted([['1', 0.15], ['0', 0.35], ['8', 0.45], ['9', 0.05]]) : '8';
  if (data.ph_like === '0' || data.ph_like === '1') data.ph_like_method = [rng.weighted([['1', 0.5], ['2', 0.3], ['3', 0.2]])];
  if (data.ph_like === '1') data.ph_like_lesion = [rng.weighted([['1', 0.5], ['2', 0.15], ['3', 0.15], ['9', 0.2]])];
  const lesions = rng.weighted([['88', 0.4], ['0', 0.2], ['some', 0.4]]);
  data.other_lesions =
    lesions === 'some' ? [...new Set([rng.weighted([['10', 0.35], ['12', 0.3], ['13', 0.15], ['11', 0.1], ['4', 0.05], ['7', 0.05]]), ...(rng.bernoulli(0.3) ? ['12'] : [])])].sort((x, y) => Number(x) - Number(y)) : [lesions];
  data.tp53 = rng.weighted([['8', 0.4], ['0', 0.45], ['1', 0.07], ['2', 0.04], ['3', 0.04]]);
  if ((data.tp53 === '1' || data.tp53 === '3') && rng.bernoulli(0.6)) data.tp53_vaf = r1(rng.uniform(5, 80));
  data.cns_dx = rng.weighted([['1', 0.85], ['2', 0.04], ['3', 0.06], ['9', 0.05]]);
  data.emd_dx = rng.weighted([['0', 0.86], ['1', 0.11], ['9', 0.03]]);
  if (h.cr1Day !== undefined) data.cr1_date = iso(h.cr1Day);
  if (h.relapse1Day !== undefined) data.relapse1_date = iso(h.relapse1Day);
  data.status_pre_ino = h.status;
  data.salvage_line = h.salvageLine;
  data.relapse_pre_ino_date = iso(h.eventDay);
  data.cns_pre_ino = b.cnsPreIno ? '1' : '0';
  data.emd_pre_ino = b.emdPreIno.length > 0 ? '1' : '0';
  if (b.emdPreIno.length > 0) data.emd_sites = [...b.emdPreIno];
  return data;
}

export function renderPt(rng: Rng, l: Line): PlanData {
  const data: PlanData = {
    pt_intent: l.intent,
    pt_regimen_cat: l.regimenCat,
    ...(rng.bernoulli(0.85) ? { pt_regimen_name: l.regimenName } : {}),
    pt_start: iso(l.start),
    pt_end: iso(l.end),
    pt_best_resp: l.bestResp,
    ...(l.bestMrd ? { pt_best_mrd: l.bestMrd } : {}),
    ...(l.relapseDay !== undefined ? { pt_relapse_date: iso(l.relapseDay) } : {}),
    pt_tki: l.tkiAgents ? '1' : '0',
    ...(l.tkiAgents ? { pt_tki_agent: [...l.tkiAgents] } : {}),
    pt_blina: l.blinaCycles !== undefined ? '1' : '0',
    ...(l.blinaCycles !== undefined ? { pt_blina_cycles: l.blinaCycles } : {}),
    pt_cart: l.cart ? '1' : '0',
    ...(l.cart ? { pt_cart_product: l.cart.product, pt_cart_date: iso(l.cart.day) } : {}),
    pt_hsct: l.hsct ? '1' : '0',
    pt_end_reason: l.endReason,
  };
  if (l.hsct) {
    data.pt_hsct_date = iso(l.hsct.day);
    data.pt_hsct_donor = l.hsct.donor;
    data.pt_hsct_intensity = l.hsct.intensity;
    data.pt_hsct_cond = [...l.hsct.cond].sort((a, b) => Number(a) - Number(b));
  }
  return data;
}
