// What the site sent last and what the coordinating centre acknowledged, with the two key fingerprints to
// compare out of band (by phone, on paper).

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportStatus } from '../../../shared/contract/bundles';
import { useLang } from '../../app/use-lang';
import { formatTimestampLocal } from '../../../shared/format';
import { Fingerprint } from './Fingerprint';

export function ExportStatusCard({ status }: { status: ExportStatus }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const { lastExport, lastReceipt } = status;
  return (
    <section className="card" aria-labelledby="exchange-status">
      <h2 id="exchange-status">{t('exchange.status')}</h2>
      <dl className="facts">
        <dt>{t('exchange.lastExport')}</dt>
        <dd data-testid="last-export">
          {lastExport ? (
            <>
              {t('exchange.exportLine', { sequence: lastExport.sequence, at: formatTimestampLocal(lastExport.at, lang) })}
              <span className="mono small block">{lastExport.fileName}</span>
            </>
          ) : (
            t('exchange.none')
          )}
        </dd>
        <dt>{t('exchange.lastReceipt')}</dt>
        <dd data-testid="last-receipt">
          {lastReceipt ? (
            <>
              {t('exchange.receiptLine', { sequence: lastReceipt.sequence, merged: formatTimestampLocal(lastReceipt.mergedAt, lang), imported: formatTimestampLocal(lastReceipt.importedAt, lang) })}
              <span className="block">
                {t('exchange.receiptCounts', {
                  subjects: lastReceipt.counts.subjects,
                  instances: lastReceipt.counts.formInstances,
                  added: lastReceipt.counts.added,
                  changed: lastReceipt.counts.changed,
                  quarantined: lastReceipt.counts.quarantined,
                })}
              </span>
              {lastExport && lastExport.sequence > lastReceipt.sequence ? <span className="block warn-text">{t('exchange.notYetAcknowledged', { sequence: lastExport.sequence })}</span> : null}
            </>
          ) : (
            t('exchange.noReceipt')
          )}
        </dd>
        <dt>{t('exchange.siteFingerprint')}</dt>
        <dd>
          <Fingerprint value={status.siteFingerprint} />
        </dd>
        <dt>{t('exchange.coordinatorFingerprint')}</dt>
        <dd>
          <Fingerprint value={status.coordinatorFingerprint} />
        </dd>
        <dt>{t('exchange.uploadUrl')}</dt>
        <dd className={status.uploadUrl ? 'mono' : undefined}>{status.uploadUrl ?? t('exchange.noUploadUrl')}</dd>
      </dl>
    </section>
  );
}
