// Integers and decimals with their unit; alternative units (µmol/L for mg/dL …) convert on entry to the stored unit.

import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { Field } from '../../../shared/study/definition.schema';
import { useLang } from '../../app/use-lang';
import { formatPlainNumber } from '../../../shared/format';
import { unitLabel } from '../../../shared/study/unit-label';
import { textOf, type WidgetProps } from './types';

type NumberField = Extract<Field, { type: 'integer' | 'decimal' }>;

function parseTyped(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function NumberWidget(props: WidgetProps & { field: NumberField }): ReactNode {
  const { id, value, onChange, onBlur, readOnly, invalid, required, describedBy, field, label } = props;
  const { t } = useT();
  const lang = useLang();
  const alternatives = field.type === 'decimal' ? (field.altUnits ?? []) : [];
  const [unit, setUnit] = useState(field.unit ?? '');
  const [altText, setAltText] = useState('');
  const alt = alternatives.find((a) => a.unit === unit);
  const precision = field.type === 'decimal' ? field.precision : 0;
  const shownUnit = unitLabel(field, lang);

  const typeAlt = (text: string): void => {
    setAltText(text);
    const n = parseTyped(text);
    // Stored in the field's own unit, rounded to its precision.
    onChange(n === undefined || !alt ? text : formatPlainNumber(Number((n * alt.factor).toFixed(precision)), lang === 'it'));
  };

  return (
    <span className="number-widget">
      <input
        id={id}
        type="text"
        inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
        value={alt ? altText : textOf(value)}
        readOnly={readOnly}
        onBlur={onBlur}
        onChange={(e) => (alt ? typeAlt(e.target.value) : onChange(e.target.value))}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
        size={10}
        autoComplete="off"
      />
      {alternatives.length > 0 ? (
        <select
          aria-label={t('field.unitOf', { label })}
          value={unit}
          disabled={readOnly}
          onChange={(e) => {
            setUnit(e.target.value);
            setAltText('');
          }}
        >
          <option value={field.unit ?? ''}>{shownUnit}</option>
          {alternatives.map((a) => (
            <option key={a.unit} value={a.unit}>
              {a.unit}
            </option>
          ))}
        </select>
      ) : shownUnit ? (
        <span className="unit">{shownUnit}</span>
      ) : null}
      {alt && textOf(value) !== '' ? (
        <span className="converted" role="status">
          = {textOf(value)} {shownUnit}
        </span>
      ) : null}
    </span>
  );
}
