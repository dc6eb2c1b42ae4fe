// The Report screen's toxicity and cost tables: patients with grade ≥ 3 adverse events by organ class,
// SOS/VOD incidence (crude and at the day-100 horizon, death competing) with its severity, and costs.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/use-lang';
import { money, percent, proportion } from './report-format';
import { ReportSection } from './ReportSection';
import type { ReportView } from './report-view';

export function AdverseEventTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const ae = report.adverse_events;
  const share = (n: number): string => (ae.patients > 0 ? percent(n / ae.patients, lang) : '–');
  const rows = ae.by_soc.filter((s) => s.grade3plus > 0);
  return (
    <ReportSection title={t('report.adverseEvents')}>
      <p>{t('report.aeSummary', { patients: ae.patients, any: ae.patients_any, severe: ae.patients_grade3plus })}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('report.soc')}</th>
            <th scope="col" className="num">{t('report.grade3plus')}</th>
            <th scope="col" className="num">{t('report.anyGrade')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.soc}>
              <th scope="row">{s.soc_label}</th>
              <td className="num">
                {s.grade3plus} ({share(s.grade3plus)})
              </td>
              <td className="num">
                {s.any} ({share(s.any)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ReportSection>
  );
}

export function SosVodTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const sos = report.sos_vod;
  const cif = sos.cif_at_horizon;
  return (
    <ReportSection title={t('report.sosVod')}>
      <table className="table">
        <tbody>
          <tr>
            <th scope="row">{t('report.sosCrude')}</th>
            <td>{proportion(sos.crude, lang, t('report.ci'))}</td>
          </tr>
          <tr>
            <th scope="row">{t('report.sosCif', { day: sos.horizon_days })}</th>
            <td>{cif.cif === null ? '–' : `${percent(cif.cif, lang)} (${t('report.ci')} ${percent(cif.lower, lang)}–${percent(cif.upper, lang)})`}</td>
          </tr>
          <tr>
            <th scope="row">{t('report.sosEvents')}</th>
            <td>{t('report.sosEventsValue', { n: sos.n, events: sos.events, competing: sos.competing })}</td>
          </tr>
          <tr>
            <th scope="row">{t('report.ebmtGrade')}</th>
            <td>{sos.ebmt_grade.length > 0 ? sos.ebmt_grade.map((g) => `${g.label}: ${g.n}`).join(' · ') : '–'}</td>
          </tr>
        </tbody>
      </table>
    </ReportSection>
  );
}

export function CostTable({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const costs = report.costs;
  const rows = [...costs.by_category.map((c) => ({ key: c.category, label: c.label, s: c })), { key: 'total', label: t('report.totalCost'), s: costs.total }];
  return (
    <ReportSection title={t('report.costs', { patients: costs.patients })}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('report.category')}</th>
            <th scope="col" className="num">N</th>
            <th scope="col" className="num">{t('report.mean')}</th>
            <th scope="col" className="num">{t('report.median')}</th>
            <th scope="col" className="num">{t('report.iqr')}</th>
            <th scope="col" className="num">{t('report.total')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, s }) => (
            <tr key={key} className={key === 'total' ? 'row-total' : undefined}>
              <th scope="row">{label}</th>
              <td className="num">{s.n}</td>
              <td className="num">{money(s.mean, lang)}</td>
              <td className="num">{money(s.median, lang)}</td>
              <td className="num">
                {money(s.q1, lang)}–{money(s.q3, lang)}
              </td>
              <td className="num">{money(s.total, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ReportSection>
  );
}
