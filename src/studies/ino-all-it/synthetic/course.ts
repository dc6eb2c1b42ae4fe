// The clinical course of one synthetic patient as plain data (day numbers, study codes), built by the generator modules and then rendered into forms.

import type { Day } from './days';

export interface Baseline {
  readonly female: boolean;
  readonly birthDay: Day;
  readonly age: number;
  readonly c1d1: Day;
  readonly heightCm: number;
  readonly weightKg: number;
  /** Mosteller, rounded to 2 decimals as the app computes it. */
  readonly bsa: number;
  readonly ph: 'pos' | 'neg' | 'unknown';
  readonly ecog: string;
  readonly comorbidities: readonly string[];
  readonly comorbOther?: string;
  readonly liverRisk: boolean;
  readonly bmBlastsPct: number;
  readonly pbBlastsPct: number;
  readonly anc: number;
  readonly plt: number;
  readonly wbc: number;
  readonly hb: number;
  readonly biliTotal: number;
  readonly biliUln: number;
  readonly ast: number;
  readonly alt: number;
  readonly astUln: number;
  readonly altUln: number;
  readonly creatinine: number;
  readonly hbv: string;
  readonly cnsPreIno: boolean;
  readonly emdPreIno: readonly string[];
}

export interface TransplantDetails {
  readonly donor: string;
  readonly intensity: string;
  readonly cond: readonly string[];
}

export interface Line {
  readonly intent: '1' | '3';
  readonly regimenCat: string;
  readonly regimenName: string;
  readonly start: Day;
  readonly end: Day;
  readonly bestResp: string;
  readonly bestMrd?: string;
  readonly crDay?: Day;
  readonly relapseDay?: Day;
  readonly endReason: string;
  readonly tkiAgents?: readonly string[];
  readonly blinaCycles?: number;
  readonly cart?: { readonly product: string; readonly day: Day };
  readonly hsct?: TransplantDetails & { readonly day: Day };
}

export interface History {
  readonly dxDay: Day;
  readonly lines: readonly Line[];
  readonly cr1Day?: Day;
  readonly relapse1Day?: Day;
  readonly status: string;
  readonly salvageLine: number;
  /** Relapse or refractoriness that led to inotuzumab. */
  readonly eventDay: Day;
  readonly priorAllo: boolean;
  /** Relapses before inotuzumab (for the CR numbering at HSCT). */
  readonly relapses: number;
}

export interface Dose {
  readonly day: Day;
  readonly mg: number;
}

export interface Ae {
  readonly term: string;
  grade: number;
  onset: Day;
  end?: Day;
  outcome: string;
  serious: boolean;
  saeCrit?: string[];
  rel: string;
  relOther?: string[];
  action: string;
  treated?: string;
  otherSpec?: string;
  sos?: boolean;
  /** Days in hospital for it (ward), and in intensive care. */
  ward?: number;
  icu?: number;
  /** Reason code (CL_MODREASON) when it changes a cycle. */
  modReason?: string;
}

export interface Cycle {
  readonly no: number;
  readonly start: Day;
  readonly planned: '1' | '2';
  readonly weightKg?: number;
  readonly bsa: number;
  readonly d1: number;
  d8?: Dose;
  d15?: Dose;
  modif: string[];
  modifReason?: string;
  modifAe?: Ae;
  readonly setting: string;
  readonly cytored?: string;
  readonly udca: string;
  readonly tkiAgent?: string | null;
  readonly otherAntileuk?: string;
  readonly premed: string;
  readonly labs?: { readonly plt: number; readonly anc: number; readonly bili: number; readonly alt: number };
  last: boolean;
  stopReason?: string;
  stopAe?: Ae;
}

export interface Mrd {
  readonly method: string;
  readonly sample: string;
  readonly result: string;
  readonly value?: number;
  readonly sensitivity: number;
}

export interface Assessment {
  readonly day: Day;
  readonly timepoint: string;
  readonly afterCycle?: number;
  readonly cat: string;
  readonly bmBlasts?: number;
  readonly pbBlasts: boolean;
  readonly anc?: number;
  readonly plt?: number;
  readonly emd: string;
  readonly cns: string;
  readonly mrd?: Mrd;
}

export interface Hsct {
  readonly direct: boolean;
  readonly status: string;
  readonly mrd: string;
  readonly donor: string;
  readonly source: string;
  readonly number: number;
  readonly intensity: string;
  readonly cond: readonly string[];
  readonly tbiGy?: number;
  readonly gvhdProph: readonly string[];
  readonly vodProph: readonly string[];
  engraftDay?: Day;
  readonly graftFail: boolean;
  agvhd: string;
  agvhdDay?: Day;
  cgvhd: string;
  cgvhdDay?: Day;
}

export interface Therapy {
  readonly type: string;
  readonly start: Day;
  end?: Day;
  readonly regimen?: string;
  readonly bestResp?: string;
  readonly hsct?: Hsct;
}

export interface Sos {
  readonly ae: Ae;
  readonly dxDay: Day;
  readonly firstSympt?: Day;
  readonly setting: '1' | '2';
  readonly hsct?: Therapy;
  readonly criteria: string;
  readonly signs: readonly string[];
  readonly bili: number;
  readonly doubling: string;
  readonly transam: number;
  readonly weightBase: number;
  readonly weightMax: number;
  readonly ascites: string;
  readonly hepatomegaly: string;
  readonly creatRatio: number;
  readonly mod: boolean;
  readonly modOrgans: readonly string[];
  readonly ebmtGrade: string;
  readonly defib?: { readonly start: Day; readonly days: number; readonly dose: number };
  readonly otherTx: readonly string[];
  readonly outcome: string;
  readonly resolDay?: Day;
}

export interface Contact {
  readonly day: Day;
  readonly source: string;
  readonly vital: '1' | '2';
  readonly disease?: string;
}

export interface Outcome {
  relapseDay?: Day;
  relapseSite?: readonly string[];
  relapseCd22?: string;
  relapseCd22Pct?: number;
  deathDay?: Day;
  deathCause?: string;
  deathSpec?: string;
  lost: boolean;
}
