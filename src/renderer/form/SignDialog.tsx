// The investigator's electronic signature: the meaning of the signature shown first, what is signed, then the
// password again (one form, or every completed form of a casebook at once).

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { SubmitActions } from '../components/SubmitActions';

export interface SignDialogProps {
  readonly formTitle: string;
  readonly onSign: (password: string) => Promise<ApiError | null>;
  readonly onCancel: () => void;
  /** What is being signed, when more than the title says (the list of forms). */
  readonly children?: ReactNode;
}

export function SignDialog({ formTitle, onSign, onCancel, children }: SignDialogProps): ReactNode {
  const { study, session } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    const failed = await onSign(password);
    setBusy(false);
    setPassword('');
    setError(failed);
  };
  return (
    <Dialog title={t('sign.title', { form: formTitle })} onClose={onCancel}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p className="sign-meaning" id={`${id}-meaning`}>
          <strong>{t('sign.meaning')}</strong> {study.definition.signatureMeaning[lang]}
        </p>
        {children}
        <p>{t('sign.as', { name: session.displayName, user: session.username })}</p>
        <div className="control">
          <label htmlFor={id}>{t('sign.password')}</label>
          <input id={id} type="password" value={password} autoFocus autoComplete="current-password" aria-describedby={`${id}-meaning`} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <ErrorAlert error={error} />
        <SubmitActions submitLabel={t('sign.confirm')} onCancel={onCancel} disabled={busy || password === ''} />
      </form>
    </Dialog>
  );
}
