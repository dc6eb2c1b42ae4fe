// The missing-data reasons a field allows (ND not done, NK not known, NA not applicable), as pressed/unpressed
// buttons in one toolbar: one Tab stop, arrow keys move between them (WAI-ARIA toolbar pattern).

import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import type { TFunction } from 'i18next';
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

interface MissingTexts {
  readonly meaning: (reason: MissingReason) => string;
  readonly button: (reason: MissingReason, label: string) => string;
  readonly toolbar: (label: string) => string;
}

const MARK = { reason: '\u0001', meaning: '\u0002', label: '\u0003' };
const textsCache = new WeakMap<TFunction, MissingTexts>();

/** The toolbar's texts, translated once per language: a form renders them for every field (~150 buttons). */
function missingTexts(t: TFunction): MissingTexts {
  let texts = textsCache.get(t);
  if (!texts) {
    const meanings = new Map<string, string>();
    const meaning = (reason: MissingReason): string => meanings.get(reason) ?? meanings.set(reason, t(`missing.${reason}`)).get(reason)!;
    const buttonTemplate = t('missing.button', MARK);
    const toolbarTemplate = t('missing.toolbar', { label: MARK.label });
    texts = {
      meaning,
      button: (reason, label) => buttonTemplate.replace(MARK.reason, reason).replace(MARK.meaning, meaning(reason)).replace(MARK.label, label),
      toolbar: (label) => toolbarTemplate.replace(MARK.label, label),
    };
    textsCache.set(t, texts);
  }
  return texts;
}

export function MissingReasonButtons({ label, allowed, value, onChange, readOnly, blank, extra }: MissingReasonButtonsProps): ReactNode {
  const { t } = useT();
  const texts = missingTexts(t);
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
    <div ref={bar} className="missing-bar" role="toolbar" aria-label={texts.toolbar(label)} onKeyDown={onKey}>
      {allowed.map((reason, i) => (
        <button
          key={reason}
          type="button"
          className={current === reason ? 'missing-btn missing-on' : 'missing-btn'}
          aria-pressed={current === reason}
          aria-label={texts.button(reason, label)}
          title={texts.meaning(reason)}
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
