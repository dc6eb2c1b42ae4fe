// The numbers of the generic report sections, as kept in report.json beside their blocks (section `data`).

export type { ReportBlock, ReportCell, ReportDocument, ReportHeader, ReportRow, ReportSection } from '../../shared/report/report-document';
export type { Lang as ReportLang } from '../../shared/study/localized';

export interface EnrolmentData {
  readonly by_site: readonly {
    readonly site_id: string;
    readonly subjects: number;
    /** Subjects of the study's analysis population; null when its module defines none. */
    readonly analysis_population: number | null;
    readonly first_month: string | null;
    readonly last_month: string | null;
  }[];
  /** Every month from the first to the last enrolment, per site: subjects enrolled and running total. */
  readonly by_month: readonly { readonly month: string; readonly site_id: string; readonly subjects: number; readonly cumulative: number }[];
  readonly months: readonly string[];
  /** The field the definition names as the enrolment date (form.field), or null. */
  readonly date_field: string | null;
  /** How many months came from that field and how many from the subject's creation time. */
  readonly date_source: { readonly enrolment_date: number; readonly created_at: number };
}

export interface CompletenessCell {
  readonly site_id: string;
  readonly form: string;
  /** Subjects (non-repeating form) or records (repeating form). */
  readonly denominator: number;
  readonly complete: number;
  readonly share: number | null;
}

export interface CompletenessData {
  readonly forms: readonly { readonly form: string; readonly spec_id: string; readonly title: string; readonly repeating: boolean }[];
  readonly cells: readonly CompletenessCell[];
  /** All sites together, per form. */
  readonly overall: readonly CompletenessCell[];
}

export interface CheckTally {
  readonly check_id: string;
  readonly severity: 'hard' | 'soft';
  readonly failures: number;
  readonly subjects: number;
  readonly message: string;
}

export interface QualityData {
  /** Quarantined records by site and kind; null in a site's own report (quarantine is central). */
  readonly quarantine: readonly { readonly site_id: string; readonly records: number; readonly by_kind: readonly { readonly kind: string; readonly records: number }[] }[] | null;
  /** Open failures (hard, and soft without an override reason) and soft failures overridden with a reason. */
  readonly open_checks_by_site: readonly { readonly site_id: string; readonly hard: number; readonly soft: number; readonly overridden: number; readonly subjects: number }[];
  /** The 20 checks failing most often (failures not overridden). */
  readonly open_checks_top: readonly CheckTally[];
  readonly open_checks_total: { readonly hard: number; readonly soft: number; readonly distinct_checks: number };
  /** The 20 soft checks overridden most often, and all overrides. */
  readonly overridden_top: readonly CheckTally[];
  readonly overridden_total: number;
}

export interface MissingFieldRow {
  readonly form: string;
  readonly field: string;
  readonly label: string;
  /** Stored records of the form (the denominator). */
  readonly records: number;
  readonly ND: number;
  readonly NK: number;
  readonly NA: number;
}

export interface MissingData {
  readonly totals: { readonly ND: number; readonly NK: number; readonly NA: number };
  /** Fields with at least one missing-data reason, most first. */
  readonly fields: readonly MissingFieldRow[];
  /** Per form, over all its fields. */
  readonly by_form: readonly { readonly form: string; readonly title: string; readonly ND: number; readonly NK: number; readonly NA: number }[];
}

export interface NumberStats {
  readonly kind: 'number';
  readonly n: number;
  readonly blank: number;
  readonly missing_reason: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Histogram bins [from, to) (the last one closed), for the plot. */
  readonly bins: readonly { readonly from: number; readonly to: number; readonly n: number }[];
}

export interface ChoiceStats {
  readonly kind: 'choice';
  readonly multiple: boolean;
  /** Records with an answer (the denominator of the percentages). */
  readonly n: number;
  readonly blank: number;
  readonly missing_reason: number;
  readonly counts: readonly { readonly code: string; readonly label: string; readonly n: number }[];
}

export interface DateStats {
  readonly kind: 'date';
  readonly n: number;
  readonly blank: number;
  readonly missing_reason: number;
  /** Partial dates among the n. */
  readonly partial: number;
  readonly first: string | null;
  readonly last: string | null;
}

export interface TextStats {
  readonly kind: 'text';
  readonly n: number;
  readonly blank: number;
  readonly missing_reason: number;
}

export type FieldStats = NumberStats | ChoiceStats | DateStats | TextStats;

export interface FieldStatsData {
  readonly forms: readonly {
    readonly form: string;
    readonly title: string;
    readonly records: number;
    readonly fields: readonly ({ readonly field: string; readonly label: string; readonly unit: string | null } & FieldStats)[];
  }[];
}

export interface QueryCounts {
  /** By state now: open and re-opened await the site, answered awaits the centre. */
  readonly open: number;
  readonly reopened: number;
  readonly answered: number;
  readonly closed: number;
  readonly total: number;
  /** Queries answered at least once (the denominator of the median), and their median whole days to the first answer. */
  readonly answered_once: number;
  readonly median_days_to_answer: number | null;
}

export interface QueriesData {
  readonly by_site: readonly ({ readonly site_id: string } & QueryCounts)[];
  readonly total: QueryCounts;
}
