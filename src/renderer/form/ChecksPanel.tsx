// Every failed check of the form in one list (also those whose fields are hidden), with soft-check overrides.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../app/use-lang';
import type { FailureView } from './FieldRow';

export function ChecksPanel({ failures, readOnly, onOverride }: { failures: readonly FailureView[]; readOnly: boolean; onOverride: (id: string) => void }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  if (failures.length === 0) return null;
  const hard = failures.filter((f) => f.severity === 'hard').length;
  const soft = failures.filter((f) => f.severity === 'soft' && !f.override).length;
  return (
    <section className="checks-panel" aria-labelledby="checks-panel-title">
      <h2 id="checks-panel-title">{t('checks.title', { hard, soft })}</h2>
      <ul>
        {failures.map((f) => (
          <li key={f.id} className={f.severity === 'hard' ? 'check check-hard' : f.override ? 'check check-overridden' : 'check check-soft'}>
            <span className="check-kind">{f.severity === 'hard' ? t('checks.hard') : t('checks.soft')}</span> {f.id}: {f.message[lang]}
            {f.override ? <span className="check-override"> — {t(f.override.pending ? 'checks.overridePending' : 'checks.overridden', { reason: f.override.reason })}</span> : null}
            {f.severity === 'soft' && !readOnly ? (
              <button type="button" className="link" onClick={() => onOverride(f.id)}>
                {f.override ? t('checks.changeReason') : t('checks.override')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
