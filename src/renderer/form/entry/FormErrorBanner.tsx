// The error of the last save under the form. "Required items missing" names the fields by their labels in the
// reader's language and lists only those still empty: it shrinks as they are filled and goes once none is left.

import type { ReactNode } from 'react';
import type { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/lang-context';

export interface FormErrorBannerProps {
  readonly error: ApiError | null;
  /** Required items empty now, by field name (the live evaluation). */
  readonly missing: ReadonlySet<string>;
  readonly labelOf: (name: string) => string;
}

export function FormErrorBanner({ error, missing, labelOf }: FormErrorBannerProps): ReactNode {
  const { t } = useT();
  if (error?.code !== 'form.incomplete') return <ErrorAlert error={error} />;
  const still = error.listDetail('fields').filter((name) => missing.has(name));
  if (still.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert">
      <strong>{t('common.error')}</strong> {t('form.incompleteFields', { fields: still.map(labelOf).join('; ') })}
    </div>
  );
}
