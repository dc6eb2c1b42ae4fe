// Public API of the study report: the data (report.json), the charts, the HTML, and writing both files with an audit entry.

export { reportCharts, renderSvg } from './charts';
export type { ReportChart } from './charts';
export { buildReport } from './report-data';
export type { BuildReportOptions, ReportParams } from './report-data';
export { renderCharts, renderReportHtml, reportHtml, SECTIONS } from './report-html';
export { jsonPathFor, writeReport } from './write-report';
export type { WriteReportOptions, WriteReportResult, WrittenFile } from './write-report';
export type * from './types';
