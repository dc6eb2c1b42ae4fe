// Import of a return bundle from the coordinating centre (receipts, review marks, locks, queries, amendments):
// the same use-case as `edc return import`, through the contract. The bundle is previewed first (verified,
// nothing written); one that applies a protocol amendment waits for an admin's confirmation of its diff.

import { useState, type ReactNode } from 'react';
import type { ReturnImportResult as Result } from '../../../shared/contract/return-bundles';
import type { ReturnPreview } from '../../../shared/contract/return-preview';
import { useAttempt } from '../../app/use-attempt';
import { useWorkspace } from '../../app/workspace';
import { AmendmentReview } from './AmendmentReview';
import { FileImportCard } from './FileImportCard';
import { ReturnImportResult } from './ReturnImportResult';

export function ReturnImport({ onImported }: { onImported: () => void }): ReactNode {
  const { api, can } = useWorkspace();
  const [file, setFile] = useState('');
  const { busy, error, attempt } = useAttempt();
  const [preview, setPreview] = useState<ReturnPreview | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  const importFile = async (chosen: string): Promise<void> => {
    setResult(await api.call('return:import', { file: chosen }));
    setPreview(null);
    onImported();
  };

  const run = (chosen: string): void => {
    setResult(null);
    setPreview(null);
    void attempt(async () => {
      const seen = await api.call('return:preview', { file: chosen });
      // Without an amendment to apply there is nothing to confirm: the bundle is imported straight away.
      if (seen.appliesAmendment) setPreview(seen);
      else await importFile(chosen);
    });
  };

  const choose = (next: string): void => {
    setFile(next);
    setPreview(null);
  };

  return (
    <FileImportCard
      kind="return"
      file={file}
      onFile={choose}
      onSubmit={run}
      disabled={busy || preview !== null}
      error={error}
      pending={preview ? <AmendmentReview preview={preview} mayApply={can('study.amend')} busy={busy} onConfirm={() => void attempt(() => importFile(file.trim()))} onCancel={() => setPreview(null)} /> : null}
    >
      {result ? <ReturnImportResult result={result} /> : null}
    </FileImportCard>
  );
}
