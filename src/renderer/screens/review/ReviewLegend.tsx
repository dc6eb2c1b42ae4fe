// What the highlights of the Review grid mean (the symbol and the colour together, never the colour alone).

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CellFlag } from './review-model';
import { FLAG_SYMBOL } from './ReviewCell';

const ORDER: readonly CellFlag[] = ['hard', 'soft', 'overridden', 'missing'];

export function ReviewLegend(): ReactNode {
  const { t } = useTranslation();
  return (
    <ul className="legend" aria-label={t('review.legend')}>
      {ORDER.map((flag) => (
        <li key={flag} className={`cell-${flag}`}>
          <span aria-hidden="true">{FLAG_SYMBOL[flag]}</span> {t(`review.flag.${flag}`)}
        </li>
      ))}
      <li>
        <em className="cell-reason">NK</em> {t('review.reasonLegend')}
      </li>
    </ul>
  );
}
