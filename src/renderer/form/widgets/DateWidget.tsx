// Full and partial dates typed as text (dd/mm/yyyy in Italian, ISO in English; both accepted): the reading
// of what was typed, and for partial dates its precision, is shown live beside the field.

import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { DatePrecision } from '../../../shared/dates/partial-date';
import { useLang } from '../../app/use-lang';
import { datePlaceholder, parseDateText, precisionOf } from '../../i18n/format';
import { textOf, type WidgetProps } from './types';

// Building an Intl formatter costs about a millisecond, more than a whole field's render: one per language and
// precision, made when first needed.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(lang: string, month: boolean, day: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${month ? 'm' : ''}${day ? 'd' : ''}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', ...(month ? { month: 'long' } : {}), ...(day ? { day: 'numeric' } : {}) };
    formatter = new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', options);
    formatters.set(key, formatter);
  }
  return formatter;
}

function spelled(iso: string, lang: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  return formatterFor(lang, Boolean(m), Boolean(d)).format(date);
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
