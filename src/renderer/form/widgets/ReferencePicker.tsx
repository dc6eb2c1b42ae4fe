// Type-ahead over a reference list (the 837 CTCAE v5.0 terms): an ARIA combobox searching term, SOC and MedDRA
// code; arrows move, Enter picks, Escape closes. The value is the entry's key (the MedDRA code).

import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../../i18n/lang-context';
import { createReferenceIndex, type ReferenceOption } from '../reference-search';
import { textOf, type WidgetProps } from './types';

export interface ReferencePickerProps extends WidgetProps {
  readonly options: readonly ReferenceOption[];
}

export function ReferencePicker(props: ReferencePickerProps): ReactNode {
  const { id, value, onChange, onBlur, readOnly, invalid, required, describedBy, options } = props;
  const { t } = useT();
  const search = useMemo(() => createReferenceIndex(options), [options]);
  const byKey = useMemo(() => new Map(options.map((o) => [o.key, o])), [options]);
  const selected = byKey.get(textOf(value));
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
        value={query ?? selected?.label ?? textOf(value)}
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
          ? results.map((o, i) => (
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
                <span className="reference-term">{o.label}</span> <span className="reference-meta">{o.group} · {o.key}</span>
              </li>
            ))
          : null}
      </ul>
      {selected ? (
        <p className="reference-selected">
          {t('reference.selected', { soc: selected.group, code: selected.key })}
          {selected.attributes.definition && selected.attributes.definition !== '-' ? <span className="reference-definition"> {selected.attributes.definition}</span> : null}
        </p>
      ) : null}
    </div>
  );
}
