// Import of a return bundle from the coordinating centre (receipts, review marks, locks, queries, amendments):
// the same use-case as `edc return import`, through the contract. The bundle is previewed first (verified,
// nothing written); one that applies a protocol amendment waits for an admin's confirmation of its diff.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReturnImportResult as Result } from '../../../shared/contract/return-bundles';
import type { ReturnPreview } from '../../../shared/contract/return-preview';
import { asApiError, type ApiError } from '../../api/api-error';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';
import { AmendmentReview } from './AmendmentReview';
import { ReturnImportResult } from './ReturnImportResult';

export function ReturnImport({ onImported }: { onImported: () => void }): ReactNode {
  const { api, can } = useWorkspace();
  const { t } = useTranslation();
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [preview, setPreview] = useState<ReturnPreview | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  const attempt = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (): Promise<void> => {
    setResult(await api.call('return:import', { file: file.trim() }));
    setPreview(null);
    onImported();
  };

  const run = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (file.trim() === '') return;
    setResult(null);
    setPreview(null);
    await attempt(async () => {
      const seen = await api.call('return:preview', { file: file.trim() });
      // Without an amendment to apply there is nothing to confirm: the bundle is imported straight away.
      if (seen.appliesAmendment) setPreview(seen);
      else await importFile();
    });
  };

  const choose = (next: string): void => {
    setFile(next);
    setPreview(null);
  };

  return (
    <section className="card" aria-labelledby="return-title">
      <h2 id="return-title">{t('exchange.returnTitle')}</h2>
      <p className="hint">{t('exchange.returnExplain')}</p>
      <form onSubmit={(e) => void run(e)} noValidate>
        <FolderField api={api} kind="file" label={t('exchange.returnFile')} value={file} onChange={choose} />
        <button type="submit" disabled={busy || file.trim() === '' || preview !== null}>
          {t('exchange.importReturn')}
        </button>
      </form>
      {preview ? <AmendmentReview preview={preview} mayApply={can('study.amend')} busy={busy} onConfirm={() => void attempt(importFile)} onCancel={() => setPreview(null)} /> : null}
      <ErrorAlert error={error} />
      {result ? <ReturnImportResult result={result} /> : null}
    </section>
  );
}
