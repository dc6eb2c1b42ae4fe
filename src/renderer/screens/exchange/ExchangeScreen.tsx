// The site's data exchange with the coordinating centre: the export and receipt status with both key
// fingerprints, export of a bundle to a folder (a USB stick), receipt import, upload when a coordinator
// address is configured, the periodic exchange (its status; interval and folder for admins), and that address
// (admins).

import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportStatus } from '../../../shared/contract/bundles';
import { asApiError, type ApiError } from '../../api/api-error';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportPanel } from './ExportPanel';
import { ExportStatusCard } from './ExportStatusCard';
import { PeriodicExchangeCard } from './PeriodicExchangeCard';
import { ReceiptImport } from './ReceiptImport';
import { ReturnImport } from './ReturnImport';
import { UploadPanel } from './UploadPanel';
import { UploadUrlSetting } from './UploadUrlSetting';

export function ExchangeScreen(): ReactNode {
  const { api, can } = useWorkspace();
  const { t } = useTranslation();
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [exported, setExported] = useState<string[]>([]);

  const load = useCallback(() => {
    api
      .call('export:status', {})
      .then((s) => {
        setStatus(s);
        setError(null);
      })
      .catch((e: unknown) => setError(asApiError(e)));
  }, [api]);
  useEffect(load, [load]);

  const mayExport = can('bundle.export') && status?.canExport === true;
  return (
    <main aria-labelledby="exchange-title">
      <div className="screen-head">
        <h1 id="exchange-title">{t('exchange.title')}</h1>
      </div>
      <p className="hint">{t('exchange.intro')}</p>
      <ErrorAlert error={error} />
      {status ? <ExportStatusCard status={status} /> : !error ? <p>{t('common.loading')}</p> : null}
      {status && !status.canExport ? <p className="alert alert-warning">{t('exchange.noKit')}</p> : null}
      {status && !can('bundle.export') ? <p className="alert alert-info">{t('exchange.readOnly')}</p> : null}
      {mayExport ? (
        <ExportPanel
          onExported={(file) => {
            setExported((files) => [file, ...files.filter((f) => f !== file)]);
            load();
          }}
        />
      ) : null}
      {mayExport && status?.uploadUrl ? <UploadPanel url={status.uploadUrl} suggested={exported} onUploaded={load} /> : null}
      {status?.canExport ? <PeriodicExchangeCard onRun={load} /> : null}
      {can('receipt.import') && status?.canExport ? <ReceiptImport onImported={load} /> : null}
      {can('return.import') && status?.canExport ? <ReturnImport onImported={load} /> : null}
      {can('site.settings') && status?.canExport ? <UploadUrlSetting current={status.uploadUrl} onSaved={setStatus} /> : null}
    </main>
  );
}
