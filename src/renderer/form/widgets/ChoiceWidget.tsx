// A single choice: radio buttons for up to five choices (one Tab stop, arrows move), a select for more.

import type { ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { Choice } from '../../../shared/study/definition.schema';
import { useLang } from '../../app/use-lang';
import { textOf, type WidgetProps } from './types';

export const RADIO_LIMIT = 5;

export interface ChoiceWidgetProps extends WidgetProps {
  readonly choices: readonly Choice[];
  /** Extra text under a choice (a CTCAE grade's definition, marked when it is in another language). */
  readonly describe?: ((code: string) => ReactNode) | undefined;
  /** Choices shown but not selectable here (a grade the term lacks, kept visible when already chosen). */
  readonly unavailable?: ReadonlySet<string> | undefined;
  /** A select whatever the number of choices (a list narrowed by another field keeps its shape). */
  readonly asSelect?: boolean | undefined;
}

export function ChoiceWidget(props: ChoiceWidgetProps): ReactNode {
  const { id, labelId, value, onChange, onBlur, readOnly, invalid, required, describedBy, choices, describe, unavailable, asSelect } = props;
  const { t } = useT();
  const lang = useLang();
  const current = textOf(value);
  if ((choices.length > RADIO_LIMIT || asSelect === true) && !describe) {
    return (
      <select
        id={id}
        // The field's label is a span (the field is a group): the select is named by it.
        aria-labelledby={labelId}
        value={current}
        disabled={readOnly}
        onBlur={onBlur}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
      >
        <option value="">{t('field.choose')}</option>
        {choices.map((c) => (
          <option key={c.code} value={c.code}>
            {c.label[lang]}
          </option>
        ))}
      </select>
    );
  }
  return (
    <div className={describe ? 'radio-list radio-list-described' : 'radio-list'} role="radiogroup" aria-labelledby={labelId} aria-describedby={describedBy} aria-required={required || undefined} aria-invalid={invalid || undefined}>
      {choices.map((c, i) => {
        const detail = describe?.(c.code);
        const off = unavailable?.has(c.code) ?? false;
        return (
          <label key={c.code} className={off ? 'radio radio-unavailable' : 'radio'}>
            <input
              type="radio"
              // The first radio carries the id the field label points at.
              id={i === 0 ? id : undefined}
              name={id}
              value={c.code}
              checked={current === c.code}
              disabled={readOnly || (off && current !== c.code)}
              onBlur={onBlur}
              onChange={() => onChange(c.code)}
            />
            <span className="radio-label">{c.label[lang]}</span>
            {detail ? <span className="radio-detail">{detail}</span> : null}
            {off ? <span className="radio-detail">{t('field.gradeUnavailable')}</span> : null}
          </label>
        );
      })}
    </div>
  );
}
