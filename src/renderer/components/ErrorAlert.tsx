// An API error shown to the user, in their language, announced by screen readers.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/api-error';
import { useLang } from '../app/use-lang';

export function ErrorAlert({ error }: { error: ApiError | null | undefined }): ReactNode {
  const lang = useLang();
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t('common.error')}</strong> {error.messageIn(lang)}
    </div>
  );
}
