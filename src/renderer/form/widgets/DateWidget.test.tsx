/** @jest-environment jsdom */
// The partial-date widget: typed dd/mm/yyyy, mm/yyyy or yyyy (or ISO), read back live with its precision.

import { describe, expect, it } from '@jest/globals';
import { useState, type ReactNode } from 'react';
import { render, typeInto } from '../../test-utils';
import { toCandidate, type UiValue } from '../form-values';
import { DateWidget } from './DateWidget';
import type { DatePrecision } from '../../../shared/dates/partial-date';
import { Field } from '../../../shared/study/definition.schema';

function Harness({ partial, minPrecision, seen }: { partial: boolean; minPrecision: DatePrecision; seen: UiValue[] }): ReactNode {
  const [value, setValue] = useState<UiValue>('');
  return (
    <DateWidget
      id="d"
      labelId="l"
      label="Data di diagnosi"
      value={value}
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
      readOnly={false}
      invalid={false}
      required
      partial={partial}
      minPrecision={minPrecision}
    />
  );
}

const partialField = Field.parse({ name: 'dx_date', type: 'partialDate', minPrecision: 'month', label: { it: 'Data di diagnosi', en: 'Date of diagnosis' } });

describe('DateWidget (partial date)', () => {
  it('reads a month and year typed the Italian way as month precision, stored as YYYY-MM', () => {
    const seen: UiValue[] = [];
    const { container, unmount } = render(<Harness partial minPrecision="month" seen={seen} />);
    const input = container.querySelector('input')!;
    typeInto(input, '03/2020');
    const reading = container.querySelector('#d-reading')!;
    expect(reading.textContent).toBe('marzo 2020 · precisione: mese');
    expect(input.getAttribute('aria-describedby')).toContain('d-reading');
    expect(toCandidate(partialField, seen.at(-1)!)).toBe('2020-03');
    unmount();
  });

  it('shows a year alone as year precision and a full date as day precision', () => {
    const { container, unmount } = render(<Harness partial minPrecision="year" seen={[]} />);
    const input = container.querySelector('input')!;
    typeInto(input, '2018');
    expect(container.querySelector('#d-reading')!.textContent).toBe('2018 · precisione: anno');
    typeInto(input, '5/3/2020');
    expect(container.querySelector('#d-reading')!.textContent).toBe('5 marzo 2020 · precisione: giorno');
    expect(toCandidate(partialField, '5/3/2020')).toBe('2020-03-05');
    unmount();
  });

  it('accepts ISO typing too, and says when a date cannot be read', () => {
    const { container, unmount } = render(<Harness partial minPrecision="year" seen={[]} />);
    const input = container.querySelector('input')!;
    typeInto(input, '2019-11');
    expect(container.querySelector('#d-reading')!.textContent).toBe('novembre 2019 · precisione: mese');
    typeInto(input, '31/02/2020');
    expect(container.querySelector('#d-reading')!.textContent).toBe('data non riconosciuta');
    // Left as typed, so the schema reports it as an invalid date rather than a blank.
    expect(toCandidate(partialField, '31/02/2020')).toBe('31/02/2020');
    unmount();
  });

  it('uses the Italian placeholder gg/mm/aaaa for full dates', () => {
    const { container, unmount } = render(<Harness partial={false} minPrecision="day" seen={[]} />);
    expect(container.querySelector('input')!.getAttribute('placeholder')).toBe('gg/mm/aaaa');
    unmount();
  });
});
