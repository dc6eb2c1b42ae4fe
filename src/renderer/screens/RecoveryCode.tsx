// The recovery code, shown exactly once after set-up: print it (print stylesheet shows only the code sheet)
// and confirm it was stored before going on.

import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimestampLocal } from '../../shared/format';
import { useLang } from '../app/use-lang';

export function RecoveryCode({ code, onContinue }: { code: string; onContinue: () => void }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const [stored, setStored] = useState(false);
  const checkId = useId();
  return (
    <main className="recovery" aria-labelledby="recovery-title">
      <section className="card print-sheet">
        <h1 id="recovery-title">{t('recovery.title')}</h1>
        <p>{t('recovery.explain')}</p>
        <p className="recovery-code">
          <span className="sr-only">{t('recovery.codeLabel')}: </span>
          <span className="mono">{code}</span>
        </p>
        <p className="print-only">{t('recovery.printedOn', { date: formatTimestampLocal(new Date().toISOString(), lang) })}</p>
      </section>
      <div className="card no-print">
        <p className="alert alert-warning">{t('recovery.once')}</p>
        <button type="button" onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
        <div className="check-row">
          <input id={checkId} type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
          <label htmlFor={checkId}>{t('recovery.stored')}</label>
        </div>
        <button type="button" className="primary" disabled={!stored} onClick={onContinue}>
          {t('recovery.continue')}
        </button>
      </div>
    </main>
  );
}
