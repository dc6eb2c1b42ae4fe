// The coordinator's merge: bundles from folders or files (e.g. a USB stick or the upload inbox), new sites
// registered by the fingerprint read out of band, a progress bar over the bundles, then the merge report.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MergeReport } from '../../../shared/contract/bundles';
import { useJob } from '../../app/use-job';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { MergeOutcomes } from './MergeOutcomes';
import { SiteRegistrations, type Registration } from './SiteRegistrations';

export function MergeScreen(): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [paths, setPaths] = useState('');
  const [sites, setSites] = useState<Registration[]>([]);
  const { job, start } = useJob(api, MergeReport);
  const list = paths
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);

  const run = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (list.length === 0 || job.state === 'running') return;
    const registerSites = Object.fromEntries(sites.map((s) => [s.siteId, s.fingerprint]));
    await start(() => api.call('central:merge', { paths: list, registerSites }));
  };

  return (
    <main aria-labelledby="merge-title">
      <div className="screen-head">
        <h1 id="merge-title">{t('merge.title')}</h1>
      </div>
      <p className="hint">{t('merge.intro')}</p>
      <SiteRegistrations value={sites} onChange={setSites} />
      <form className="card" onSubmit={(e) => void run(e)} noValidate aria-labelledby="merge-bundles">
        <h2 id="merge-bundles">{t('merge.bundles')}</h2>
        <div className="control wide">
          <label htmlFor="merge-paths">{t('merge.paths')}</label>
          <textarea id="merge-paths" rows={3} value={paths} spellCheck={false} onChange={(e) => setPaths(e.target.value)} aria-describedby="merge-paths-hint" />
          <div id="merge-paths-hint" className="hint">
            {t('merge.pathsHint')}
          </div>
        </div>
        <button type="submit" className="primary" disabled={job.state === 'running' || list.length === 0}>
          {t('merge.start')}
        </button>
      </form>
      {job.state === 'running' ? <JobProgress label={t('merge.merging')} phase={job.phase} done={job.done} total={job.total} /> : null}
      {job.state === 'failed' ? <ErrorAlert error={job.error} /> : null}
      {job.state === 'done' ? <MergeOutcomes report={job.result} /> : null}
    </main>
  );
}
