// A multiple choice as checkboxes; an exclusive choice ("None") unticks the others and is unticked by them.

import type { ReactNode } from 'react';
import type { Choice } from '../../../shared/study/definition.schema';
import { useLang } from '../../app/use-lang';
import type { UiValue } from '../form-values';
import type { WidgetProps } from './types';

export function toggleChoice(current: readonly string[], code: string, on: boolean, exclusive: readonly string[]): string[] {
  if (!on) return current.filter((c) => c !== code);
  if (exclusive.includes(code)) return [code];
  return [...current.filter((c) => !exclusive.includes(c) && c !== code), code];
}

function listOf(value: UiValue): string[] {
  return Array.isArray(value) ? value : [];
}

export function MultiWidget(props: WidgetProps & { choices: readonly Choice[]; exclusive: readonly string[] }): ReactNode {
  const { id, value, onChange, onBlur, readOnly, invalid, required, describedBy, choices, exclusive } = props;
  const lang = useLang();
  const ticked = listOf(value);
  return (
    // The field's own group (FieldRow) names these checkboxes; each box carries the descriptions.
    <div className="check-list">
      {choices.map((c, i) => (
        <label key={c.code} className="check">
          <input
            type="checkbox"
            id={i === 0 ? id : undefined}
            value={c.code}
            checked={ticked.includes(c.code)}
            disabled={readOnly}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required={i === 0 && required ? true : undefined}
            onBlur={onBlur}
            onChange={(e) => onChange(toggleChoice(ticked, c.code, e.target.checked, exclusive))}
          />
          <span>{c.label[lang]}</span>
        </label>
      ))}
    </div>
  );
}
