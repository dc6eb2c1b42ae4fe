// A calculated value, read-only, recomputed live from the form and the rest of the casebook.

import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { Choice, Field } from '../../../shared/study/definition.schema';
import type { StoredEntry } from '../../../shared/study/entries';
import { useLang } from '../../app/use-lang';
import { DASH, formatDate, formatPlainNumber } from '../../../shared/format';
import { unitLabel } from '../../../shared/study/unit-label';

export interface CalcWidgetProps {
  readonly id: string;
  readonly labelId: string;
  readonly field: Extract<Field, { type: 'calc' }>;
  readonly value: StoredEntry | null | undefined;
  readonly choices?: readonly Choice[] | undefined;
  /** A text value in the form's language (a SOC copied from the CTCAE list); the stored value is not changed. */
  readonly display?: ((value: string) => string) | undefined;
}

export function CalcWidget({ id, labelId, field, value, choices, display }: CalcWidgetProps): ReactNode {
  const { t } = useT();
  const lang = useLang();
  let text: string;
  if (value === null || value === undefined) text = DASH;
  else if (typeof value === 'number') text = formatPlainNumber(value, lang === 'it');
  else if (Array.isArray(value)) text = value.join(', ');
  else if (typeof value === 'object') text = value.missing;
  else if (field.valueType === 'date') text = formatDate(value, lang);
  else text = choices?.find((c) => c.code === value)?.label[lang] ?? display?.(value) ?? value;
  return (
    <span className="calc-widget">
      <output id={id} aria-labelledby={labelId} className="calc-value">
        {text}
      </output>
      {field.unit ? <span className="unit">{unitLabel(field, lang)}</span> : null}
      <span className="hint">{t('field.calculated')}</span>
    </span>
  );
}
