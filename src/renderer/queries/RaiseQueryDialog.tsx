// The coordinator raises a query on a field or a form of the merged data: a text and a category, sent through
// queries:raise (the core of `edc queries raise`); a refusal stays in the dialog with the server's message.

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QUERY_CATEGORIES, type QueryCategory, type QueryOut } from '../../shared/contract/queries';
import { asApiError, type ApiError } from '../api/api-error';
import { useWorkspace } from '../app/workspace';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';

export interface RaiseTarget {
  readonly subjectId: string;
  readonly form: string;
  readonly instanceNo: number;
  /** Absent: the query is on the form as a whole. */
  readonly field?: string | undefined;
  /** What the query is on, as the user reads it (a field label or the form). */
  readonly label: string;
}

export interface RaiseQueryDialogProps {
  readonly target: RaiseTarget;
  readonly onCancel: () => void;
  readonly onRaised: (query: QueryOut) => void;
}

export function RaiseQueryDialog({ target, onCancel, onRaised }: RaiseQueryDialogProps): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [category, setCategory] = useState<QueryCategory>('other');
  const [tooShort, setTooShort] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const question = text.trim();
    setTooShort(question.length < 3);
    if (question.length < 3 || busy) return;
    setBusy(true);
    try {
      const { subjectId, form, instanceNo, field } = target;
      onRaised(await api.call('queries:raise', { subjectId, form, instanceNo, ...(field ? { field } : {}), text: question, category }));
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('centralCasebook.raiseTitle', { target: target.label })} onClose={onCancel}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="control">
          <label htmlFor={`${id}-text`}>{t('centralCasebook.text')}</label>
          <textarea
            id={`${id}-text`}
            value={text}
            rows={3}
            maxLength={2000}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            aria-invalid={tooShort ? true : undefined}
            aria-describedby={tooShort ? `${id}-e` : undefined}
          />
          {tooShort ? (
            <div id={`${id}-e`} className="field-error" role="alert">
              {t('centralCasebook.tooShort')}
            </div>
          ) : null}
        </div>
        <div className="control">
          <label htmlFor={`${id}-category`}>{t('centralCasebook.category')}</label>
          <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as QueryCategory)}>
            {QUERY_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`queries.category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <ErrorAlert error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('centralCasebook.send')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
