// The shape of a synthetic patient any study's generator returns (ordered saves with overrides and edits, identity,
// facts) and helpers to read its final data; the tools enter plans through the core use-cases.

export type MissingCode = 'NK' | 'ND' | 'NA';
export type PlanEntry = string | number | readonly string[] | { readonly missing: MissingCode };
export type PlanData = Record<string, PlanEntry>;

/** A change made after the form was completed, with the reason the audit trail keeps. */
export interface PlannedEdit {
  readonly data: PlanData;
  readonly reason: string;
}

export interface PlannedSave {
  readonly form: string;
  /** Values of the first save (for a repeating form: a new instance, numbered in save order). */
  readonly data: PlanData;
  /** False: the form stays a draft (missing items). */
  readonly complete: boolean;
  /** Depends on forms saved later (cross-form checks): saved as a draft first, completed after the others. */
  readonly completeLater?: boolean;
  /** Soft-check overrides by check id, with the reason. */
  readonly overrides?: Readonly<Record<string, string>>;
  readonly edits?: readonly PlannedEdit[];
  /** Who enters it: data entry, or the investigator (end-of-study sign-off). */
  readonly by?: 'data_entry' | 'investigator';
  /** A field that holds the subject's own id, filled in at entry (the id exists only once the subject does). */
  readonly subjectIdField?: string;
}

export type IdentityPlan = Record<string, string | readonly string[]>;

/** What every generator tells about a plan, for the tools' summaries and tests. */
export interface PlanFacts {
  /** Ids of the soft checks the plan overrides with a reason. */
  readonly softOverrides: readonly string[];
  /** The patient is left partly entered (drafts with missing items). */
  readonly incomplete: boolean;
  /** Values where a partial date / a missing-data reason was allowed, and how many got one. */
  readonly quality: { readonly partialEligible: number; readonly partial: number; readonly missingEligible: number; readonly missing: number };
}

/** One synthetic patient: its identification log, its form saves in order, and what the generator knows of it. */
export interface PatientPlan<F extends PlanFacts = PlanFacts> {
  readonly seed: string;
  readonly identity: IdentityPlan;
  /** A field of the identification log that holds the subject's own id, filled in at entry. */
  readonly identitySubjectIdField?: string;
  readonly saves: readonly PlannedSave[];
  readonly facts: F;
}

export interface FinalInstance {
  readonly form: string;
  readonly instanceNo: number;
  readonly data: PlanData;
  readonly complete: boolean;
  readonly overrides: Readonly<Record<string, string>>;
}

/** The data each instance holds once every save and edit of the plan is applied (subject_id not included). */
export function finalInstances(plan: PatientPlan): FinalInstance[] {
  const counters = new Map<string, number>();
  return plan.saves.map((save) => {
    const n = (counters.get(save.form) ?? 0) + 1;
    counters.set(save.form, n);
    let data: PlanData = { ...save.data };
    for (const edit of save.edits ?? []) data = { ...data, ...edit.data };
    return { form: save.form, instanceNo: n, data, complete: save.complete, overrides: save.overrides ?? {} };
  });
}

export function isMissingEntry(entry: PlanEntry | undefined): entry is { readonly missing: MissingCode } {
  return typeof entry === 'object' && entry !== null && !Array.isArray(entry) && 'missing' in entry;
}
