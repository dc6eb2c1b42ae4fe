// The amendments a chosen return bundle would apply, shown before anything is written: the diff and the
// migration in the words the CLI prints, what the migration changes here; an admin confirms, anyone else
// learns that an admin must import the bundle.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AmendmentOutcome } from '../../../shared/contract/amendments';
import type { AmendmentPreview, ReturnPreview } from '../../../shared/contract/return-preview';
import { amendmentChangeText, migrationLines } from '../../../shared/study/amendment-text';
import { useLang } from '../../app/use-lang';

function PendingAmendment({ amendment, outcome }: { amendment: AmendmentPreview; outcome: AmendmentOutcome }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const titleId = `amendment-${amendment.version}`;
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{t('exchange.amendmentTitle', { base: amendment.baseVersion, version: amendment.version })}</h3>
      <h4>{t('exchange.amendmentChanges', { count: amendment.changes.length })}</h4>
      <ul>
        {amendment.changes.map((change, i) => (
          <li key={i}>{amendmentChangeText(change, lang)}</li>
        ))}
      </ul>
      <p>{t('exchange.amendmentMigration', { values: outcome.migratedValues, forms: outcome.migratedInstances, version: amendment.version })}</p>
      <ul>
        {migrationLines(amendment.migration, lang).map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      {outcome.frozenInstances > 0 ? <p className="hint">{t('exchange.amendmentFrozen', { count: outcome.frozenInstances })}</p> : null}
    </section>
  );
}

export interface AmendmentReviewProps {
  readonly preview: ReturnPreview;
  /** Whether this user may apply an amendment (the study.amend capability: admins). */
  readonly mayApply: boolean;
  readonly busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function AmendmentReview({ preview, mayApply, busy, onConfirm, onCancel }: AmendmentReviewProps): ReactNode {
  const { t } = useTranslation();
  const outcomes = new Map((preview.result.amendments ?? []).map((o) => [o.version, o]));
  const pending = preview.amendments.flatMap((amendment) => {
    const outcome = outcomes.get(amendment.version);
    return outcome?.status === 'applied' ? [{ amendment, outcome }] : [];
  });
  return (
    <div className="amendment-review">
      <p className="alert alert-info">{t('exchange.amendmentExplain')}</p>
      {pending.map(({ amendment, outcome }) => (
        <PendingAmendment key={amendment.version} amendment={amendment} outcome={outcome} />
      ))}
      {mayApply ? null : (
        <p className="alert alert-warning" role="status">
          {t('exchange.amendmentAdminOnly')}
        </p>
      )}
      <div className="actions">
        {mayApply ? (
          <button type="button" disabled={busy} onClick={onConfirm}>
            {t('exchange.amendmentConfirm')}
          </button>
        ) : null}
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
