// Asks for a reason (change after completion, removal, unlock, soft-check override): at least 3 characters.

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';
import { SubmitActions } from './SubmitActions';

export interface ReasonDialogProps {
  readonly title: string;
  readonly explanation?: string | undefined;
  readonly confirmLabel: string;
  readonly onConfirm: (reason: string) => void;
  readonly onCancel: () => void;
  readonly initial?: string;
}

export function ReasonDialog({ title, explanation, confirmLabel, onConfirm, onCancel, initial = '' }: ReasonDialogProps): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < 3) {
      setError(t('reason.tooShort'));
      return;
    }
    onConfirm(text);
  };
  return (
    <Dialog title={title} onClose={onCancel}>
      <form onSubmit={submit} noValidate>
        {explanation ? <p>{explanation}</p> : null}
        <div className="control">
          <label htmlFor={id}>{t('reason.label')}</label>
          <textarea id={id} value={reason} rows={3} maxLength={500} autoFocus onChange={(e) => setReason(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-e` : undefined} />
          {error ? (
            <div id={`${id}-e`} className="field-error" role="alert">
              {error}
            </div>
          ) : null}
        </div>
        <SubmitActions submitLabel={confirmLabel} onCancel={onCancel} />
      </form>
    </Dialog>
  );
}
