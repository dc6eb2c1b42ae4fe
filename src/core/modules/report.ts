// The report part of a study module: sections of its own, fed every subject of the store with its analysis row,
// added after the generic sections every study gets (core/report).

import type { ReportDocument, ReportSection } from '../../shared/report/report-document';
import type { CompiledStudy } from '../../shared/study/compile';
import type { Lang } from '../../shared/study/localized';
import type { DatasetSubject } from '../dataset/dataset';
import type { AnalysisParams, AnalysisRow } from './analysis';

export interface ReportContext {
  readonly lang: Lang;
  readonly study: CompiledStudy;
  /** The analysis parameters in force (definition, store and caller's overrides). */
  readonly params: AnalysisParams;
}

/** Collects what a module's sections need, one subject at a time (a central store is never held in memory). */
export interface SectionCollector {
  add(subject: DatasetSubject, row: AnalysisRow): void;
  /** The module's sections, once every subject was added; siteIds: every site of the report, sorted. */
  sections(siteIds: readonly string[]): ReportSection[];
}

export interface MethodsNote {
  readonly title: string;
  readonly text: string;
}

export interface StudyReport {
  start(context: ReportContext): SectionCollector;
  /** Notes on the methods of the module's sections; the Methods section puts them before the generic notes. */
  methods(lang: Lang): readonly MethodsNote[];
  /** The key results of a finished report in a line or two, in its language (the demo prints them). */
  summary(document: ReportDocument): readonly string[];
}
