// The Report screen's toxicity and cost tables: patients with grade ≥ 3 adverse events by organ class,
// SOS/VOD incidence (crude and at the day-100 horizon, death competing) with its severity, and costs.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/use-lang';
import { money, percent, proportion } from './report-format';
import { ReportSection } from './ReportSection';
import { ReportTable } from './ReportTable';
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
      <ReportTable
        columns={{ head: t('report.soc'), rest: [{ label: t('report.grade3plus'), numeric: true }, { label: t('report.anyGrade'), numeric: true }] }}
        rows={rows.map((s) => ({ key: s.soc, head: s.soc_label, cells: [`${s.grade3plus} (${share(s.grade3plus)})`, `${s.any} (${share(s.any)})`] }))}
      />
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
      <ReportTable
        rows={[
          { key: 'crude', head: t('report.sosCrude'), cells: [proportion(sos.crude, lang, t('report.ci'))] },
          { key: 'cif', head: t('report.sosCif', { day: sos.horizon_days }), cells: [cif.cif === null ? '–' : `${percent(cif.cif, lang)} (${t('report.ci')} ${percent(cif.lower, lang)}–${percent(cif.upper, lang)})`] },
          { key: 'events', head: t('report.sosEvents'), cells: [t('report.sosEventsValue', { n: sos.n, events: sos.events, competing: sos.competing })] },
          { key: 'ebmt', head: t('report.ebmtGrade'), cells: [sos.ebmt_grade.length > 0 ? sos.ebmt_grade.map((g) => `${g.label}: ${g.n}`).join(' · ') : '–'] },
        ]}
      />
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
      <ReportTable
        columns={{
          head: t('report.category'),
          rest: [{ label: 'N', numeric: true }, { label: t('report.mean'), numeric: true }, { label: t('report.median'), numeric: true }, { label: t('report.iqr'), numeric: true }, { label: t('report.total'), numeric: true }],
        }}
        rows={rows.map(({ key, label, s }) => ({
          key,
          head: label,
          className: key === 'total' ? 'row-total' : undefined,
          cells: [s.n, money(s.mean, lang), money(s.median, lang), `${money(s.q1, lang)}–${money(s.q3, lang)}`, money(s.total, lang)],
        }))}
      />
    </ReportSection>
  );
}
