// One cell of the Review grid: the value, a missing-data reason in italics, and the highlight of a failed check
// (error, warning, confirmed warning) or a missing required item, with a symbol and a text for screen readers.

import { memo, type ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { MissingReason } from '../../../shared/study/definition.schema';
import type { CellFlag } from './review-model';

export const FLAG_SYMBOL: Record<CellFlag, string> = { hard: '✖', soft: '▲', overridden: '✓', missing: '○' };

export interface ReviewCellProps {
  readonly text: string;
  readonly reason: MissingReason | undefined;
  readonly flag: CellFlag | undefined;
  /** Why it is flagged (check ids and messages), as a tooltip. */
  readonly why: string | undefined;
  readonly numeric: boolean;
}

export const ReviewCell = memo(function ReviewCell({ text, reason, flag, why, numeric }: ReviewCellProps): ReactNode {
  const { t } = useT();
  const classes = ['grid-cell', numeric ? 'num' : '', flag ? `cell-${flag}` : ''].filter(Boolean).join(' ');
  return (
    <div role="gridcell" className={classes} title={why ?? (reason ? t(`missing.${reason}`) : text || undefined)}>
      {flag ? (
        <>
          <span className="flag-symbol" aria-hidden="true">
            {FLAG_SYMBOL[flag]}
          </span>
          <span className="sr-only">{t(`review.flag.${flag}`)}: </span>
        </>
      ) : null}
      {reason ? <em className="cell-reason">{reason}</em> : text}
    </div>
  );
});
