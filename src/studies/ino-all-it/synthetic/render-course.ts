// Form data for F05–F12 (cycles, assessments, AEs, SOS/VOD, later therapy/HSCT, follow-up, resource use, end of study), links as sequence numbers.

import type { StudyCatalog } from './catalog';
import type { Ae, Assessment, Contact, Cycle, Outcome, Sos, Therapy } from './course';
import { iso, type Day } from './days';
import type { PlanData } from '../../../core/modules/patient-plan';
import type { Rng } from '../../../core/stats/random';
import type { RuRecord } from './resources';

export type Seq<T> = ReadonlyMap<T, number>;

export function renderIno(rng: Rng, c: Cycle, vials: number, aeSeq: Seq<Ae>, ph: boolean): PlanData {
  const data: PlanData = {
    cyc_no: c.no,
    cyc_start: iso(c.start),
    cyc_planned: c.planned,
    ...(c.weightKg !== undefined ? { cyc_weight_kg: c.weightKg } : {}),
    d1_dose_mg: c.d1,
    d8_dose_mg: c.d8?.mg ?? 0,
    ...(c.d8 ? { d8_date: iso(c.d8.day) } : {}),
    d15_dose_mg: c.d15?.mg ?? 0,
    ...(c.d15 ? { d15_date: iso(c.d15.day) } : {}),
    cyc_modif: [...c.modif],
    ...(c.modif[0] !== '0' && c.modifReason ? { cyc_modif_reason: c.modifReason } : {}),
    ...(c.modifAe ? { cyc_modif_ae_seq: aeSeq.get(c.modifAe)! } : {}),
    cyc_setting: c.setting,
    cyc_premed: c.premed,
    ...(c.cytored !== undefined ? { cyc_cytored: c.cytored } : {}),
    cyc_udca: c.udca,
    cyc_other_antileuk: c.otherAntileuk && c.otherAntileuk !== '0' ? '1' : '0',
    ...(c.otherAntileuk && c.otherAntileuk !== '0' ? { cyc_other_antileuk_spec: c.otherAntileuk } : {}),
    cyc_last: c.last ? '1' : '0',
    ...(c.stopReason ? { ino_stop_reason: c.stopReason } : {}),
    ...(c.stopAe ? { ino_stop_ae_seq: aeSeq.get(c.stopAe)! } : {}),
  };
  if (ph) {
    data.cyc_tki = c.tkiAgent ? '1' : '0';
    if (c.tkiAgent) data.cyc_tki_agent = c.tkiAgent;
  }
  if (rng.bernoulli(0.3)) data.cyc_it = rng.bernoulli(0.6) ? '1' : '0';
  if (c.labs) Object.assign(data, { cyc_plt_pre: c.labs.plt, cyc_anc_pre: c.labs.anc, cyc_bili_pre: c.labs.bili, cyc_alt_pre: c.labs.alt });
  if (rng.bernoulli(0.85)) data.ino_vials = vials;
  return data;
}

export function renderResp(a: Assessment): PlanData {
  const data: PlanData = {
    resp_date: iso(a.day),
    resp_timepoint: a.timepoint,
    ...(a.afterCycle !== undefined ? { resp_after_cycle: a.afterCycle } : {}),
    bm_done: a.bmBlasts !== undefined ? '1' : '0',
    ...(a.bmBlasts !== undefined ? { bm_blasts: a.bmBlasts } : {}),
    pb_blasts_present: a.pbBlasts ? '1' : '0',
    ...(a.anc !== undefined && (a.cat === '1' || a.cat === '2') ? { resp_anc: a.anc, resp_plt: a.plt! } : {}),
    resp_emd: a.emd,
    resp_cns: a.cns,
    resp_cat: a.cat,
    mrd_done: a.mrd ? '1' : '0',
  };
  if (a.mrd) {
    Object.assign(data, { mrd_method: a.mrd.method, mrd_sample: a.mrd.sample, mrd_result: a.mrd.result, mrd_sensitivity: a.mrd.sensitivity });
    if (a.mrd.value !== undefined) data.mrd_value = a.mrd.value;
    if (a.mrd.method === '3') data.mrd_unit_note = 'BCR::ABL1/ABL1 ratio as a fraction';
  }
  return data;
}

export function renderAe(rng: Rng, catalog: StudyCatalog, ae: Ae): PlanData {
  return {
    ae_term: catalog.ctcae(ae.term).code,
    ...(ae.otherSpec ? { ae_other_spec: ae.otherSpec } : {}),
    ae_grade: String(ae.grade),
    ae_onset: iso(ae.onset),
    ae_outcome: ae.outcome,
    ...(ae.end !== undefined && ['1', '2', '4'].includes(ae.outcome) ? { ae_end: iso(ae.end) } : {}),
    ae_serious: ae.serious ? '1' : '0',
    ...(ae.serious ? { ae_sae_crit: ae.saeCrit ?? ['6'] } : {}),
    ae_rel_ino: ae.rel,
    ...(ae.relOther ? { ae_rel_other: ae.relOther } : {}),
    ae_action_ino: ae.action,
    ...(ae.treated ? { ae_treated: ae.treated } : {}),
    ...(ae.serious && rng.bernoulli(0.3) ? { ae_pv_reported: rng.bernoulli(0.7) ? '1' : '0' } : {}),
  };
}

