// The dialog a form entry has open, if any: reason for change (offering to answer the queries on the fields
// changed), soft-check override, signature, lock, unlock, a field's history, answering a query, or leaving with
// unsaved changes.

import type { ReactNode } from 'react';
import type { QueryOut } from '../../../shared/contract/queries';
import type { ApiError } from '../../api/api-error';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useT } from '../../i18n/lang-context';
import { AnswerDialog } from '../../queries/AnswerDialog';
import { HistoryDialog } from '../HistoryDialog';
import { SignDialog } from '../SignDialog';
import type { PendingDialog } from './pending';

export interface FormDialogsProps {
  readonly pending: PendingDialog;
  readonly subjectId: string;
  readonly form: string;
  readonly instanceNo: number;
  readonly title: string;
  /** Labels of the fields a save with a reason would change. */
  readonly changing: readonly string[];
  /** The form was completed before: that is why a reason is asked (otherwise only queries are). */
  readonly completedOnce: boolean;
  /** Ids of the open queries on the fields a save would change: the reason offers to answer them. */
  readonly answering: readonly string[];
  /** The message of a failed check, in the reader's language. */
  readonly checkMessage: (checkId: string) => string | undefined;
  /** The override reason given for a check since the last save. */
  readonly overrideReason: (checkId: string) => string | undefined;
  readonly onClose: () => void;
  readonly onReason: (complete: boolean, reason: string) => void;
  readonly onOverride: (checkId: string, reason: string) => void;
  readonly onSign: (password: string) => Promise<ApiError | null>;
  readonly onLock: () => void;
  readonly onUnlock: (reason: string) => void;
  readonly onAnswered: (query: QueryOut) => void;
}

export function FormDialogs(props: FormDialogsProps): ReactNode {
  const { pending, onClose } = props;
  const { t } = useT();
  switch (pending?.kind) {
    case 'reason':
      return (
        <ReasonDialog
          title={t('form.reasonTitle')}
          explanation={[props.completedOnce ? t('form.reasonExplain', { fields: props.changing.join(', ') }) : '', props.answering.length > 0 ? t('queries.reasonAnswers', { ids: props.answering.join(', ') }) : ''].filter(Boolean).join(' ')}
          confirmLabel={pending.complete ? t('form.markComplete') : t('form.saveDraft')}
          initial={props.answering.length > 0 ? t('queries.reasonPrefill', { ids: props.answering.join(', ') }) : ''}
          onCancel={onClose}
          onConfirm={(reason) => props.onReason(pending.complete, reason)}
        />
      );
    case 'override':
      return (
        <ReasonDialog
          title={t('checks.overrideTitle', { id: pending.id })}
          explanation={props.checkMessage(pending.id)}
          confirmLabel={t('checks.override')}
          initial={props.overrideReason(pending.id) ?? ''}
          onCancel={onClose}
          onConfirm={(reason) => props.onOverride(pending.id, reason)}
        />
      );
    case 'sign':
      return <SignDialog formTitle={props.title} onCancel={onClose} onSign={props.onSign} />;
    case 'lock':
      return <ConfirmDialog title={t('form.lockTitle')} message={t('form.lockExplain')} confirmLabel={t('form.lock')} onCancel={onClose} onConfirm={props.onLock} />;
    case 'unlock':
      return <ReasonDialog title={t('form.unlockTitle')} confirmLabel={t('form.unlock')} onCancel={onClose} onConfirm={props.onUnlock} />;
    case 'answer':
      return <AnswerDialog query={pending.query} onCancel={onClose} onAnswered={props.onAnswered} />;
    case 'history':
      return <HistoryDialog subjectId={props.subjectId} form={props.form} instanceNo={props.instanceNo} field={pending.field} label={pending.label} onClose={onClose} />;
    case 'leave':
      return (
        <ConfirmDialog
          title={t('form.leaveTitle')}
          message={t('form.leaveExplain')}
          confirmLabel={t('form.leaveDiscard')}
          cancelLabel={t('form.leaveStay')}
          onCancel={() => {
            pending.answer(false);
            onClose();
          }}
          onConfirm={() => {
            pending.answer(true);
            onClose();
          }}
        />
      );
    default:
      return null;
  }
}
