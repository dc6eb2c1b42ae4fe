// The form's action buttons: previous / next form, save draft, mark complete, and sign, lock or unlock where
// the instance's state and the user's role allow it.

import type { ReactNode } from 'react';
import type { FormInstanceOut } from '../../../shared/contract/forms';
import { useWorkspace } from '../../app/workspace';
import { useT } from '../../i18n/lang-context';

export interface FormActionsProps {
  readonly instance: FormInstanceOut | null;
  /** A form locked with its casebook is unlocked with the casebook (from the casebook screen). */
  readonly casebookLocked: boolean;
  readonly canSave: boolean;
  readonly busy: boolean;
  /** Sign and lock wait until the changes are saved. */
  readonly dirty: boolean;
  readonly onSave: (complete: boolean) => void;
  readonly onOpen: (dialog: 'sign' | 'lock' | 'unlock') => void;
  readonly onStep: ((step: 1 | -1) => void) | undefined;
}

export function FormActions({ instance, casebookLocked, canSave, busy, dirty, onSave, onOpen, onStep }: FormActionsProps): ReactNode {
  const { can } = useWorkspace();
  const { t } = useT();
  const status = instance?.status;
  return (
    <div className="form-actions" role="group" aria-label={t('form.actions')}>
      {onStep ? (
        <button type="button" onClick={() => onStep(-1)} aria-keyshortcuts="Alt+P">
          {t('form.previous')} <kbd>{t('form.altP')}</kbd>
        </button>
      ) : null}
      {canSave ? (
        <>
          <button type="button" onClick={() => onSave(false)} disabled={busy} aria-keyshortcuts="Control+S">
            {t('form.saveDraft')} <kbd>{t('form.ctrlS')}</kbd>
          </button>
          <button type="button" className="primary" onClick={() => onSave(true)} disabled={busy} aria-keyshortcuts="Control+Enter">
            {t('form.markComplete')} <kbd>{t('form.ctrlEnter')}</kbd>
          </button>
        </>
      ) : null}
      {status === 'complete' && can('form.sign') ? (
        <button type="button" onClick={() => onOpen('sign')} disabled={dirty}>
          {t('form.sign')}
        </button>
      ) : null}
      {status === 'signed' && can('form.lock') ? (
        <button type="button" onClick={() => onOpen('lock')} disabled={dirty}>
          {t('form.lock')}
        </button>
      ) : null}
      {status === 'locked' && !casebookLocked && can('form.unlock') ? (
        <button type="button" onClick={() => onOpen('unlock')}>
          {t('form.unlock')}
        </button>
      ) : null}
      {onStep ? (
        <button type="button" onClick={() => onStep(1)} aria-keyshortcuts="Alt+N">
          {t('form.next')} <kbd>{t('form.altN')}</kbd>
        </button>
      ) : null}
    </div>
  );
}
