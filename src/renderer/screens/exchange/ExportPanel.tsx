// Export of a signed, encrypted bundle (full snapshot) to a folder, followed as a job with a progress bar.

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportResult } from '../../../shared/contract/bundles';
import { asApiError, type ApiError } from '../../api/api-error';
import { useJob } from '../../app/use-job';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';
import { JobStatus } from '../../components/JobStatus';

export function ExportPanel({ onExported }: { onExported: (file: string) => void }): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [folder, setFolder] = useState('');
  const [pickError, setPickError] = useState<ApiError | null>(null);
  const { job, start } = useJob(api, ExportResult);

  const run = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (folder.trim() === '' || job.state === 'running') return;
    await start(() => api.call('export:start', { folder: folder.trim() }));
  };
  // Reported once per finished export: the status card and the upload list follow.
  const report = useRef(onExported);
  report.current = onExported;
  useEffect(() => {
    if (job.state === 'done') report.current(job.result.file);
  }, [job]);

  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">{t('exchange.exportTitle')}</h2>
      <p className="hint">{t('exchange.exportExplain')}</p>
      <form onSubmit={(e) => void run(e)} noValidate>
        <FolderField api={api} label={t('exchange.folder')} value={folder} onChange={setFolder} hint={t('exchange.folderHint')} onError={(e) => setPickError(asApiError(e))} />
        <button type="submit" className="primary" disabled={job.state === 'running' || folder.trim() === ''}>
          {t('exchange.export')}
        </button>
      </form>
      <ErrorAlert error={pickError} />
      <JobStatus job={job} label={t('exchange.exporting')} />
      {job.state === 'done' ? (
        <div className="alert alert-success" role="status">
          <p>{t('exchange.exported', { sequence: job.result.sequence, file: job.result.fileName })}</p>
          <p>{t('exchange.exportCounts', { subjects: job.result.counts.subjects, instances: job.result.counts.formInstances, audit: job.result.counts.auditEntries, kb: Math.ceil(job.result.bytes / 1024) })}</p>
          <p className="mono small">{job.result.file}</p>
          <p className="mono small">SHA-256 {job.result.sha256}</p>
        </div>
      ) : null}
    </section>
  );
}
