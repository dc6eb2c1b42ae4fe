// The merge report of one run: per bundle merged / unchanged / refused, with counts (and the bundles of the
// site never merged before it), the refusal's code and message, and the receipt written; the totals and the central digest after the run.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeOutcome, MergeReport } from '../../../shared/contract/bundles';
import { formatRanges } from '../../../shared/format';

function Counts({ outcome }: { outcome: MergeOutcome }): ReactNode {
  const { t } = useTranslation();
  const c = outcome.counts;
  if (!c) return null;
  return (
    <>
      {t('merge.counts', { subjects: c.subjects, instances: c.formInstances, added: c.added, changed: c.changed, removed: c.removed, quarantined: c.quarantined })}
      {outcome.gap ? <span className="hint"> {t('merge.gap', { sequences: formatRanges([outcome.gap]) })}</span> : null}
    </>
  );
}

export function MergeOutcomes({ report }: { report: MergeReport }): ReactNode {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="outcomes-title">
      <h2 id="outcomes-title">{t('merge.outcomesTitle')}</h2>
      <p role="status">{t('merge.totals', { merged: report.totals.merged, unchanged: report.totals.unchanged, refused: report.totals.refused })}</p>
      <div className="table-scroll">
        <table className="table" aria-label={t('merge.outcomesTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('merge.bundle')}</th>
              <th scope="col">{t('merge.site')}</th>
              <th scope="col" className="num">{t('merge.sequence')}</th>
              <th scope="col">{t('merge.outcome')}</th>
              <th scope="col">{t('merge.detail')}</th>
              <th scope="col">{t('merge.receipt')}</th>
            </tr>
          </thead>
          <tbody>
            {report.outcomes.map((o) => (
              <tr key={o.file} className={o.status === 'refused' ? 'row-refused' : undefined}>
                <td className="mono small">{o.file}</td>
                <td className="mono">{o.siteId ?? '–'}</td>
                <td className="num">{o.sequence ?? '–'}</td>
                <td>
                  <span className={`outcome outcome-${o.status}`}>{t(`merge.status.${o.status}`)}</span>
                </td>
                <td>
                  {o.error ? (
                    <>
                      <code>{o.error.code}</code> {o.error.message}
                    </>
                  ) : (
                    <Counts outcome={o} />
                  )}
                </td>
                <td className="mono small">{o.receiptFile ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        {t('central.digest')} <code className="mono small">{report.centralDigest}</code>
      </p>
    </section>
  );
}
