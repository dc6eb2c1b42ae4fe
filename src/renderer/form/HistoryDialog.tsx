// The audit trail of one field: who changed it, when, from what to what, and why.

import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryOut } from '../../shared/contract/forms';
import { asApiError, type ApiError } from '../api/api-error';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatTimestampLocal } from '../../shared/format';

export interface HistoryDialogProps {
  readonly subjectId: string;
  readonly form: string;
  readonly instanceNo: number;
  readonly field: string;
  readonly label: string;
  readonly onClose: () => void;
}

export function HistoryDialog({ subjectId, form, instanceNo, field, label, onClose }: HistoryDialogProps): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const [rows, setRows] = useState<AuditEntryOut[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api
      .call('forms:history', { subjectId, form, instanceNo, field })
      .then(setRows)
      .catch((e: unknown) => setError(asApiError(e)));
  }, [api, subjectId, form, instanceNo, field]);
  return (
    <Dialog title={t('history.title', { label })} onClose={onClose} wide>
      <ErrorAlert error={error} />
      {rows === null && !error ? <p>{t('common.loading')}</p> : null}
      {rows && rows.length === 0 ? <p>{t('history.none')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="table">
          <caption className="sr-only">{t('history.title', { label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.who')}</th>
              <th scope="col">{t('history.old')}</th>
              <th scope="col">{t('history.new')}</th>
              <th scope="col">{t('history.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatTimestampLocal(r.at, lang)}</td>
                <td>{r.user}</td>
                <td>{r.oldValue ?? '—'}</td>
                <td>{r.newValue ?? '—'}</td>
                <td>{r.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
