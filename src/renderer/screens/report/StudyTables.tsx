// The Report screen's tables about the data themselves: enrolment by site and completeness by site × form.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/use-lang';
import { percent } from './report-format';
import { ReportSection } from './ReportSection';
import type { ReportView } from './report-view';

export function EnrolmentTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  return (
    <ReportSection title={t('report.enrolment')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('report.site')}</th>
            <th scope="col" className="num">{t('report.subjects')}</th>
            <th scope="col" className="num">{t('report.population')}</th>
            <th scope="col">{t('report.firstMonth')}</th>
            <th scope="col">{t('report.lastMonth')}</th>
          </tr>
        </thead>
        <tbody>
          {report.enrolment.by_site.map((s) => (
            <tr key={s.site_id}>
              <th scope="row" className="mono">{s.site_id}</th>
              <td className="num">{s.subjects}</td>
              <td className="num">{s.analysis_population}</td>
              <td>{s.first_month ?? '–'}</td>
              <td>{s.last_month ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('report.form')}</th>
            {sites.map((s) => (
              <th key={s} scope="col" className="num mono">
                {s}
              </th>
            ))}
            <th scope="col" className="num">{t('report.overall')}</th>
          </tr>
        </thead>
        <tbody>
          {report.completeness.forms.map((f) => {
            const overall = report.completeness.overall.find((c) => c.form === f.form);
            return (
              <tr key={f.form}>
                <th scope="row">
                  {f.spec_id} {f.title}
                </th>
                {sites.map((s) => {
                  const c = cell(s, f.form);
                  return (
                    <td key={s} className="num" title={c ? `${c.complete}/${c.denominator}` : undefined}>
                      {c ? percent(c.share, lang) : '–'}
                    </td>
                  );
                })}
                <td className="num">{overall ? `${percent(overall.share, lang)} (${overall.complete}/${overall.denominator})` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ReportSection>
  );
}
