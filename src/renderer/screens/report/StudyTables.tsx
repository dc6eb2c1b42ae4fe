// The Report screen's tables about the data themselves: enrolment by site and completeness by site × form.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/use-lang';
import { percent } from './report-format';
import { ReportSection } from './ReportSection';
import { ReportTable } from './ReportTable';
import type { ReportView } from './report-view';

export function EnrolmentTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  return (
    <ReportSection title={t('report.enrolment')}>
      <ReportTable
        columns={{
          head: t('report.site'),
          rest: [{ label: t('report.subjects'), numeric: true }, { label: t('report.population'), numeric: true }, { label: t('report.firstMonth') }, { label: t('report.lastMonth') }],
        }}
        rows={report.enrolment.by_site.map((s) => ({ key: s.site_id, head: s.site_id, headMono: true, cells: [s.subjects, s.analysis_population, s.first_month ?? '–', s.last_month ?? '–'] }))}
      />
    </ReportSection>
  );
}

export function CompletenessTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const sites = report.enrolment.by_site.map((s) => s.site_id);
  const cell = (site: string, form: string) => report.completeness.cells.find((c) => c.site_id === site && c.form === form);
  return (
    <ReportSection title={t('report.completeness')}>
      <ReportTable
        columns={{ head: t('report.form'), rest: [...sites.map((s) => ({ label: s, numeric: true, mono: true })), { label: t('report.overall'), numeric: true }] }}
        rows={report.completeness.forms.map((f) => {
          const overall = report.completeness.overall.find((c) => c.form === f.form);
          return {
            key: f.form,
            head: `${f.spec_id} ${f.title}`,
            cells: [
              ...sites.map((s) => {
                const c = cell(s, f.form);
                return { content: c ? percent(c.share, lang) : '–', title: c ? `${c.complete}/${c.denominator}` : undefined };
              }),
              overall ? `${percent(overall.share, lang)} (${overall.complete}/${overall.denominator})` : '–',
            ],
          };
        })}
      />
    </ReportSection>
  );
}
