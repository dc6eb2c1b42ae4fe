// Import of a receipt the coordinating centre wrote after merging a bundle: its signature is checked against
// the coordinator key of the site kit, and the status then shows what the centre acknowledged.

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptBody } from '../../../shared/contract/bundles';
import { useAttempt } from '../../app/use-attempt';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { formatTimestampLocal } from '../../../shared/format';
import { FileImportCard } from './FileImportCard';

export function ReceiptImport({ onImported }: { onImported: () => void }): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const [file, setFile] = useState('');
  const { busy, error, attempt } = useAttempt();
  const [receipt, setReceipt] = useState<ReceiptBody | null>(null);

  const run = (chosen: string): void => {
    setReceipt(null);
    void attempt(async () => {
      setReceipt(await api.call('receipt:import', { file: chosen }));
      onImported();
    });
  };

  return (
    <FileImportCard
      kind="receipt"
      file={file}
      onFile={setFile}
      onSubmit={run}
      disabled={busy}
      error={error}
    >
      {receipt ? (
        <p className="alert alert-success" role="status">
          {t('exchange.receiptImported', { sequence: receipt.sequence, merged: formatTimestampLocal(receipt.mergedAt, lang), quarantined: receipt.counts.quarantined })}
        </p>
      ) : null}
    </FileImportCard>
  );
}
