// The coordinator's merge: bundles from folders or files (e.g. a USB stick or the upload inbox), new sites
// registered by the fingerprint read out of band, a progress bar over the bundles, then the merge report and
// the return bundle offered for each site merged.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MergeReport } from '../../../shared/contract/bundles';
import { useJob } from '../../app/use-job';
import { useWorkspace } from '../../app/workspace';
import { JobStatus } from '../../components/JobStatus';
import { PathListField, pathsOf } from '../../components/PathListField';
import { MergeOutcomes } from './MergeOutcomes';
import { ReturnExportOffer } from './ReturnExportOffer';
import { SiteRegistrations, type Registration } from './SiteRegistrations';

export function MergeScreen(): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [paths, setPaths] = useState('');
  const [sites, setSites] = useState<Registration[]>([]);
  const { job, start } = useJob(api, MergeReport);
  const list = pathsOf(paths);

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
        <PathListField label={t('merge.paths')} hint={t('merge.pathsHint')} value={paths} onChange={setPaths} />
        <button type="submit" className="primary" disabled={job.state === 'running' || list.length === 0}>
          {t('merge.start')}
        </button>
      </form>
      <JobStatus job={job} label={t('merge.merging')} />
      {job.state === 'done' ? <MergeOutcomes report={job.result} /> : null}
      {job.state === 'done' ? <ReturnExportOffer report={job.result} /> : null}
    </main>
  );
}
