// Backup of the encrypted database to a folder: the desktop shell's folder picker, or a typed path in the
// browser transport; when the last backup was made.

import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../shared/contract/app';
import { asApiError, type ApiError } from '../api/api-error';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { ErrorAlert } from '../components/ErrorAlert';
import { LabeledInput } from '../components/LabeledInput';
import { formatTimestampLocal } from '../../shared/format';

export function Backup(): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<{ file: string; sha256: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api
      .call('backup:status', {})
      .then(setStatus)
      .catch((e: unknown) => setError(asApiError(e)));
  }, [api]);
  useEffect(load, [load]);

  const choose = async (): Promise<void> => {
    const picked = await api.chooseFolder()?.catch((e: unknown) => {
      setError(asApiError(e));
      return null;
    });
    if (picked) setFolder(picked);
  };

  const run = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (folder.trim() === '') return;
    setBusy(true);
    setResult(null);
    try {
      const out = await api.call('backup:run', { folder: folder.trim() });
      setResult(out);
      setError(null);
      load();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main aria-labelledby="backup-title">
      <div className="screen-head">
        <h1 id="backup-title">{t('backup.title')}</h1>
      </div>
      <p>{status ? (status.lastBackupAt ? t('backup.last', { at: formatTimestampLocal(status.lastBackupAt, lang), count: status.daysSince ?? 0 }) : t('backup.never')) : t('common.loading')}</p>
      {status?.reminder ? <p className="alert alert-warning">{t('backup.due')}</p> : null}
      <form className="card" onSubmit={(e) => void run(e)} noValidate>
        {api.desktop ? (
          <button type="button" onClick={() => void choose()}>
            {t('backup.choose')}
          </button>
        ) : null}
        <LabeledInput label={t('backup.folder')} value={folder} onChange={setFolder} hint={t('backup.folderHint')} spellCheck={false} autoComplete="off" />
        <button type="submit" className="primary" disabled={busy || folder.trim() === ''}>
          {t('backup.run')}
        </button>
      </form>
      <ErrorAlert error={error} />
      {result ? (
        <div className="alert alert-success" role="status">
          <p>{t('backup.done', { file: result.file })}</p>
          <p className="mono small">SHA-256 {result.sha256}</p>
        </div>
      ) : null}
    </main>
  );
}
