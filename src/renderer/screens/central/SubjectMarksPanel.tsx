// In the coordinator's casebook: which of the subject's forms are marked source-verified (at the site or the
// centre, by whom and when) and which of the centre's locks freeze it, with their reasons.

import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubjectMarks } from '../../../shared/contract/central-casebook';
import { formatTimestampLocal } from '../../../shared/format';
import { asApiError, type ApiError } from '../../api/api-error';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';

export function SubjectMarksPanel({ subjectId }: { subjectId: string }): ReactNode {
  const { api, study } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const [marks, setMarks] = useState<SubjectMarks | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let cancelled = false;
    api
      .call('central:subjectMarks', { subjectId })
      .then((m) => !cancelled && setMarks(m))
      .catch((e: unknown) => !cancelled && setError(asApiError(e)));
    return () => {
      cancelled = true;
    };
  }, [api, subjectId]);

  const formLabel = (key: string, instanceNo: number): string => {
    const form = study.form(key);
    const title = form ? `${form.specId} ${form.title[lang]}` : key;
    return form?.repeating ? `${title} #${instanceNo}` : title;
  };

  return (
    <section className="card" aria-labelledby="central-marks-title">
      <h2 id="central-marks-title">{t('centralCasebook.marksTitle')}</h2>
      <ErrorAlert error={error} />
      {marks ? (
        <>
          {marks.locks.length === 0 ? <p>{t('centralCasebook.noLocks')}</p> : null}
          {marks.locks.length > 0 ? (
            <ul className="plain-list" aria-label={t('centralCasebook.marksTitle')}>
              {marks.locks.map((l) => (
                <li key={l.lockId} className="warn-text">
                  {t(`centralCasebook.lock.${l.scope}`, { target: l.target ?? '', by: l.lockedBy, at: formatTimestampLocal(l.lockedAt, lang), reason: l.reason })}
                </li>
              ))}
            </ul>
          ) : null}
          {marks.reviews.length === 0 ? <p>{t('centralCasebook.noReviews')}</p> : null}
          {marks.reviews.length > 0 ? (
            <ul className="plain-list">
              {marks.reviews.map((m) => (
                <li key={`${m.form}#${m.instanceNo}`}>
                  {t('centralCasebook.reviewed', { form: formLabel(m.form, m.instanceNo), side: t(`centralCasebook.side.${m.side}`), by: m.markedBy, at: formatTimestampLocal(m.markedAt, lang) })}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : !error ? (
        <p>{t('common.loading')}</p>
      ) : null}
    </section>
  );
}
