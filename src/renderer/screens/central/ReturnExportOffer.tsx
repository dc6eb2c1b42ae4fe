// After a merge, the centre's answer to each site in it: "Export return bundle for <site>" writes the signed,
// encrypted return bundle (the core of `edc return export`) to the folder given, and says what it wrote.

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeReport } from '../../../shared/contract/bundles';
import { asApiError, type ApiError } from '../../api/api-error';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';

/** The sites whose bundles this run read (merged or unchanged), in the order they came. */
export function sitesOfReport(report: MergeReport): string[] {
  return [...new Set(report.outcomes.flatMap((o) => (o.status !== 'refused' && o.siteId ? [o.siteId] : [])))];
}

export function ReturnExportOffer({ report }: { report: MergeReport }): ReactNode {
  const { api, can } = useWorkspace();
  const { t } = useTranslation();
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [written, setWritten] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const sites = sitesOfReport(report);
  if (sites.length === 0 || !can('central.merge')) return null;

  const write = async (siteId: string): Promise<void> => {
    if (busy) return;
    setBusy(siteId);
    try {
      const result = await api.call('return:export', { siteId, folder: folder.trim() });
      setWritten((w) => [...w, t('returnExport.written', { sequence: result.sequence, site: result.siteId, file: result.file })]);
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="return-export-title">
      <h2 id="return-export-title">{t('returnExport.title')}</h2>
      <p className="hint">{t('returnExport.explain')}</p>
      <FolderField api={api} label={t('returnExport.folder')} hint={t('returnExport.folderHint')} value={folder} onChange={setFolder} onError={(e) => setError(asApiError(e))} />
      <p className="row-controls">
        {sites.map((siteId) => (
          <button key={siteId} type="button" className="primary" disabled={busy !== null || folder.trim() === ''} onClick={() => void write(siteId)}>
            {t('returnExport.button', { site: siteId })}
          </button>
        ))}
      </p>
      <ErrorAlert error={error} />
      <div role="status">
        {written.length > 0 ? (
          <ul className="plain-list">
            {written.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
