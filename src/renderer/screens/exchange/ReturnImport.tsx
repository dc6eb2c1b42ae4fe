// Import of a return bundle from the coordinating centre (receipts, review marks, locks): the same use-case
// as `edc return import`, through the contract; the result or the coded refusal is shown.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnImportResult } from '../../../shared/contract/return-bundles';
import { asApiError, type ApiError } from '../../api/api-error';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';

export function ReturnImport({ onImported }: { onImported: () => void }): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ReturnImportResult | null>(null);

  const run = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (file.trim() === '') return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.call('return:import', { file: file.trim() }));
      onImported();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="return-title">
      <h2 id="return-title">{t('exchange.returnTitle')}</h2>
      <p className="hint">{t('exchange.returnExplain')}</p>
      <form onSubmit={(e) => void run(e)} noValidate>
        <FolderField api={api} kind="file" label={t('exchange.returnFile')} value={file} onChange={setFile} />
        <button type="submit" disabled={busy || file.trim() === ''}>
          {t('exchange.importReturn')}
        </button>
      </form>
      <ErrorAlert error={error} />
      {result ? (
        <p className="alert alert-success" role="status">
          {result.status === 'applied'
            ? t('exchange.returnApplied', { sequence: result.sequence, receipts: result.counts.receipts ?? 0, reviews: result.counts.reviews ?? 0, locks: result.counts.locks ?? 0 })
            : t('exchange.returnUnchanged', { sequence: result.sequence })}
        </p>
      ) : null}
    </section>
  );
}
