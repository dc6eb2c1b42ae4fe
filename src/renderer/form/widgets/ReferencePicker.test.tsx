/** @jest-environment jsdom */
// The CTCAE v5.0 type-ahead over the 837 terms of ino-all-it: search by Italian or English term, synonym, SOC or MedDRA
// code; the Italian form shows Italian labels with the English term beside them; keyboard picking.

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

const byLabel = (label: string): ReferenceOption => options.find((o) => o.label === label)!;

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
const optionRows = (container: HTMLElement): string[] => [...container.querySelectorAll('[role="option"]')].map((o) => o.textContent ?? '');

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

describe('reference search in Italian', () => {
  const keysOf = (found: readonly ReferenceOption[]): string[] => found.map((o) => o.key);

  it('finds febrile neutropenia by the start of its Italian words, first', () => {
    const search = createReferenceIndex(options, 'it');
    expect(search('neutropenia febb')[0]?.key).toBe(byLabel('Febrile neutropenia').key);
  });

  it('finds the platelet count by the everyday word "piastrine"', () => {
    const search = createReferenceIndex(options, 'it');
    expect(keysOf(search('piastrine'))).toContain(byLabel('Platelet count decreased').key);
  });

  it('finds hepatic terms by "epatica", liver enzymes included', () => {
    const found = keysOf(createReferenceIndex(options, 'it')('epatica', 100));
    for (const term of ['Hepatic failure', 'Hepatic necrosis', 'Alanine aminotransferase increased', 'Aspartate aminotransferase increased', 'Blood bilirubin increased']) {
      expect({ term, found: found.includes(byLabel(term).key) }).toEqual({ term, found: true });
    }
  });

  it('ignores accents and case, in the query and in the terms', () => {
    const search = createReferenceIndex(options, 'it');
    expect(keysOf(search('TOSSICITA EPATICA'))).toContain(byLabel('Alanine aminotransferase increased').key);
    expect(keysOf(search('guillain barré'))).toEqual([byLabel('Guillain-Barre syndrome').key]);
  });

  it('still finds English terms, Italian SOC names and MedDRA codes', () => {
    const search = createReferenceIndex(options, 'it');
    expect(search('febrile neutro')[0]?.label).toBe('Febrile neutropenia');
    const hepato = options.filter((o) => o.group === 'Hepatobiliary disorders').map((o) => o.key);
    expect(keysOf(search('patologie epatobiliari', 200))).toEqual(expect.arrayContaining(hepato));
    expect(keysOf(search('1006367'))).toEqual([byLabel('Sinusoidal obstruction syndrome').key]);
  });
});

describe('ReferencePicker', () => {
  it('is an ARIA combobox whose list opens as you type', () => {
    const { container, unmount } = render(<Harness seen={[]} />);
    const box = container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    expect(box.getAttribute('aria-expanded')).toBe('false');
    typeInto(box, 'neutro');
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(optionTexts(container)).toContain('Neutropenia febbrile');
    expect(box.getAttribute('aria-activedescendant')).toBe('term-opt-0');
    unmount();
  });

  it('shows, on the Italian form, the Italian label with the English term beside it and the SOC in Italian', () => {
    const { container, unmount } = render(<Harness seen={[]} />);
    typeInto(container.querySelector<HTMLInputElement>('input[role="combobox"]')!, 'neutropenia febb');
    expect(optionRows(container)[0]).toBe(`Neutropenia febbrile (Febrile neutropenia) Patologie del sistema emolinfopoietico · ${byLabel('Febrile neutropenia').key}`);
    unmount();
  });

  it('shows a term without an Italian label in English, marked (EN)', () => {
    const { container, unmount } = render(<Harness seen={[]} />);
    typeInto(container.querySelector<HTMLInputElement>('input[role="combobox"]')!, 'nail ridging');
    expect(optionRows(container)).toEqual([`Nail ridging (EN) Patologie della cute e del tessuto sottocutaneo · ${byLabel('Nail ridging').key}`]);
    unmount();
  });

  it('shows the English terms alone on the English form', () => {
    const { container, unmount } = render(<Harness seen={[]} />, 'en');
    typeInto(container.querySelector<HTMLInputElement>('input[role="combobox"]')!, 'febrile neutro');
    expect(optionRows(container)[0]).toBe(`Febrile neutropenia Blood and lymphatic system disorders · ${byLabel('Febrile neutropenia').key}`);
    unmount();
  });

  it('picks with the arrow keys and Enter, storing the MedDRA code and showing the English term, SOC and definition', () => {
    const seen: UiValue[] = [];
    const { container, unmount } = render(<Harness seen={seen} />);
    const box = container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    typeInto(box, 'piastrine');
    press(box, 'ArrowDown');
    press(box, 'ArrowUp');
    expect(box.getAttribute('aria-activedescendant')).toBe('term-opt-0');
    expect(optionTexts(container)[0]).toBe('Conta piastrinica diminuita');
    press(box, 'Enter');
    const picked = byLabel('Platelet count decreased');
    expect(seen.at(-1)).toBe(picked.key);
    expect(box.value).toBe('Conta piastrinica diminuita');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(container.textContent).toContain(`Termine CTCAE: Platelet count decreased · SOC: Esami diagnostici · MedDRA ${picked.key}.`);
    expect(container.textContent).toContain(picked.attributes.definition!);
    unmount();
  });

  it('Escape closes the list and keeps the previous choice', () => {
    const seen: UiValue[] = [];
    const { container, unmount } = render(<Harness seen={seen} initial="10063675" />);
    const box = container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    expect(box.value).toBe('Sindrome da ostruzione sinusoidale');
    typeInto(box, 'anem');
    press(box, 'Escape');
    expect(box.value).toBe('Sindrome da ostruzione sinusoidale');
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
