/** @jest-environment jsdom */
// The CTCAE v5.0 type-ahead over the 837 terms of ino-all-it: search by term, SOC or MedDRA code; keyboard picking.

import { beforeAll, describe, expect, it } from '@jest/globals';
import { useState, type ReactNode } from 'react';
import { loadBuiltInStudy } from '../../../core/study/built-in';
import { press, render, typeInto } from '../../test-utils';
import type { UiValue } from '../form-values';
import { createReferenceIndex, referenceOptions, type ReferenceOption } from '../reference-search';
import { ReferencePicker } from './ReferencePicker';

let options: ReferenceOption[];

beforeAll(() => {
  options = referenceOptions(loadBuiltInStudy('ino-all-it').definition.references.ctcae!);
});

function Harness({ seen, initial = '' }: { seen: UiValue[]; initial?: string }): ReactNode {
  const [value, setValue] = useState<UiValue>(initial);
  return (
    <ReferencePicker
      id="term"
      labelId="term-label"
      label="Termine CTCAE v5.0"
      value={value}
      options={options}
      readOnly={false}
      invalid={false}
      required
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
    />
  );
}

const optionTexts = (container: HTMLElement): string[] => [...container.querySelectorAll('[role="option"] .reference-term')].map((o) => o.textContent ?? '');

describe('reference search', () => {
  it('covers all 837 CTCAE terms', () => {
    expect(options).toHaveLength(837);
  });

  it('finds a term by words of it, term starts first', () => {
    const search = createReferenceIndex(options);
    expect(search('sinusoid').map((o) => o.label)).toEqual(['Sinusoidal obstruction syndrome']);
    expect(search('febrile neutro')[0]?.label).toBe('Febrile neutropenia');
  });

  it('finds terms by SOC and by MedDRA code', () => {
    const search = createReferenceIndex(options);
    const hepato = search('hepatobiliary', 200).map((o) => o.key);
    const soc = options.filter((o) => o.group === 'Hepatobiliary disorders').map((o) => o.key);
    expect(soc.length).toBeGreaterThan(10);
    expect(hepato).toEqual(expect.arrayContaining(soc));
    expect(search('10016288').map((o) => o.label)).toEqual(['Febrile neutropenia']);
  });
});

describe('ReferencePicker', () => {
  it('is an ARIA combobox whose list opens as you type', () => {
    const { container, unmount } = render(<Harness seen={[]} />);
    const box = container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    expect(box.getAttribute('aria-expanded')).toBe('false');
    typeInto(box, 'neutro');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(optionTexts(container)).toContain('Febrile neutropenia');
    expect(box.getAttribute('aria-activedescendant')).toBe('term-opt-0');
    unmount();
  });

  it('picks with the arrow keys and Enter, storing the MedDRA code and showing SOC and definition', () => {
    const seen: UiValue[] = [];
    const { container, unmount } = render(<Harness seen={seen} />);
    const box = container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    typeInto(box, 'hepatobiliary');
    const texts = optionTexts(container);
    press(box, 'ArrowDown');
    expect(box.getAttribute('aria-activedescendant')).toBe('term-opt-1');
    press(box, 'Enter');
    const picked = options.find((o) => o.label === texts[1])!;
    expect(seen.at(-1)).toBe(picked.key);
    expect(box.value).toBe(picked.label);
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(container.textContent).toContain(`SOC: ${picked.group} · MedDRA ${picked.key}.`);
    unmount();
  });

  it('Escape closes the list and keeps the previous choice', () => {
    const seen: UiValue[] = [];
    const { container, unmount } = render(<Harness seen={seen} initial="10063675" />);
    const box = container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    expect(box.value).toBe('Sinusoidal obstruction syndrome');
    typeInto(box, 'anem');
    press(box, 'Escape');
    expect(box.value).toBe('Sinusoidal obstruction syndrome');
    expect(seen).toEqual([]);
    unmount();
  });

  it('says when nothing matches', () => {
    const { container, unmount } = render(<Harness seen={[]} />);
    typeInto(container.querySelector<HTMLInputElement>('input[role="combobox"]')!, 'zzzzqx');
    expect(container.textContent).toContain('Nessun termine trovato');
    unmount();
  });
});
