// Reading a report document back: a section by id, and the numbers of the generic sections, typed.

import type { ReportDocument, ReportSection } from '../../shared/report/report-document';
import type { CompletenessData, EnrolmentData, FieldStatsData, MissingData, QualityData, QueriesData } from './types';

export function sectionOf(document: ReportDocument, id: string): ReportSection {
  const found = document.sections.find((s) => s.id === id);
  if (!found) throw new Error(`the report has no section ${id}`);
  return found;
}

export interface GenericReportData {
  readonly enrolment: EnrolmentData;
  readonly completeness: CompletenessData;
  readonly quality: QualityData;
  readonly queries: QueriesData;
  readonly missing: MissingData;
  readonly fields: FieldStatsData;
}

/** The numbers of the generic sections, as their builders wrote them. */
export function genericReportData(document: ReportDocument): GenericReportData {
  return {
    enrolment: sectionOf(document, 'enrolment').data as EnrolmentData,
    completeness: sectionOf(document, 'completeness').data as CompletenessData,
    quality: sectionOf(document, 'quality').data as QualityData,
    queries: sectionOf(document, 'queries').data as QueriesData,
    missing: sectionOf(document, 'missing').data as MissingData,
    fields: sectionOf(document, 'fields').data as FieldStatsData,
  };
}
