// What every entry widget receives: its value as held in the form, the ids tying it to its label and messages.

import type { UiValue } from '../form-values';

export interface WidgetProps {
  /** id of the focusable control the field's <label for> points at. */
  readonly id: string;
  /** id of the visible label (groups of radios and checkboxes are labelled by it). */
  readonly labelId: string;
  /** The field's label text, for the accessible names of sub-controls. */
  readonly label: string;
  readonly value: UiValue;
  readonly onChange: (value: UiValue) => void;
  readonly onBlur?: (() => void) | undefined;
  readonly readOnly: boolean;
  readonly invalid: boolean;
  readonly required: boolean;
  /** ids of the hint, error and check messages. */
  readonly describedBy?: string | undefined;
}

export function textOf(value: UiValue): string {
  return typeof value === 'string' ? value : '';
}
