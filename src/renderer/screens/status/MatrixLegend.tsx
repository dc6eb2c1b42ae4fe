// The legend of the status matrix: each status's glyph and colour, each issue's mark, in words.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ISSUE_MARK, STATUS_GLYPH, type CellState } from './matrix-cell';

const STATES: readonly CellState[] = ['empty', 'draft', 'complete', 'signed', 'locked'];
const ISSUES = ['missing', 'soft', 'hard'] as const;

export function MatrixLegend(): ReactNode {
  const { t } = useTranslation();
  return (
    <dl className="matrix-legend" aria-label={t('review.legend')}>
      {STATES.map((s) => (
        <div key={s}>
          <dt>
            <span className={`matrix-cell matrix-${s}`} aria-hidden="true">
              {STATUS_GLYPH[s]}
            </span>
          </dt>
          <dd>{t(`status.${s}`)}</dd>
        </div>
      ))}
      {ISSUES.map((i) => (
        <div key={i}>
          <dt>
            <span className="matrix-mark" aria-hidden="true">
              {ISSUE_MARK[i]}
            </span>
          </dt>
          <dd>{t(`statusMatrix.issue.${i}`)}</dd>
        </div>
      ))}
    </dl>
  );
}
