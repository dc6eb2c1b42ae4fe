// The coordinator's view of the central store: per site the last merged bundle, bundles never merged, record
// counts and quarantine; the totals; and the content digest (unchanged when nothing changed).

import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { CentralSummaryOut } from '../../../shared/contract/bundles';
import { asApiError, type ApiError } from '../../api/api-error';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatRanges, formatTimestampLocal } from '../../../shared/format';
import { Fingerprint } from '../exchange/Fingerprint';

type Summary = z.infer<typeof CentralSummaryOut>;

function SitesTable({ summary }: { summary: Summary }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  if (summary.sites.length === 0) return <p className="alert alert-info">{t('central.noSites')}</p>;
  return (
    <div className="table-scroll">
      <table className="table" aria-label={t('central.sites')}>
        <thead>
          <tr>
            <th scope="col">{t('central.site')}</th>
            <th scope="col">{t('central.lastSequence')}</th>
            <th scope="col">{t('central.mergedAt')}</th>
            <th scope="col" className="num">{t('central.subjects')}</th>
            <th scope="col" className="num">{t('central.instances')}</th>
            <th scope="col" className="num">{t('central.quarantined')}</th>
            <th scope="col" className="num">{t('central.audit')}</th>
            <th scope="col">{t('central.missing')}</th>
            <th scope="col">{t('central.fingerprint')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.sites.map((s) => (
            <tr key={s.siteId}>
              <th scope="row">
                <span className="mono">{s.siteId}</span> <span className="hint">{s.siteName}</span>
              </th>
              <td className="num">{s.lastSequence ?? '–'}</td>
              <td>{s.lastMergedAt ? formatTimestampLocal(s.lastMergedAt, lang) : '–'}</td>
              <td className="num">{s.subjects}</td>
              <td className="num">{s.formInstances}</td>
              <td className={s.quarantined > 0 ? 'num warn-text' : 'num'}>{s.quarantined}</td>
              <td className="num">{s.auditEntries}</td>
              <td className={s.missingSequences.length > 0 ? 'warn-text' : undefined}>{s.missingSequences.length > 0 ? formatRanges(s.missingSequences) : '–'}</td>
              <td className="small">
                <Fingerprint value={s.fingerprint} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CentralSummary(): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [summary, setSummary] = useState<Summary | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    api
      .call('central:summary', {})
      .then((s) => {
        setSummary(s);
        setError(null);
      })
      .catch((e: unknown) => setError(asApiError(e)));
  }, [api]);
  useEffect(load, [load]);

  return (
    <main aria-labelledby="summary-title">
      <div className="screen-head">
        <h1 id="summary-title">{t('central.title')}</h1>
        <button type="button" onClick={load}>
          {t('central.refresh')}
        </button>
      </div>
      <ErrorAlert error={error} />
      {summary ? (
        <>
          <p className="summary" role="status">
            {t('central.totals', { study: `${summary.study.id} ${summary.study.version}`, sites: summary.totals.sites, subjects: summary.totals.subjects, instances: summary.totals.formInstances, quarantined: summary.totals.quarantined })}
          </p>
          <SitesTable summary={summary} />
          <p className="hint">
            {t('central.digest')} <code className="mono small">{summary.digest}</code>
          </p>
        </>
      ) : !error ? (
        <p>{t('common.loading')}</p>
      ) : null}
    </main>
  );
}
