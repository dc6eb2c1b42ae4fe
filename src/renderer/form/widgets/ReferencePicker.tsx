// Type-ahead over a reference list (the 837 CTCAE v5.0 terms): an ARIA combobox searching terms in Italian and English,
// synonyms, SOC and MedDRA code; on the Italian UI the Italian label shows with the English term beside it, untranslated
// terms in English marked as such; the term's definition, in English, marked too. Arrows move, Enter picks, Escape closes. The value is the entry's key (the MedDRA code).

import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useLang } from '../../app/use-lang';
import { useT } from '../../i18n/lang-context';
import { createReferenceIndex, displayOf, type OptionDisplay, type ReferenceOption } from '../reference-search';
import { textOf, type WidgetProps } from './types';
import { UntranslatedMark } from './UntranslatedMark';

export interface ReferencePickerProps extends WidgetProps {
  readonly options: readonly ReferenceOption[];
}

/** The term as a list row shows it: translated label, the list's (English) term beside it, or the English term marked. */
function TermLabel({ display }: { display: OptionDisplay }): ReactNode {
  const { t } = useT();
  if (display.untranslated) {
    return (
      <>
        <span className="reference-term" lang="en">
          {display.label}
        </span>{' '}
        <span className="reference-untranslated" title={t('reference.untranslatedTitle')}>
          {t('reference.untranslated')}
        </span>
      </>
    );
  }
  return (
    <>
      <span className="reference-term">{display.label}</span>
      {display.original ? (
        <>
          {' '}
          <span className="reference-original" lang="en">
            ({display.original})
          </span>
        </>
      ) : null}
    </>
  );
}

export function ReferencePicker(props: ReferencePickerProps): ReactNode {
  const { id, value, onChange, onBlur, readOnly, invalid, required, describedBy, options } = props;
  const { t } = useT();
  const lang = useLang();
  const search = useMemo(() => createReferenceIndex(options, lang), [options, lang]);
  const byKey = useMemo(() => new Map(options.map((o) => [o.key, o])), [options]);
  const selected = byKey.get(textOf(value));
  const shown = selected ? displayOf(selected, lang) : undefined;
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const results = query === null ? [] : search(query, 40);
  const open = query !== null && query.trim() !== '';
  const listId = `${id}-list`;
  const optionId = (i: number): string => `${id}-opt-${i}`;

  const pick = (option: ReferenceOption | undefined): void => {
    if (!option) return;
    onChange(option.key);
    setQuery(null);
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((a) => Math.min(a + 1, results.length - 1));
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      pick(results[active]);
    } else if (event.key === 'Escape' && query !== null) {
      event.preventDefault();
      event.stopPropagation();
      setQuery(null);
    }
  };

  return (
    <div className="reference-picker">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && results[active] ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
        readOnly={readOnly}
        value={query ?? shown?.label ?? textOf(value)}
        placeholder={t('reference.placeholder')}
        autoComplete="off"
        spellCheck={false}
        size={40}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          if (e.target.value.trim() === '') onChange('');
        }}
        onKeyDown={onKey}
        onBlur={() => {
          // Leaving the box without picking keeps the previous choice.
          setQuery(null);
          onBlur?.();
        }}
      />
      <ul id={listId} role="listbox" className={open ? 'reference-list' : 'reference-list reference-list-closed'} aria-label={t('reference.results')}>
        {open && results.length === 0 ? <li className="hint">{t('reference.none')}</li> : null}
        {open
          ? results.map((o, i) => {
              const d = displayOf(o, lang);
              return (
                <li
                  key={o.key}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'reference-option reference-option-active' : 'reference-option'}
                  // mousedown, not click: it must land before the input's blur closes the list.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(o);
                  }}
                >
                  <TermLabel display={d} /> <span className="reference-meta">{d.group} · {o.key}</span>
                </li>
              );
            })
          : null}
      </ul>
      {selected && shown ? (
        <p className="reference-selected">
          {shown.original ? t('reference.selectedTerm', { term: shown.original, soc: shown.group, code: selected.key }) : t('reference.selected', { soc: shown.group, code: selected.key })}
          {selected.attributes.definition && selected.attributes.definition !== '-' ? (
            <>
              {' '}
              {selected.localized[lang] ? <UntranslatedMark title={t('reference.textUntranslatedTitle')} /> : null}
              <span className="reference-definition" lang="en">
                {selected.attributes.definition}
              </span>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
