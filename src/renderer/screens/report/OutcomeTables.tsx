// The Report screen's effectiveness tables: response rates with exact 95% CIs by group, and survival
// medians with their CIs and the numbers at risk.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/use-lang';
import { median, proportion } from './report-format';
import { ReportSection } from './ReportSection';
import type { ReportView } from './report-view';

export function ResponseTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const ci = t('report.ci');
  const label = (group: string): string => report.baseline.groups.find((g) => g.group === group)?.label ?? group;
  return (
    <ReportSection title={t('report.response')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('report.group')}</th>
            <th scope="col" className="num">N</th>
            <th scope="col">{t('report.crcri')}</th>
            <th scope="col">{t('report.mrdNeg')}</th>
            <th scope="col">{t('report.hsct')}</th>
          </tr>
        </thead>
        <tbody>
          {report.response.groups.map((g) => (
            <tr key={g.group}>
              <th scope="row">{label(g.group)}</th>
              <td className="num">{g.n}</td>
              <td>{proportion(g.crcri, lang, ci)}</td>
              <td>{proportion(g.mrd_neg_among_crcri, lang, ci)}</td>
              <td>{proportion(g.hsct_after_ino, lang, ci)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ReportSection>
  );
}

export function SurvivalTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const times = report.survival.at_risk_times;
  return (
    <ReportSection title={t('report.survival')}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('report.curve')}</th>
            <th scope="col" className="num">N</th>
            <th scope="col" className="num">{t('report.events')}</th>
            <th scope="col">{t('report.medianDays')}</th>
            {times.map((d) => (
              <th key={d} scope="col" className="num">
                {t('report.atRiskDay', { day: d })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.survival.curves.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.label}</th>
              <td className="num">{c.n}</td>
              <td className="num">{c.events}</td>
              <td>{median(c.median, lang, t('report.notReached'))}</td>
              {times.map((d) => (
                <td key={d} className="num">
                  {c.at_risk.find((a) => a.time === d)?.at_risk ?? '–'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ReportSection>
  );
}
