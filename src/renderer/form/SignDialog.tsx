// The investigator's electronic signature: the meaning of the signature shown first, then the password again.

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';

export interface SignDialogProps {
  readonly formTitle: string;
  readonly onSign: (password: string) => Promise<ApiError | null>;
  readonly onCancel: () => void;
}

export function SignDialog({ formTitle, onSign, onCancel }: SignDialogProps): ReactNode {
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
        <p>{t('sign.as', { name: session.displayName, user: session.username })}</p>
        <div className="control">
          <label htmlFor={id}>{t('sign.password')}</label>
          <input id={id} type="password" value={password} autoFocus autoComplete="current-password" aria-describedby={`${id}-meaning`} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <ErrorAlert error={error} />
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || password === ''}>
            {t('sign.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
