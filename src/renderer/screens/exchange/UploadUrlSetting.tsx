// The coordinator's HTTPS address for uploads (admins): https only; empty removes it (exchange by file only).

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportStatus } from '../../../shared/contract/bundles';
import { asApiError, type ApiError } from '../../api/api-error';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LabeledInput } from '../../components/LabeledInput';

export function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:' && text.startsWith('https://');
  } catch {
    return false;
  }
}

export function UploadUrlSetting({ current, onSaved }: { current: string | null; onSaved: (status: ExportStatus) => void }): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [url, setUrl] = useState(current ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState('');
  const trimmed = url.trim();
  const invalid = trimmed !== '' && !isHttpsUrl(trimmed);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (invalid) return;
    try {
      onSaved(await api.call('export:setUploadUrl', { url: trimmed === '' ? null : trimmed }));
      setError(null);
      setMessage(trimmed === '' ? t('exchange.urlCleared') : t('exchange.urlSaved'));
    } catch (e) {
      setError(asApiError(e));
    }
  };

  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate aria-labelledby="upload-url-title">
      <h2 id="upload-url-title">{t('exchange.urlTitle')}</h2>
      <LabeledInput label={t('exchange.uploadUrl')} value={url} onChange={setUrl} placeholder="https://" hint={t('exchange.urlHint')} error={invalid ? t('exchange.httpsOnly') : undefined} spellCheck={false} autoComplete="off" />
      <button type="submit" disabled={invalid}>
        {t('exchange.saveUrl')}
      </button>
      <p role="status">{message}</p>
      <ErrorAlert error={error} />
    </form>
  );
}
