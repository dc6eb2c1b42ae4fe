/** @jest-environment jsdom */
// Missing-data reason buttons: only the reasons the field allows, pressed state, toggling, one Tab stop with arrows.

import { describe, expect, it } from '@jest/globals';
import { useState, type ReactNode } from 'react';
import type { MissingReason } from '../../../shared/study/definition.schema';
import { byLabel, click, press, render } from '../../test-utils';
import type { UiValue } from '../form-values';
import { MissingReasonButtons } from './MissingReasonButtons';

function Harness({ allowed, initial = '', seen }: { allowed: MissingReason[]; initial?: UiValue; seen: UiValue[] }): ReactNode {
  const [value, setValue] = useState<UiValue>(initial);
  return (
    <MissingReasonButtons
      label="Emoglobina"
      allowed={allowed}
      value={value}
      blank=""
      readOnly={false}
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
    />
  );
}

describe('MissingReasonButtons', () => {
  it('offers only the reasons the field allows, in one labelled toolbar', () => {
    const { container, unmount } = render(<Harness allowed={['NK', 'NA']} seen={[]} />);
    const toolbar = container.querySelector('[role="toolbar"]')!;
    expect(toolbar.getAttribute('aria-label')).toBe('Dato mancante: Emoglobina');
    expect([...toolbar.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['NK', 'NA']);
    unmount();
  });

  it('sets a reason when pressed and clears it when pressed again', () => {
    const seen: UiValue[] = [];
    const { container, unmount } = render(<Harness allowed={['ND', 'NK', 'NA']} seen={seen} />);
    const nk = byLabel(container, 'NK (non noto): Emoglobina');
    expect(nk.getAttribute('aria-pressed')).toBe('false');
    click(nk);
    expect(seen.at(-1)).toEqual({ missing: 'NK' });
    expect(nk.getAttribute('aria-pressed')).toBe('true');
    click(nk);
    expect(seen.at(-1)).toBe('');
    expect(nk.getAttribute('aria-pressed')).toBe('false');
    unmount();
  });

  it('switches from one reason to another', () => {
    const seen: UiValue[] = [];
    const { container, unmount } = render(<Harness allowed={['ND', 'NK', 'NA']} initial={{ missing: 'ND' }} seen={seen} />);
    expect(byLabel(container, 'ND (non disponibile / non eseguito): Emoglobina').getAttribute('aria-pressed')).toBe('true');
    click(byLabel(container, 'NA (non applicabile): Emoglobina'));
    expect(seen).toEqual([{ missing: 'NA' }]);
    unmount();
  });

  it('is one Tab stop; arrow keys move between the buttons', () => {
    const { container, unmount } = render(<Harness allowed={['ND', 'NK', 'NA']} seen={[]} />);
    const buttons = [...container.querySelectorAll('button')];
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    buttons[0]!.focus();
    press(buttons[0]!, 'ArrowRight');
    expect(document.activeElement).toBe(buttons[1]);
    expect(buttons.map((b) => b.tabIndex)).toEqual([-1, 0, -1]);
    press(buttons[1]!, 'ArrowLeft');
    press(buttons[0]!, 'ArrowLeft');
    expect(document.activeElement).toBe(buttons[2]);
    unmount();
  });
});
