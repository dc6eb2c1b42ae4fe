// A running job's progress: a labelled <progress> bar (indeterminate until the total is known) and its phase.

import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const PHASES = ['starting', 'reading', 'packing', 'encrypting', 'writing', 'merging', 'uploading', 'done'];

export interface JobProgressProps {
  readonly label: string;
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

export function JobProgress({ label, phase, done, total }: JobProgressProps): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const phaseText = PHASES.includes(phase) ? t(`job.phases.${phase}`) : phase;
  return (
    <div className="job-progress" role="status">
      <label htmlFor={id}>{label}</label>
      {total > 0 ? <progress id={id} max={total} value={done} /> : <progress id={id} />}
      <span className="hint">{total > 0 ? t('job.progress', { phase: phaseText, done, total }) : phaseText}</span>
    </div>
  );
}
