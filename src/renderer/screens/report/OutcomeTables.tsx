// The Report screen's effectiveness tables: response rates with exact 95% CIs by group, and survival
// medians with their CIs and the numbers at risk.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/use-lang';
import { median, proportion } from './report-format';
import { ReportSection } from './ReportSection';
import { ReportTable } from './ReportTable';
import type { ReportView } from './report-view';

export function ResponseTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const ci = t('report.ci');
  const label = (group: string): string => report.baseline.groups.find((g) => g.group === group)?.label ?? group;
  return (
    <ReportSection title={t('report.response')}>
      <ReportTable
        columns={{ head: t('report.group'), rest: [{ label: 'N', numeric: true }, { label: t('report.crcri') }, { label: t('report.mrdNeg') }, { label: t('report.hsct') }] }}
        rows={report.response.groups.map((g) => ({
          key: g.group,
          head: label(g.group),
          cells: [g.n, proportion(g.crcri, lang, ci), proportion(g.mrd_neg_among_crcri, lang, ci), proportion(g.hsct_after_ino, lang, ci)],
        }))}
      />
    </ReportSection>
  );
}

export function SurvivalTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const times = report.survival.at_risk_times;
  return (
    <ReportSection title={t('report.survival')}>
      <ReportTable
        columns={{
          head: t('report.curve'),
          rest: [{ label: 'N', numeric: true }, { label: t('report.events'), numeric: true }, { label: t('report.medianDays') }, ...times.map((d) => ({ label: t('report.atRiskDay', { day: d }), numeric: true }))],
        }}
        rows={report.survival.curves.map((c) => ({
          key: c.id,
          head: c.label,
          cells: [c.n, c.events, median(c.median, lang, t('report.notReached')), ...times.map((d) => c.at_risk.find((a) => a.time === d)?.at_risk ?? '–')],
        }))}
      />
    </ReportSection>
  );
}
