// Answers a query with a text ("confirmed in source") through queries:answer; a refused answer (the query was
// answered or closed meanwhile, a role that may not answer) stays in the dialog with the server's message.

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryOut } from '../../shared/contract/queries';
import { asApiError, type ApiError } from '../api/api-error';
import { useWorkspace } from '../app/workspace';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { SubmitActions } from '../components/SubmitActions';

export interface AnswerDialogProps {
  readonly query: QueryOut;
  readonly onCancel: () => void;
  readonly onAnswered: (query: QueryOut) => void;
}

export function AnswerDialog({ query, onCancel, onAnswered }: AnswerDialogProps): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(() => t('queries.answerDefault'));
  const [tooShort, setTooShort] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const answer = text.trim();
    setTooShort(answer.length < 3);
    if (answer.length < 3 || busy) return;
    setBusy(true);
    try {
      onAnswered(await api.call('queries:answer', { queryId: query.id, text: answer }));
    } catch (e) {
      setError(asApiError(e));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('queries.answerTitle', { id: query.id })} onClose={onCancel}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="query-text">{query.text}</p>
        <div className="control">
          <label htmlFor={id}>{t('queries.answerText')}</label>
          <textarea id={id} value={text} rows={3} maxLength={2000} autoFocus onChange={(e) => setText(e.target.value)} aria-invalid={tooShort ? true : undefined} aria-describedby={tooShort ? `${id}-e` : undefined} />
          {tooShort ? (
            <div id={`${id}-e`} className="field-error" role="alert">
              {t('queries.tooShort')}
            </div>
          ) : null}
        </div>
        <ErrorAlert error={error} />
        <SubmitActions submitLabel={t('queries.answerSend')} onCancel={onCancel} disabled={busy} />
      </form>
    </Dialog>
  );
}
