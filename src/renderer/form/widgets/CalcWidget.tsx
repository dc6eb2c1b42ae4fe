// A calculated value, read-only, recomputed live from the form and the rest of the casebook.

import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { Choice, Field } from '../../../shared/study/definition.schema';
import type { StoredEntry } from '../../../shared/study/entries';
import { useLang } from '../../app/use-lang';
import { DASH, formatDate, formatPlainNumber } from '../../../shared/format';
import { unitLabel } from '../../../shared/study/unit-label';

export function CalcWidget({ id, labelId, field, value, choices }: { id: string; labelId: string; field: Extract<Field, { type: 'calc' }>; value: StoredEntry | null | undefined; choices?: readonly Choice[] | undefined }): ReactNode {
  const { t } = useT();
  const lang = useLang();
  let text: string;
  if (value === null || value === undefined) text = DASH;
  else if (typeof value === 'number') text = formatPlainNumber(value, lang === 'it');
  else if (Array.isArray(value)) text = value.join(', ');
  else if (typeof value === 'object') text = value.missing;
  else if (field.valueType === 'date') text = formatDate(value, lang);
  else text = choices?.find((c) => c.code === value)?.label[lang] ?? value;
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
