// Periodic exchange on the Exchange screen: when the next automatic export is due, the changes not yet
// exported, the upload queue; for admins the interval and folder; "run now" for whoever may export.

import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExchangeStatus } from '../../../shared/contract/bundles';
import { formatTimestampLocal } from '../../../shared/format';
import { asApiError, type ApiError } from '../../api/api-error';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';
import { LabeledInput } from '../../components/LabeledInput';

function SettingsForm({ status, onSaved }: { status: ExchangeStatus; onSaved: (s: ExchangeStatus) => void }): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [days, setDays] = useState(status.settings.intervalDays === null ? '' : String(status.settings.intervalDays));
  const [folder, setFolder] = useState(status.settings.folder ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState('');
  const trimmed = days.trim();
  const invalid = trimmed !== '' && !/^\d{1,3}$/.test(trimmed);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (invalid) return;
    try {
      onSaved(await api.call('exchange:setSettings', { intervalDays: trimmed === '' ? null : Number(trimmed), folder: folder.trim() === '' ? null : folder.trim() }));
      setError(null);
      setMessage(t('periodic.saved'));
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label={t('periodic.settingsTitle')}>
      <LabeledInput label={t('periodic.interval')} value={days} onChange={setDays} inputMode="numeric" hint={t('periodic.intervalHint')} error={invalid ? t('periodic.intervalInvalid') : undefined} autoComplete="off" />
      <FolderField api={api} label={t('periodic.folder')} value={folder} onChange={setFolder} hint={t('periodic.folderHint')} onError={(e) => setError(asApiError(e))} />
      <button type="submit" disabled={invalid}>
        {t('periodic.save')}
      </button>
      <p role="status">{message}</p>
      <ErrorAlert error={error} />
    </form>
  );
}

export function PeriodicExchangeCard({ onRun }: { onRun: () => void }): ReactNode {
  const { api, can } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const [status, setStatus] = useState<ExchangeStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [running, setRunning] = useState(false);
  const [ran, setRan] = useState('');
  const load = useCallback(() => {
    api
      .call('exchange:status', {})
      .then(setStatus)
      .catch((e: unknown) => setError(asApiError(e)));
  }, [api]);
  useEffect(load, [load]);

  const run = async (): Promise<void> => {
    setRunning(true);
    try {
      const result = await api.call('exchange:run', { force: true });
      setStatus(result.status);
      setRan(result.exported ? t('periodic.ran', { sequence: result.exported.sequence }) : '');
      setError(null);
      onRun();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setRunning(false);
    }
  };
  const when = (iso: string | null): string => (iso ? formatTimestampLocal(iso, lang) : t('periodic.never'));
  return (
    <section className="card" aria-labelledby="periodic-title">
      <h2 id="periodic-title">{t('periodic.title')}</h2>
      <p className="hint">{t('periodic.explain')}</p>
      {status ? (
        <dl className="facts" data-testid="periodic-status">
          <dt>{t('periodic.interval')}</dt>
          <dd>{status.settings.intervalDays === null ? t('periodic.off') : t('periodic.everyDays', { count: status.settings.intervalDays })}</dd>
          <dt>{t('periodic.dueAt')}</dt>
          <dd className={status.overdue ? 'text-warning' : undefined}>{status.settings.intervalDays === null ? t('periodic.off') : when(status.dueAt)}</dd>
          <dt>{t('periodic.changes')}</dt>
          <dd>{t('periodic.changesCount', { subjects: status.changes.subjects, entries: status.changes.entries })}</dd>
          <dt>{t('periodic.queue')}</dt>
          <dd>
            {status.queue.pending === 0 ? t('periodic.queueEmpty') : t('periodic.waiting', { count: status.queue.pending })}
            {status.queue.lastError ? <span className="block small">{t('periodic.lastError', { error: status.queue.lastError, next: when(status.queue.nextAttemptAt) })}</span> : null}
          </dd>
        </dl>
      ) : null}
      {can('bundle.export') && status?.settings.folder ? (
        <button type="button" onClick={() => void run()} disabled={running}>
          {t('periodic.runNow')}
        </button>
      ) : null}
      <p role="status">{ran}</p>
      <ErrorAlert error={error} />
      {can('site.settings') && status ? <SettingsForm status={status} onSaved={setStatus} /> : null}
    </section>
  );
}
