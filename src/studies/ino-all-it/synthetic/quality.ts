// Imperfections of retrospective data: partial dates and NK/ND where no check breaks, corrections with reasons, partly entered patients.

import { day, endOfMonth, type Day } from './days';
import type { MissingCode, PlanData, PlannedEdit } from '../../../core/modules/patient-plan';
import type { Rng } from '../../../core/stats/random';

export interface SaveDraft {
  form: string;
  data: PlanData;
  complete: boolean;
  completeLater?: boolean;
  overrides?: Record<string, string>;
  edits?: PlannedEdit[];
  by?: 'data_entry' | 'investigator';
  subjectIdField?: string;
}

const SOS_CODE = '10063675';

/** Partial-date fields; `year` when a year alone is acceptable, `imputed` when last_contact_date imputes them. */
const PARTIAL: Readonly<Record<string, readonly { field: string; year: boolean; imputed: boolean }[]>> = {
  dx: [
    { field: 'dx_date', year: false, imputed: false },
    { field: 'cd22_date', year: true, imputed: false },
    { field: 'cr1_date', year: true, imputed: false },
    { field: 'relapse1_date', year: true, imputed: false },
    { field: 'relapse_pre_ino_date', year: false, imputed: false },
  ],
  pt: [
    { field: 'pt_start', year: true, imputed: false },
    { field: 'pt_end', year: false, imputed: false },
    { field: 'pt_relapse_date', year: false, imputed: false },
    { field: 'pt_cart_date', year: false, imputed: false },
  ],
  ae: [
    { field: 'ae_onset', year: false, imputed: true },
    { field: 'ae_end', year: false, imputed: true },
  ],
  st: [{ field: 'st_end', year: false, imputed: true }],
};

/** Fields that may carry a missing-data reason without hiding, clearing or deciding anything else. */
const MISSABLE: Readonly<Record<string, readonly (readonly [string, MissingCode])[]>> = {
  dm: [['ecog', 'NK'], ['hb', 'ND'], ['pb_blasts_pct', 'ND'], ['bili_uln', 'NK'], ['ast_uln', 'NK'], ['alt_uln', 'NK'], ['creatinine', 'ND'], ['hbv_status', 'NK']],
  dx: [
    ['immunophenotype', 'NK'], ['cd22_timepoint', 'NK'], ['cd22_date', 'NK'], ['kmt2a_r', 'NK'], ['ph_like', 'NK'], ['tp53', 'NK'], ['karyo_result', 'NK'],
    ['karyo_complex', 'NK'], ['cns_dx', 'NK'], ['emd_dx', 'NK'], ['relapse_pre_ino_date', 'NK'],
  ],
  pt: [['pt_best_mrd', 'NK'], ['pt_blina_cycles', 'NK'], ['pt_hsct_donor', 'NK'], ['pt_hsct_intensity', 'NK']],
  ino: [['cyc_udca', 'NK'], ['cyc_premed', 'NK'], ['cyc_setting', 'NK']],
  resp: [['mrd_sensitivity', 'NK'], ['resp_cns', 'NK'], ['resp_emd', 'NK']],
  ae: [['ae_rel_ino', 'NK'], ['ae_treated', 'NK']],
  vod: [['vod_bili_doubling', 'NK']],
  st: [['hsct_mrd', 'NK'], ['hsct_donor', 'NK'], ['hsct_source', 'NK'], ['hsct_intensity', 'NK'], ['st_best_resp', 'NK']],
  fu_contact: [['fu_disease', 'NK']],
  fu: [['relapse_cd22', 'NK'], ['relapse_site', 'NK'], ['death_autopsy', 'NK']],
};

/** Values whose absence would hide or change a dependent field or a derived flag. */
function missable(form: string, field: string, data: PlanData): boolean {
  if (data[field] === undefined || (typeof data[field] === 'object' && !Array.isArray(data[field]))) return false;
  if (form === 'dx' && field === 'kmt2a_r') return data.kmt2a_r !== '1';
  if (form === 'dx' && field === 'tp53') return data.tp53_vaf === undefined;
  if (form === 'dx' && field === 'karyo_result') return data.karyo_result !== '2' && data.karyo_iscn === undefined;
  if (form === 'resp' && field === 'mrd_sensitivity') return data.mrd_result !== '1';
  if (form === 'dx' && field === 'ph_like') return data.ph_like === '8' || data.ph_like === '9';
  return true;
}

