// The head shared by the Exchange screen's imports (receipts, return bundles): a titled card with a file
// chooser and an import button; what the import shows afterwards comes as children.

import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/api-error';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';

// Each import's texts, by the kind of file it takes.
const TEXTS = {
  receipt: { title: 'exchange.receiptTitle', explain: 'exchange.receiptExplain', file: 'exchange.receiptFile', submit: 'exchange.importReceipt' },
  return: { title: 'exchange.returnTitle', explain: 'exchange.returnExplain', file: 'exchange.returnFile', submit: 'exchange.importReturn' },
} as const;

export interface FileImportCardProps {
  readonly kind: keyof typeof TEXTS;
  readonly file: string;
  readonly onFile: (file: string) => void;
  /** Called with the trimmed path; never with an empty one. */
  readonly onSubmit: (file: string) => void;
  readonly disabled: boolean;
  readonly error: ApiError | null;
  /** Shown between the form and the error (e.g. a confirmation step). */
  readonly pending?: ReactNode;
  readonly children?: ReactNode;
}

export function FileImportCard({ kind, file, onFile, onSubmit, disabled, error, pending, children }: FileImportCardProps): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const texts = TEXTS[kind];
  const id = `${kind}-title`;
  const chosen = file.trim();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (chosen !== '') onSubmit(chosen);
  };
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{t(texts.title)}</h2>
      <p className="hint">{t(texts.explain)}</p>
      <form onSubmit={submit} noValidate>
        <FolderField api={api} kind="file" label={t(texts.file)} value={file} onChange={onFile} />
        <button type="submit" disabled={disabled || chosen === ''}>
          {t(texts.submit)}
        </button>
      </form>
      {pending}
      <ErrorAlert error={error} />
      {children}
    </section>
  );
}
