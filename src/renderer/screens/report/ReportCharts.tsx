// The report's charts (Vega-Lite rendered to SVG by core), shown as images from data: URLs — never as
// markup in the page — each with a text alternative.

import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { svgDataUrl, type ReportChart } from './report-view';

const KNOWN = ['enrolment_by_month', 'km_os_overall', 'km_os_ph', 'km_efs_overall', 'km_efs_ph', 'sos_vod_cif', 'ae_grade3_by_soc', 'costs_by_category'];

export function ReportCharts({ charts }: { charts: readonly ReportChart[] }): ReactNode {
  const { t } = useTranslation();
  const images = useMemo(() => charts.map((c) => ({ id: c.id, src: svgDataUrl(c.svg) })), [charts]);
  return (
    <section className="card" aria-labelledby="report-charts">
      <h2 id="report-charts">{t('report.charts')}</h2>
      <div className="chart-grid">
        {images.map((c) => {
          const title = KNOWN.includes(c.id) ? t(`report.chart.${c.id}`) : c.id;
          return (
            <figure key={c.id} className="chart">
              <img src={c.src} alt={title} />
              <figcaption>{title}</figcaption>
            </figure>
          );
        })}
      </div>
    </section>
  );
}
