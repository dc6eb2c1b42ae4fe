/** @jest-environment jsdom */
// Numbers with units: the unit shown, and an alternative unit converting on entry to the stored unit.

import { describe, expect, it } from '@jest/globals';
import { act, useState, type ReactNode } from 'react';
import { Field } from '../../../shared/study/definition.schema';
import { byLabel, render, typeInto } from '../../test-utils';
import type { UiValue } from '../form-values';
import { NumberWidget } from './NumberWidget';

const bilirubin = Field.parse({
  name: 'bili_total',
  type: 'decimal',
  precision: 2,
  unit: 'mg/dL',
  altUnits: [{ unit: 'µmol/L', factor: 0.0584795 }],
  label: { it: 'Bilirubina totale', en: 'Total bilirubin' },
});
const weight = Field.parse({ name: 'weight_kg', type: 'decimal', precision: 1, unit: 'kg', label: { it: 'Peso', en: 'Weight' } });

function Harness({ field, seen }: { field: Field; seen: UiValue[] }): ReactNode {
  const [value, setValue] = useState<UiValue>('');
  if (field.type !== 'decimal') throw new Error('decimal fields only');
  return (
    <NumberWidget
      id="n"
      labelId="l"
      label={field.label.it}
      field={field}
      value={value}
      readOnly={false}
      invalid={false}
      required={false}
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
    />
  );
}

describe('NumberWidget', () => {
  it('shows the unit and passes typed text through (the schema parses it)', () => {
    const seen: UiValue[] = [];
    const { container, unmount } = render(<Harness field={weight} seen={seen} />);
    expect(container.textContent).toContain('kg');
    typeInto(container.querySelector('input')!, '70,5');
    expect(seen.at(-1)).toBe('70,5');
    unmount();
  });

  it('converts a value typed in µmol/L to mg/dL, rounded to the field’s precision, and shows the stored value', () => {
    const seen: UiValue[] = [];
    const { container, unmount } = render(<Harness field={bilirubin} seen={seen} />);
    const unit = byLabel(container, 'Unità di misura: Bilirubina totale') as HTMLSelectElement;
    act(() => {
      unit.value = 'µmol/L';
      unit.dispatchEvent(new Event('change', { bubbles: true }));
    });
    typeInto(container.querySelector('input')!, '34,2');
    expect(seen.at(-1)).toBe('2');
    expect(container.querySelector('input')!.value).toBe('34,2');
    expect(container.textContent).toContain('= 2 mg/dL');
    typeInto(container.querySelector('input')!, '17');
    expect(seen.at(-1)).toBe('0,99');
    unmount();
  });
});
