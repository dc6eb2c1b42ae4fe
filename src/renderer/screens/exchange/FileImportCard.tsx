// The head shared by the Exchange screen's imports (receipts, return bundles): a titled card with a file
// chooser and an import button; what the import shows afterwards comes as children.

import type { FormEvent, ReactNode } from 'react';
import type { ApiError } from '../../api/api-error';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FolderField } from '../../components/FolderField';

export interface FileImportCardProps {
  readonly id: string;
  readonly title: string;
  readonly explain: string;
  readonly fileLabel: string;
  readonly submitLabel: string;
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

export function FileImportCard({ id, title, explain, fileLabel, submitLabel, file, onFile, onSubmit, disabled, error, pending, children }: FileImportCardProps): ReactNode {
  const { api } = useWorkspace();
  const chosen = file.trim();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (chosen !== '') onSubmit(chosen);
  };
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="hint">{explain}</p>
      <form onSubmit={submit} noValidate>
        <FolderField api={api} kind="file" label={fileLabel} value={file} onChange={onFile} />
        <button type="submit" disabled={disabled || chosen === ''}>
          {submitLabel}
        </button>
      </form>
      {pending}
      <ErrorAlert error={error} />
      {children}
    </section>
  );
}