export function renderVod(s: Sos, aeSeq: Seq<Ae>, stSeq: Seq<Therapy>): PlanData {
  return {
    vod_ae_seq: aeSeq.get(s.ae)!,
    vod_dx_date: iso(s.dxDay),
    ...(s.firstSympt !== undefined ? { vod_first_sympt: iso(s.firstSympt) } : {}),
    vod_setting: s.setting,
    ...(s.setting === '2' && s.hsct ? { vod_hsct_st_seq: stSeq.get(s.hsct)! } : {}),
    vod_criteria: s.criteria,
    vod_signs: [...s.signs],
    vod_bili_max: s.bili,
    vod_bili_doubling: s.doubling,
    vod_transam_max_xuln: s.transam,
    vod_weight_base: s.weightBase,
    vod_weight_max: s.weightMax,
    vod_ascites: s.ascites,
    vod_hepatomegaly: s.hepatomegaly,
    vod_creat_ratio: s.creatRatio,
    vod_mod: s.mod ? '1' : '0',
    ...(s.mod ? { vod_mod_organs: [...s.modOrgans] } : {}),
    vod_ebmt_grade: s.ebmtGrade,
    vod_defib: s.defib ? '1' : '0',
    ...(s.defib ? { vod_defib_start: iso(s.defib.start), vod_defib_days: s.defib.days, vod_defib_dose: s.defib.dose } : {}),
    vod_other_tx: [...s.otherTx],
    vod_outcome: s.outcome,
    ...(s.resolDay !== undefined ? { vod_resol_date: iso(s.resolDay) } : {}),
  };
}

export function renderSt(t: Therapy): PlanData {
  const data: PlanData = { st_type: t.type, st_start: iso(t.start), ...(t.end !== undefined ? { st_end: iso(t.end) } : {}) };
  if (t.regimen) data.st_regimen = t.regimen;
  if (t.bestResp) data.st_best_resp = t.bestResp;
  const h = t.hsct;
  if (h) {
    Object.assign(data, {
      hsct_direct: h.direct ? '1' : '0',
      hsct_status: h.status,
      hsct_mrd: h.mrd,
      hsct_donor: h.donor,
      hsct_source: h.source,
      hsct_number: h.number,
      hsct_intensity: h.intensity,
      hsct_cond: [...h.cond].sort((a, b) => Number(a) - Number(b)),
      ...(h.tbiGy !== undefined ? { hsct_tbi_gy: h.tbiGy } : {}),
      hsct_gvhd_proph: [...h.gvhdProph].sort((a, b) => Number(a) - Number(b)),
      hsct_vod_proph: [...h.vodProph],
      hsct_graft_fail: h.graftFail ? '1' : '0',
      ...(h.graftFail ? {} : { hsct_engraft_date: h.engraftDay !== undefined ? iso(h.engraftDay) : { missing: 'NK' } }),
      agvhd_grade: h.agvhd,
      ...(h.agvhdDay !== undefined ? { agvhd_date: iso(h.agvhdDay) } : {}),
      cgvhd: h.cgvhd,
      ...(h.cgvhdDay !== undefined ? { cgvhd_date: iso(h.cgvhdDay) } : {}),
    });
  }
  return data;
}

export function renderContact(c: Contact): PlanData {
  return { fu_date: iso(c.day), fu_source: c.source, fu_vital: c.vital, ...(c.disease ? { fu_disease: c.disease } : {}) };
}

export function renderFu(rng: Rng, o: Outcome): PlanData {
  const dead = o.deathDay !== undefined;
  return {
    vital_status: dead ? '2' : o.lost ? '3' : '1',
    relapse_post_ino: o.relapseDay !== undefined ? '1' : '0',
    ...(o.relapseDay !== undefined ? { relapse_date: iso(o.relapseDay), relapse_site: [...o.relapseSite!], relapse_cd22: o.relapseCd22! } : {}),
    ...(o.relapseCd22Pct !== undefined ? { relapse_cd22_pct: o.relapseCd22Pct } : {}),
    ...(dead ? { death_date: iso(o.deathDay!), death_cause: o.deathCause! } : {}),
    ...(o.deathSpec ? { death_cause_spec: o.deathSpec } : {}),
    ...(dead && rng.bernoulli(0.8) ? { death_autopsy: rng.bernoulli(0.06) ? '1' : '0' } : {}),
  };
}

export function renderRu(r: RuRecord, aeSeq: Seq<Ae>): PlanData {
  return {
    ru_date: iso(r.day),
    ...(r.end !== undefined ? { ru_date_end: iso(r.end) } : {}),
    ru_category: r.category,
    ru_item: r.item,
    ...(r.itemOther ? { ru_item_other: r.itemOther } : {}),
    ru_quantity: r.quantity,
    ru_unit: r.unit,
    ru_unit_cost: r.unitCost,
    ru_cost_source: r.source,
    ru_price_year: r.priceYear,
    ru_phase: r.phase,
    ...(r.ae && aeSeq.has(r.ae) ? { ru_ae_seq: aeSeq.get(r.ae)! } : {}),
  };
}

export function renderEos(o: Outcome, eosDay: Day): PlanData {
  return { eos_date: iso(eosDay), eos_reason: o.deathDay !== undefined ? '2' : o.lost ? '3' : '1', pi_signoff: '1' };
}
