// What a job shows while it is not done: its progress bar while it runs, its coded error when it failed.

import type { ReactNode } from 'react';
import type { JobView } from '../app/use-job';
import { ErrorAlert } from './ErrorAlert';
import { JobProgress } from './JobProgress';

export function JobStatus<T>({ job, label }: { readonly job: JobView<T>; readonly label: string }): ReactNode {
  if (job.state === 'running') return <JobProgress label={label} phase={job.phase} done={job.done} total={job.total} />;
  if (job.state === 'failed') return <ErrorAlert error={job.error} />;
  return null;
}
