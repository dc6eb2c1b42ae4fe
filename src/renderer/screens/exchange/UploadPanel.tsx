// Upload of bundles to the coordinator's HTTPS address: the main process (or the loopback server) sends them,
// the page itself stays offline; receipts that come back are imported at once.

import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useJob } from '../../app/use-job';
import { useWorkspace } from '../../app/workspace';
import { JobStatus } from '../../components/JobStatus';
import { PathListField, pathsOf } from '../../components/PathListField';

const UploadOutcomes = z.array(
  z.object({
    file: z.string(),
    status: z.enum(['merged', 'unchanged', 'refused', 'failed']),
    attempts: z.number(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
);

export interface UploadPanelProps {
  readonly url: string;
  /** Bundles exported in this session, proposed for upload. */
  readonly suggested: readonly string[];
  readonly onUploaded: () => void;
}

export function UploadPanel({ url, suggested, onUploaded }: UploadPanelProps): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [files, setFiles] = useState(suggested.join('\n'));
  const { job, start } = useJob(api, UploadOutcomes);
  useEffect(() => setFiles(suggested.join('\n')), [suggested]);
  useEffect(() => {
    if (job.state === 'done') onUploaded();
  }, [job, onUploaded]);

  const list = pathsOf(files);
  const run = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (list.length === 0 || job.state === 'running') return;
    await start(() => api.call('export:upload', { files: list }));
  };

  return (
    <section className="card" aria-labelledby="upload-title">
      <h2 id="upload-title">{t('exchange.uploadTitle')}</h2>
      <p className="hint">{t('exchange.uploadExplain', { url })}</p>
      <form onSubmit={(e) => void run(e)} noValidate>
        <PathListField label={t('exchange.uploadFiles')} hint={t('exchange.onePerLine')} value={files} onChange={setFiles} />
        <button type="submit" className="primary" disabled={job.state === 'running' || list.length === 0}>
          {t('exchange.upload')}
        </button>
      </form>
      <JobStatus job={job} label={t('exchange.uploading')} />
      {job.state === 'done' ? (
        <table className="table" aria-label={t('exchange.uploadResults')}>
          <thead>
            <tr>
              <th scope="col">{t('exchange.file')}</th>
              <th scope="col">{t('exchange.outcome')}</th>
              <th scope="col">{t('exchange.attempts')}</th>
              <th scope="col">{t('exchange.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {job.result.map((o) => (
              <tr key={o.file}>
                <td className="mono small">{o.file}</td>
                <td>{t(`exchange.uploadStatus.${o.status}`)}</td>
                <td className="num">{o.attempts}</td>
                <td>{o.error ? `${o.error.code}: ${o.error.message}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
