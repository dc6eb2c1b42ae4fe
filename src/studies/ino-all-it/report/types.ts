// The numbers of the ino-all-it report sections (baseline, response, survival, adverse events, SOS/VOD, costs), as
// kept in report.json beside their blocks.

import type { CifStep } from '../../../core/stats/aalen-johansen';
import type { NumericSummary } from '../../../core/stats/descriptive';

/** Analysis groups: everyone, and by Ph status (crf-spec F03 ph_status 1 / 2 / 9 or blank). */
export type GroupId = 'overall' | 'ph_pos' | 'ph_neg' | 'ph_unknown';

/** x of n with its exact (Clopper–Pearson) 95% CI; estimate and bounds null when n = 0. */
export interface Proportion {
  readonly x: number;
  readonly n: number;
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface CodeCount {
  readonly code: string;
  readonly label: string;
  readonly n: number;
}

export interface ContinuousCell {
  readonly group: GroupId;
  readonly n: number;
  readonly missing: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface CategoricalCell {
  readonly group: GroupId;
  /** Subjects in the group (the denominator of the percentages). */
  readonly n: number;
  readonly counts: readonly { readonly code: string; readonly n: number }[];
  readonly missing: number;
}

export type BaselineRow =
  | { readonly kind: 'continuous'; readonly key: string; readonly label: string; readonly unit: string | null; readonly cells: readonly ContinuousCell[] }
  | { readonly kind: 'categorical'; readonly key: string; readonly label: string; readonly levels: readonly { readonly code: string; readonly label: string }[]; readonly cells: readonly CategoricalCell[] };

export interface BaselineSection {
  readonly groups: readonly { readonly group: GroupId; readonly label: string; readonly n: number }[];
  readonly rows: readonly BaselineRow[];
}

export interface ResponseGroup {
  readonly group: GroupId;
  readonly n: number;
  readonly crcri: Proportion;
  readonly mrd_neg_among_crcri: Proportion;
  readonly hsct_after_ino: Proportion;
  readonly best_response: readonly CodeCount[];
}

export interface ResponseSection {
  readonly groups: readonly ResponseGroup[];
}

export interface KmStepOut {
  readonly time: number;
  readonly at_risk: number;
  readonly events: number;
  readonly censored: number;
  readonly survival: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface SurvivalCurveReport {
  readonly id: string;
  readonly endpoint: 'os' | 'efs';
  readonly group: GroupId;
  readonly label: string;
  readonly n: number;
  readonly events: number;
  readonly censored: number;
  /** Subjects of the group whose time could not be derived (e.g. an undated death). */
  readonly not_evaluable: number;
  readonly steps: readonly KmStepOut[];
  readonly at_risk: readonly { readonly time: number; readonly at_risk: number }[];
  readonly median: { readonly median: number | null; readonly lower: number | null; readonly upper: number | null };
  /** S(t) at landmark times; null where no one was followed that long. */
  readonly landmarks: readonly { readonly time: number; readonly survival: number | null; readonly lower: number | null; readonly upper: number | null }[];
}

export interface SurvivalSection {
  readonly at_risk_times: readonly number[];
  readonly landmark_times: readonly number[];
  readonly curves: readonly SurvivalCurveReport[];
  /** Non-relapse mortality (relapse/progression competing): from C1D1 and, in transplanted patients, from HSCT. */
  readonly nrm: readonly CompetingRiskSummary[];
}

export interface AeGradeCount {
  /** '1'–'5', or 'unknown' when no AE of the patient had a grade. */
  readonly grade: string;
  readonly n: number;
}

export interface AeTermRow {
  readonly term_code: string;
  readonly term: string;
  readonly any: number;
  readonly grade3plus: number;
  readonly by_max_grade: readonly AeGradeCount[];
}

export interface AeSocRow {
  readonly soc: string;
  readonly soc_label: string;
  readonly any: number;
  readonly grade3plus: number;
  readonly by_max_grade: readonly AeGradeCount[];
  readonly terms: readonly AeTermRow[];
}

export interface AdverseEventSection {
  /** Patients of the analysis population (the denominator). */
  readonly patients: number;
  readonly patients_any: number;
  readonly patients_grade3plus: number;
  /** Treatment-emergent AE records counted. */
  readonly events: number;
  readonly by_soc: readonly AeSocRow[];
}

/** One step of a cumulative incidence curve, as the report carries it (the estimator's own record). */
export type CifStepOut = CifStep;

/** A cumulative incidence under competing risks at fixed days (null beyond the follow-up), with its steps. */
export interface CompetingRiskSummary {
  readonly id: string;
  readonly n: number;
  readonly events: number;
  readonly competing: number;
  readonly at: readonly { readonly time: number; readonly cif: number | null; readonly std_err: number | null; readonly lower: number | null; readonly upper: number | null }[];
  readonly steps: readonly CifStepOut[];
}

/** Gray's test comparing the cumulative incidence between two groups (χ² with df degrees of freedom). */
export interface GrayTestReport {
  readonly statistic: number;
  readonly df: number;
  readonly p_value: number;
  readonly n_ph_pos: number;
  readonly n_ph_neg: number;
}

export interface SosSection {
  readonly treated: number;
  readonly crude: Proportion;
  /** Subjects with a derivable time (the Aalen–Johansen sample). */
  readonly n: number;
  readonly events: number;
  readonly competing: number;
  readonly horizon_days: number;
  /** F(horizon); null when no one was followed that long. */
  readonly cif_at_horizon: { readonly cif: number | null; readonly std_err: number | null; readonly lower: number | null; readonly upper: number | null };
  readonly steps: readonly CifStepOut[];
  /** Among patients with SOS/VOD: highest EBMT grade (F08) and highest CTCAE grade of the SOS AE (F07). */
  readonly ebmt_grade: readonly CodeCount[];
  readonly ctcae_grade: readonly CodeCount[];
  /** Patients transplanted after inotuzumab: SOS/VOD after HSCT (vod_setting = 2) from the HSCT date, at day 100. */
  readonly from_hsct: CompetingRiskSummary;
  /** Gray's test of SOS/VOD from C1D1 by Ph status (Ph+ against Ph−); null without patients in both. */
  readonly gray_ph: GrayTestReport | null;
}

export interface CostSummary extends NumericSummary {
  readonly total: number;
  /** Patients with a cost above 0 here. */
  readonly nonzero: number;
}

export interface CostSection {
  /** Patients of the analysis population with ≥ 1 F11 record (the denominator of every summary). */
  readonly patients: number;
  readonly by_category: readonly (CostSummary & { readonly category: string; readonly label: string })[];
  readonly total: CostSummary;
  readonly by_site: readonly (CostSummary & { readonly site_id: string })[];
  /** F11 records without a value (no quantity or unit cost), left out of the sums. */
  readonly unvalued_items: number;
}

/** The numbers of every ino-all-it section of a report. */
export interface InoReportData {
  readonly baseline: BaselineSection;
  readonly response: ResponseSection;
  readonly survival: SurvivalSection;
  readonly adverse_events: AdverseEventSection;
  readonly sos_vod: SosSection;
  readonly costs: CostSection;
}
