// "Lock casebook" / "Unlock casebook" for administrators: asks the reason, then locks every form of the
// subject (or gives each form back its status) and tells the casebook screen to reload.

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasebookLockOut } from '../../shared/contract/casebook-lock';
import { asApiError, type ApiError } from '../api/api-error';
import { useWorkspace } from '../app/workspace';
import { ReasonDialog } from '../components/ReasonDialog';

export interface CasebookLockButtonProps {
  readonly subjectId: string;
  readonly lock: CasebookLockOut | null;
  readonly onDone: (message: string) => void;
  readonly onError: (error: ApiError) => void;
}

export function CasebookLockButton({ subjectId, lock, onDone, onError }: CasebookLockButtonProps): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);

  const confirm = async (reason: string): Promise<void> => {
    setAsking(false);
    try {
      if (lock) {
        const { restored } = await api.call('casebook:unlock', { subjectId, reason });
        onDone(t('casebook.unlockedDone', { count: restored }));
      } else {
        await api.call('casebook:lock', { subjectId, reason });
        onDone(t('casebook.lockedDone'));
      }
    } catch (e) {
      onError(asApiError(e));
    }
  };

  return (
    <>
      <button type="button" className={lock ? undefined : 'danger'} onClick={() => setAsking(true)}>
        {lock ? t('casebook.unlockButton') : t('casebook.lockButton')}
      </button>
      {asking ? (
        <ReasonDialog
          title={t(lock ? 'casebook.unlockTitle' : 'casebook.lockTitle', { subject: subjectId })}
          explanation={t(lock ? 'casebook.unlockExplain' : 'casebook.lockExplain')}
          confirmLabel={lock ? t('casebook.unlockButton') : t('casebook.lockButton')}
          onCancel={() => setAsking(false)}
          onConfirm={(reason) => void confirm(reason)}
        />
      ) : null}
    </>
  );
}
