// Import of a receipt the coordinating centre wrote after merging a bundle: its signature is checked against
// the coordinator key of the site kit, and the status then shows what the centre acknowledged.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptBody } from '../../../shared/contract/bundles';
import { asApiError, type ApiError } from '../../api/api-error';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';
import { formatTimestampLocal } from '../../../shared/format';

export function ReceiptImport({ onImported }: { onImported: () => void }): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [receipt, setReceipt] = useState<ReceiptBody | null>(null);

  const run = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (file.trim() === '') return;
    setBusy(true);
    setError(null);
    setReceipt(null);
    try {
      setReceipt(await api.call('receipt:import', { file: file.trim() }));
      onImported();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{t('exchange.receiptTitle')}</h2>
      <p className="hint">{t('exchange.receiptExplain')}</p>
      <form onSubmit={(e) => void run(e)} noValidate>
        <FolderField api={api} kind="file" label={t('exchange.receiptFile')} value={file} onChange={setFile} />
        <button type="submit" disabled={busy || file.trim() === ''}>
          {t('exchange.importReceipt')}
        </button>
      </form>
      <ErrorAlert error={error} />
      {receipt ? (
        <p className="alert alert-success" role="status">
          {t('exchange.receiptImported', { sequence: receipt.sequence, merged: formatTimestampLocal(receipt.mergedAt, lang), quarantined: receipt.counts.quarantined })}
        </p>
      ) : null}
    </section>
  );
}
