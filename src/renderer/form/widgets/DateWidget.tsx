// Full and partial dates typed as text (dd/mm/yyyy in Italian, ISO in English; both accepted): the reading
// of what was typed, and for partial dates its precision, is shown live beside the field.

import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { DatePrecision } from '../../../shared/dates/partial-date';
import { useLang } from '../../app/use-lang';
import { datePlaceholder, parseDateText, precisionOf } from '../../i18n/format';
import { textOf, type WidgetProps } from './types';

function spelled(iso: string, lang: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', ...(m ? { month: 'long' } : {}), ...(d ? { day: 'numeric' } : {}) };
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', options).format(date);
}

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
        placeholder={datePlaceholder(lang, partial ? minPrecision : 'day')}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={[readingId, describedBy].filter(Boolean).join(' ')}
        size={12}
        maxLength={10}
        autoComplete="off"
      />
      <span id={readingId} className="date-reading">
        {text.trim() === '' ? (partial ? t('date.partialHint') : '') : iso ? `${spelled(iso, lang)}${partial && precision ? ` · ${t('date.precision', { precision: t(`date.precisions.${precision}`) })}` : ''}` : t('date.unreadable')}
      </span>
    </span>
  );
}
