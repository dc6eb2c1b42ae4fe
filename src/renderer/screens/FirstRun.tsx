// First run: the site is set up from the coordinating centre's site kit (the first choice: it can then send
// its data to the centre), or stand-alone, with no exchange; either way with its first administrator, then
// the recovery code is handed over.

import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract/app';
import type { SessionInfo } from '../../shared/contract/auth';
import type { ApiClient } from '../api/client';
import { KitSetup } from './setup/KitSetup';
import { StandAloneSetup } from './setup/StandAloneSetup';

export interface FirstRunProps {
  readonly api: ApiClient;
  readonly status: AppStatus;
  readonly onCreated: (recoveryCode: string, session: SessionInfo) => void;
}

type SetupMode = 'kit' | 'standAlone';

export function FirstRun({ api, status, onCreated }: FirstRunProps): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<SetupMode>('kit');
  const option = (value: SetupMode, label: string, explain: string): ReactNode => (
    <div className="setup-option">
      <label>
        <input type="radio" name={`${id}-mode`} value={value} checked={mode === value} onChange={() => setMode(value)} aria-describedby={`${id}-${value}`} /> {label}
      </label>
      <p id={`${id}-${value}`} className="hint">
        {explain}
      </p>
    </div>
  );

  return (
    <main className="first-run" aria-labelledby="first-run-title">
      <div className="card">
        <h1 id="first-run-title">{t('firstRun.title')}</h1>
        <p>{t('firstRun.intro')}</p>
        <fieldset className="setup-choice">
          <legend>{t('firstRun.mode')}</legend>
          {option('kit', t('firstRun.fromKit'), t('firstRun.fromKitExplain'))}
          {option('standAlone', t('firstRun.standAlone'), t('firstRun.standAloneExplain'))}
        </fieldset>
        {mode === 'kit' ? <KitSetup api={api} onCreated={onCreated} /> : <StandAloneSetup api={api} status={status} onCreated={onCreated} />}
      </div>
    </main>
  );
}
