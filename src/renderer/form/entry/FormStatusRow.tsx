// The state of the instance above its fields: status, version, who signed or locked it, what is missing or
// failing, unsaved changes, and the notices for signed and locked forms and for values about to be cleared.

import type { ReactNode } from 'react';
import type { CasebookLockOut } from '../../../shared/contract/casebook-lock';
import type { FormInstanceOut } from '../../../shared/contract/forms';
import { formatTimestampLocal } from '../../../shared/format';
import { useLang } from '../../app/use-lang';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n/lang-context';
import type { FailureView } from '../FieldRow';

export interface FormStatusRowProps {
  readonly instance: FormInstanceOut | null;
  readonly casebookLock: CasebookLockOut | null;
  readonly missing: number;
  readonly failures: readonly FailureView[];
  readonly dirty: boolean;
  /** Labels of hidden fields whose values the next save clears. */
  readonly wouldClear: readonly string[];
}

export function FormStatusRow({ instance, casebookLock, missing, failures, dirty, wouldClear }: FormStatusRowProps): ReactNode {
  const { t } = useT();
  const lang = useLang();
  const status = instance?.status;
  const hard = failures.filter((f) => f.severity === 'hard').length;
  const soft = failures.filter((f) => f.severity === 'soft' && !f.override).length;
  return (
    <>
      <div className="form-status-row">
        <StatusBadge status={status ?? 'empty'} />
        {instance ? <span className="hint">{t('form.version', { version: instance.version })}</span> : <span className="hint">{t('form.notSaved')}</span>}
        {instance?.signedBy ? <span className="hint">{t('form.signedBy', { user: instance.signedBy })}</span> : null}
        {instance?.lockedBy ? <span className="hint">{t('form.lockedBy', { user: instance.lockedBy })}</span> : null}
        <span className="hint">{t('form.counts', { missing, hard, soft })}</span>
        {dirty ? <span className="pill pill-warn">{t('form.unsaved')}</span> : null}
      </div>
      {status === 'signed' ? <p className="alert alert-info">{t('form.signedWarning')}</p> : null}
      {status === 'locked' ? (
        <p className="alert alert-info">
          {casebookLock ? t('form.casebookLockedInfo', { by: casebookLock.lockedBy, at: formatTimestampLocal(casebookLock.lockedAt, lang), reason: casebookLock.reason }) : t('form.lockedInfo')}
        </p>
      ) : null}
      {wouldClear.length > 0 ? (
        <p className="alert alert-warning" role="status">
          {t('form.willClear', { fields: wouldClear.join(', ') })}
        </p>
      ) : null}
    </>
  );
}
