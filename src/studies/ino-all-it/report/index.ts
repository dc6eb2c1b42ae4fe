// The ino-all-it report sections, after the generic ones: baseline, response, survival, adverse events, SOS/VOD and
// costs over the analysis population, with their methods notes.

import type { AnalysisRow } from '../../../core/modules/analysis';
import type { ReportContext, SectionCollector, StudyReport } from '../../../core/modules/report';
import { sectionOf } from '../../../core/report/sections';
import { parseIsoDate } from '../../../shared/dates/partial-date';
import { formatNumber, formatPercent } from '../../../shared/format';
import type { ReportDocument } from '../../../shared/report/report-document';
import { analysisContext, inAnalysisPopulation } from '../analysis';
import { AdverseEventCollector } from './adverse-events';
import { baselineSection } from './baseline';
import { baselineReport, responseReport, survivalReport } from './effectiveness-sections';
import { t } from './labels';
import { methodsNotes } from './methods';
import { responseSection, survivalSection } from './outcomes';
import { adverseEventReport, costReport, sosReport } from './safety-sections';
import { costSection, sosSection } from './sos-costs';
import { subjectFacts, type SubjectFacts } from './subject-facts';
import type { AdverseEventSection, BaselineSection, CostSection, InoReportData, ResponseSection, SosSection, SurvivalSection } from './types';

function start({ lang, study, params }: ReportContext): SectionCollector {
  const ctx = analysisContext(study.definition, params);
  const aes = new AdverseEventCollector(ctx.ctcaeSoc);
  const population: SubjectFacts[] = [];
  return {
    add(subject, row: AnalysisRow) {
      if (!inAnalysisPopulation(row)) return;
      population.push(subjectFacts(subject, row));
      aes.add(subject, typeof row.c1d1_date === 'string' ? parseIsoDate(row.c1d1_date) : undefined);
    },
    sections(siteIds) {
      const termLabels = new Map((study.definition.references.ctcae?.entries ?? []).map((e) => [e.key, e.attributes.term ?? e.key]));
      return [
        baselineReport(baselineSection(population, study, lang), lang),
        responseReport(responseSection(population, study, lang), lang),
        survivalReport(survivalSection(population, lang), lang),
        adverseEventReport(aes.result(lang, (code) => termLabels.get(code) ?? code), lang),
        sosReport(sosSection(population, study, lang), lang),
        costReport(costSection(population, study.definition, siteIds, lang), lang),
      ];
    },
  };
}

/** CR/CRi with its CI, median OS with its CI and SOS/VOD at day 100, overall. */
function summary(document: ReportDocument): string[] {
  const lang = document.lang;
  const data = inoReportData(document);
  const overall = data.response.groups.find((g) => g.group === 'overall');
  const os = data.survival.curves.find((c) => c.id === 'os_overall')?.median;
  const days = (x: number | null | undefined): string => (x === null || x === undefined ? t(lang, 'nr') : formatNumber(x, 0, lang));
  return [
    t(lang, 'summary', {
      n: overall?.n ?? 0,
      crcri: formatPercent(overall?.crcri.estimate, lang),
      lo: formatPercent(overall?.crcri.lower, lang),
      hi: formatPercent(overall?.crcri.upper, lang),
      os: days(os?.median),
      os_lo: days(os?.lower),
      os_hi: days(os?.upper),
      sos: formatPercent(data.sos_vod.cif_at_horizon.cif, lang),
    }),
  ];
}

export const inoAllItReport: StudyReport = { start, methods: methodsNotes, summary };

/** The numbers of the ino-all-it sections of a report document, typed. */
export function inoReportData(document: ReportDocument): InoReportData {
  return {
    baseline: sectionOf(document, 'baseline').data as BaselineSection,
    response: sectionOf(document, 'response').data as ResponseSection,
    survival: sectionOf(document, 'survival').data as SurvivalSection,
    adverse_events: sectionOf(document, 'ae').data as AdverseEventSection,
    sos_vod: sectionOf(document, 'sos').data as SosSection,
    costs: sectionOf(document, 'costs').data as CostSection,
  };
}
