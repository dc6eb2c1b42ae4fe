// The missing-data reasons a field allows (ND not done, NK not known, NA not applicable), as pressed/unpressed
// buttons in one toolbar: one Tab stop, arrow keys move between them (WAI-ARIA toolbar pattern).

import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MissingReason } from '../../../shared/study/definition.schema';
import { isMissing } from '../../../shared/study/entries';
import type { UiValue } from '../form-values';

export interface MissingReasonButtonsProps {
  readonly label: string;
  readonly allowed: readonly MissingReason[];
  readonly value: UiValue;
  readonly onChange: (value: UiValue) => void;
  readonly readOnly: boolean;
  /** What the field holds when cleared ('' or [] for multiple choice). */
  readonly blank: UiValue;
  /** Extra buttons at the end of the toolbar (field history). */
  readonly extra?: ReactNode;
}

export function MissingReasonButtons({ label, allowed, value, onChange, readOnly, blank, extra }: MissingReasonButtonsProps): ReactNode {
  const { t } = useTranslation();
  const bar = useRef<HTMLDivElement>(null);
  const current = isMissing(value) ? value.missing : undefined;

  const onKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    const buttons = [...(bar.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : (at + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    event.preventDefault();
    buttons.forEach((b, i) => (b.tabIndex = i === next ? 0 : -1));
    buttons[next]?.focus();
  };

  if (allowed.length === 0 && !extra) return null;
  return (
    <div ref={bar} className="missing-bar" role="toolbar" aria-label={t('missing.toolbar', { label })} onKeyDown={onKey}>
      {allowed.map((reason, i) => (
        <button
          key={reason}
          type="button"
          className={current === reason ? 'missing-btn missing-on' : 'missing-btn'}
          aria-pressed={current === reason}
          aria-label={t('missing.button', { reason, meaning: t(`missing.${reason}`), label })}
          title={t(`missing.${reason}`)}
          tabIndex={i === 0 ? 0 : -1}
          disabled={readOnly}
          onClick={() => onChange(current === reason ? blank : { missing: reason })}
        >
          {reason}
        </button>
      ))}
      {extra}
    </div>
  );
}
