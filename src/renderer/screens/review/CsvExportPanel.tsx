// CSV export from the Review screen: a folder, the dialect (RFC 4180, or Excel for Italian locales), and for
// site admins an identified export that must be confirmed explicitly; followed as a job, then the files written
// with their row counts and SHA-256.

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { asApiError, type ApiError } from '../../api/api-error';
import { useJob } from '../../app/use-job';
import { useWorkspace } from '../../app/workspace';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';
import { JobStatus } from '../../components/JobStatus';
import { CsvFiles } from './CsvFiles';

export const CsvExportResult = z.object({
  dir: z.string(),
  files: z.array(z.object({ name: z.string(), sha256: z.string(), rows: z.number() })),
  subjects: z.number(),
});

type Dialect = 'rfc4180' | 'excel-it';
const DIALECTS: readonly Dialect[] = ['rfc4180', 'excel-it'];

export function CsvExportPanel(): ReactNode {
  const { api, can } = useWorkspace();
  const { t } = useTranslation();
  const id = useId();
  const [folder, setFolder] = useState('');
  const [dialect, setDialect] = useState<Dialect>('rfc4180');
  const [identified, setIdentified] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [pickError, setPickError] = useState<ApiError | null>(null);
  const { job, start } = useJob(api, CsvExportResult);
  const mayIdentify = can('data.exportIdentified');

  const run = (confirmed: boolean): void => {
    const withIdentity = mayIdentify && identified;
    void start(() => api.call('export:csv', { folder: folder.trim(), dialect, identified: withIdentity, confirmIdentified: withIdentity && confirmed }));
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (folder.trim() === '' || job.state === 'running') return;
    if (mayIdentify && identified) setConfirming(true);
    else run(false);
  };

  return (
    <div className="csv-export">
      <form onSubmit={submit} noValidate>
        <FolderField api={api} label={t('csv.folder')} value={folder} onChange={setFolder} onError={(e) => setPickError(asApiError(e))} />
        <fieldset>
          <legend>{t('csv.dialect')}</legend>
          {DIALECTS.map((d) => (
            <label key={d} className="radio">
              <input type="radio" name={`${id}-dialect`} value={d} checked={dialect === d} onChange={() => setDialect(d)} /> {t(`csv.dialects.${d === 'rfc4180' ? 'rfc' : 'excel'}`)}
            </label>
          ))}
        </fieldset>
        {mayIdentify ? (
          <div className="check-row">
            <input id={`${id}-identified`} type="checkbox" checked={identified} onChange={(e) => setIdentified(e.target.checked)} aria-describedby={`${id}-identified-hint`} />
            <label htmlFor={`${id}-identified`}>{t('csv.identified')}</label>
            <span id={`${id}-identified-hint`} className="hint">
              {t('csv.identifiedHint')}
            </span>
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={job.state === 'running' || folder.trim() === ''}>
          {t('csv.export')}
        </button>
      </form>
      <ErrorAlert error={pickError} />
      <JobStatus job={job} label={t('csv.exporting')} />
      {job.state === 'done' ? <CsvFiles result={job.result} /> : null}
      {confirming ? (
        <ConfirmDialog
          title={t('csv.confirmTitle')}
          message={t('csv.confirmMessage')}
          confirmLabel={t('csv.confirmIdentified')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            run(true);
          }}
        />
      ) : null}
    </div>
  );
}
