// Subjects, their progress summary and the site-only identification log, as the app sees them.

/** A subject of a site: its pseudonym (`IT01-0007`) and when it was enrolled. */
export interface Subject {
  readonly id: string;
  readonly siteId: string;
  readonly seq: number;
  readonly createdAt: string;
  readonly createdBy: string;
}

/** Per-subject counters, recomputed on every save so the subject list stays fast at thousands of subjects. */
export interface SubjectProgress {
  readonly instances: number;
  readonly complete: number;
  readonly signed: number;
  readonly locked: number;
  readonly failedHard: number;
  readonly failedSoft: number;
  readonly missingItems: number;
}

export interface SubjectStatus extends SubjectProgress {
  readonly subjectId: string;
  readonly updatedAt: string;
}

/** A subject with its counters; null for a subject whose counters were never written. */
export interface SubjectWithProgress extends Subject {
  readonly progress: SubjectProgress | null;
}

/** One subject's identification-log values (crf-spec §2.14), site stores only. */
export type IdentityData = Record<string, string | string[]>;

export interface IdentityEntry {
  readonly subjectId: string;
  readonly data: IdentityData;
}
