// Messages between the report and its evaluation worker (evaluation-worker.ts): the study once, then batches
// of subjects answered with their calculated values, then the tallied checks.

import type { StudyDefinition } from '../../shared/study/definition.schema';
import type { StoredEntry } from '../../shared/study/entries';
import type { EvaluationEnv } from '../dataset/dataset-subject';
import type { EvaluationTask } from './subject-evaluation';
import type { QualityData, ReportLang } from './types';

export type CheckResults = Omit<QualityData, 'quarantine'>;

export type ToEvaluator =
  | { readonly type: 'start'; readonly definition: StudyDefinition; readonly lang: ReportLang; readonly separate: boolean }
  | { readonly type: 'batch'; readonly seq: number; readonly env: EvaluationEnv; readonly tasks: readonly EvaluationTask[] }
  | { readonly type: 'finish'; readonly siteIds: readonly string[] };

export type FromEvaluator =
  | { readonly type: 'ready' }
  | { readonly type: 'evaluated'; readonly seq: number; readonly calcs: Record<string, StoredEntry | null>[][] }
  | { readonly type: 'checks'; readonly results: CheckResults }
  | { readonly type: 'failed'; readonly message: string };
