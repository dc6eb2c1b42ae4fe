// Free text: one line, or a text area for long fields.

import type { ReactNode } from 'react';
import { textOf, type WidgetProps } from './types';

export function TextWidget({ id, value, onChange, onBlur, readOnly, invalid, required, describedBy, maxLength }: WidgetProps & { maxLength: number }): ReactNode {
  const common = {
    id,
    value: textOf(value),
    readOnly,
    onBlur,
    maxLength,
    'aria-invalid': invalid || undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy,
    spellCheck: false,
    autoComplete: 'off',
  } as const;
  return maxLength > 120 ? (
    <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />
  ) : (
    <input {...common} type="text" size={Math.min(Math.max(maxLength, 6), 40)} onChange={(e) => onChange(e.target.value)} />
  );
}
