// What importing a return bundle did: the sections applied, and for each amendment the values it migrated and
// the checks of the new version that now fail on existing data (listed; nothing is blocked).

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AmendmentOutcome } from '../../../shared/contract/amendments';
import type { ReturnImportResult as Result } from '../../../shared/contract/return-bundles';

function AppliedAmendment({ outcome }: { outcome: AmendmentOutcome }): ReactNode {
  const { t } = useTranslation();
  if (outcome.status === 'alreadyApplied') return <p>{t('exchange.amendmentAlready', { version: outcome.version })}</p>;
  return (
    <div>
      <p className="alert alert-success">{t('exchange.amendmentApplied', { base: outcome.baseVersion, version: outcome.version, values: outcome.migratedValues, forms: outcome.migratedInstances })}</p>
      {outcome.frozenInstances > 0 ? <p className="hint">{t('exchange.amendmentFrozen', { count: outcome.frozenInstances })}</p> : null}
      {outcome.warnings.length === 0 ? (
        <p>{t('exchange.amendmentNoWarnings', { version: outcome.version })}</p>
      ) : (
        <>
          <p className="alert alert-warning">{t('exchange.amendmentWarnings', { version: outcome.version, count: outcome.warnings.length })}</p>
          <ul aria-label={t('exchange.amendmentWarnings', { version: outcome.version, count: outcome.warnings.length })}>
            {outcome.warnings.map((w) => (
              <li key={`${w.subjectId}/${w.form}/${w.instanceNo}/${w.check}`}>
                {t('exchange.amendmentWarning', { subject: w.subjectId, form: w.form, instance: w.instanceNo, check: w.check, severity: t(`checks.${w.severity}`) })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function ReturnImportResult({ result }: { result: Result }): ReactNode {
  const { t } = useTranslation();
  return (
    <div>
      <p className="alert alert-success" role="status">
        {result.status === 'applied'
          ? t('exchange.returnApplied', { sequence: result.sequence, receipts: result.counts.receipts ?? 0, reviews: result.counts.reviews ?? 0, locks: result.counts.locks ?? 0 })
          : t('exchange.returnUnchanged', { sequence: result.sequence })}
      </p>
      {(result.amendments ?? []).map((outcome) => (
        <AppliedAmendment key={outcome.version} outcome={outcome} />
      ))}
    </div>
  );
}
