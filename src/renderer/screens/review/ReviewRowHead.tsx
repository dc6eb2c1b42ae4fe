// The fixed cells at the start of a Review row: subject, instance number, status, and its open problems.

import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { GridRow } from './review-model';
import { FLAG_SYMBOL } from './ReviewCell';

export function ReviewRowHead({ row, repeating }: { row: GridRow; repeating: boolean }): ReactNode {
  const { t } = useT();
  const { hard, soft, missing } = row.counts;
  return (
    <>
      <div role="rowheader" className="grid-cell mono">
        {row.subjectId}
      </div>
      {repeating ? (
        <div role="gridcell" className="grid-cell num">
          {row.instanceNo}
        </div>
      ) : null}
      <div role="gridcell" className="grid-cell">
        <span className={`badge badge-${row.status}`}>{t(`status.${row.status}`)}</span>
      </div>
      <div role="gridcell" className="grid-cell problems" aria-label={t('review.problems', { hard, soft, missing })}>
        {hard > 0 ? <span className="cell-hard">{`${FLAG_SYMBOL.hard} ${hard}`}</span> : null}
        {soft > 0 ? <span className="cell-soft">{`${FLAG_SYMBOL.soft} ${soft}`}</span> : null}
        {missing > 0 ? <span className="cell-missing">{`${FLAG_SYMBOL.missing} ${missing}`}</span> : null}
      </div>
    </>
  );
}
