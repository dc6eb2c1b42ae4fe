// The buttons at the foot of a dialog's form: cancel, then the primary submit that names the action.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SubmitActionsProps {
  readonly submitLabel: string;
  readonly onCancel: () => void;
  readonly disabled?: boolean;
}

export function SubmitActions({ submitLabel, onCancel, disabled = false }: SubmitActionsProps): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="dialog-actions">
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="primary" disabled={disabled}>
        {submitLabel}
      </button>
    </div>
  );
}
