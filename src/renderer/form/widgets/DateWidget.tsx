// Full and partial dates typed as text (dd/mm/yyyy in Italian, ISO in English; both accepted): the reading
// of what was typed, and for partial dates its precision, is shown live beside the field.

import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { DatePrecision } from '../../../shared/dates/partial-date';
import { useLang } from '../../app/use-lang';
import { formatDateSpelled, parseDateText, precisionOf } from '../../../shared/format';
import { textOf, type WidgetProps } from './types';

export interface DateWidgetProps extends WidgetProps {
  /** Coarsest precision accepted; 'day' for a full date. */
  readonly minPrecision: DatePrecision;
  readonly partial: boolean;
}

export function DateWidget({ id, value, onChange, onBlur, readOnly, invalid, required, describedBy, minPrecision, partial }: DateWidgetProps): ReactNode {
  const { t } = useT();
  const lang = useLang();
  const text = textOf(value);
  const iso = text.trim() === '' ? undefined : parseDateText(text);
  const precision = iso ? precisionOf(iso) : undefined;
  const readingId = `${id}-reading`;
  return (
    <span className="date-widget">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        readOnly={readOnly}
        onBlur={onBlur}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t(partial && minPrecision !== 'day' ? 'date.placeholder.partial' : 'date.placeholder.day')}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={[readingId, describedBy].filter(Boolean).join(' ')}
        size={12}
        maxLength={10}
        autoComplete="off"
      />
      <span id={readingId} className="date-reading">
        {text.trim() === '' ? (partial ? t('date.partialHint') : '') : iso ? `${formatDateSpelled(iso, lang)}${partial && precision ? ` · ${t('date.precision', { precision: t(`date.precisions.${precision}`) })}` : ''}` : t('date.unreadable')}
      </span>
    </span>
  );
}
