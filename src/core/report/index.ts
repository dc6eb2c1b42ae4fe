// Public API of the study report: the document (generic sections plus a study module's), its HTML and report.json.

export { chartsOf, renderChart, renderCharts, renderSvg } from './charts';
export { buildReport } from './report-data';
export type { BuildReportOptions, ReportParams } from './report-data';
export { renderReportHtml, reportHtml } from './report-html';
export { genericReportData, sectionOf } from './sections';
export type { GenericReportData } from './sections';
export type * from './types';
export { jsonPathFor, writeReport } from './write-report';
export type { WriteReportOptions, WriteReportResult, WrittenFile } from './write-report';