export interface QualityStats {
  partialEligible: number;
  partial: number;
  missingEligible: number;
  missing: number;
}

export function applyPartialDates(rng: Rng, saves: SaveDraft[], eosDay: Day, share: number, stats: QualityStats): void {
  for (const save of saves) {
    for (const spec of PARTIAL[save.form] ?? []) {
      const value = save.data[spec.field];
      if (typeof value !== 'string' || value.length !== 10) continue;
      if (save.form === 'ae' && (save.data.ae_term === SOS_CODE || (spec.field === 'ae_end' && save.data.ae_grade === '5'))) continue;
      if (spec.imputed && endOfMonth(day(value)) >= eosDay) continue;
      stats.partialEligible += 1;
      if (!rng.bernoulli(share)) continue;
      save.data[spec.field] = spec.year && rng.bernoulli(0.15) ? value.slice(0, 4) : value.slice(0, 7);
      stats.partial += 1;
    }
  }
}

export function applyMissing(rng: Rng, saves: SaveDraft[], share: number, stats: QualityStats): void {
  for (const save of saves) {
    for (const [field, code] of MISSABLE[save.form] ?? []) {
      if (!missable(save.form, field, save.data)) continue;
      stats.missingEligible += 1;
      if (!rng.bernoulli(share)) continue;
      save.data[field] = { missing: code };
      stats.missing += 1;
    }
  }
}

const REASONS = [
  'Transcription error corrected against the source document',
  'Corrected after source data verification (monitor query)',
  'Value updated from the laboratory report',
];

function other(rng: Rng, value: string, codes: readonly string[]): string {
  return rng.pick(codes.filter((c) => c !== value));
}

/** One or two corrections of completed forms: the first save holds a wrong value, the edit the right one. */
export function applyEdits(rng: Rng, saves: SaveDraft[]): number {
  const candidates: { save: SaveDraft; field: string; wrong: string | number }[] = [];
  const first = (form: string): SaveDraft | undefined => saves.find((s) => s.form === form && s.complete);
  const dm = first('dm');
  if (dm && typeof dm.data.hb === 'number') candidates.push({ save: dm, field: 'hb', wrong: Number(Math.min(19, Math.max(4, dm.data.hb + rng.pick([-1.5, 1.2, 2]))).toFixed(1)) });
  if (dm && typeof dm.data.wbc === 'number' && dm.data.wbc * 10 <= 500) candidates.push({ save: dm, field: 'wbc', wrong: Number((dm.data.wbc * 10).toFixed(2)) });
  if (dm && typeof dm.data.ecog === 'string') candidates.push({ save: dm, field: 'ecog', wrong: other(rng, dm.data.ecog, ['0', '1', '2']) });
  const ae = first('ae');
  if (ae && typeof ae.data.ae_rel_ino === 'string' && ae.data.ae_term !== SOS_CODE) candidates.push({ save: ae, field: 'ae_rel_ino', wrong: other(rng, ae.data.ae_rel_ino, ['2', '3', '4']) });
  const contact = first('fu_contact');
  if (contact && typeof contact.data.fu_source === 'string') candidates.push({ save: contact, field: 'fu_source', wrong: other(rng, contact.data.fu_source, ['1', '2', '3']) });
  const ino = first('ino');
  if (ino && ino.data.cyc_premed === '1') candidates.push({ save: ino, field: 'cyc_premed', wrong: '0' });
  const chosen = rng.sample(candidates, Math.min(candidates.length, rng.int(1, 2)));
  for (const { save, field, wrong } of chosen) {
    const right = save.data[field]!;
    save.data[field] = wrong;
    save.edits = [...(save.edits ?? []), { data: { [field]: right }, reason: rng.pick(REASONS) }];
  }
  return chosen.length;
}

/** A patient still being entered: no end-of-study form, follow-up summary and the last resource item as drafts. */
export function leaveIncomplete(saves: SaveDraft[]): SaveDraft[] {
  const out = saves.filter((s) => s.form !== 'eos');
  const fu = out.find((s) => s.form === 'fu');
  if (fu) {
    fu.complete = false;
    for (const f of ['vital_status', 'death_date', 'death_cause', 'death_cause_spec', 'death_autopsy']) delete fu.data[f];
  }
  const ru = [...out].reverse().find((s) => s.form === 'ru');
  if (ru) {
    ru.complete = false;
    delete ru.data.ru_unit_cost;
  }
  for (const s of out) if (!s.complete) delete s.edits;
  return out;
}
