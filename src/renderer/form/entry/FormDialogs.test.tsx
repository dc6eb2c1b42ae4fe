/** @jest-environment jsdom */
// The reason for change when a save corrects a queried field: it names the queries it will answer and comes
// pre-filled with their ids (so the save answers them); without queries it is the plain reason for change.

import { describe, expect, it, jest } from '@jest/globals';
import { act } from 'react';
import { render, typeInto } from '../../test-utils';
import { FormDialogs, type FormDialogsProps } from './FormDialogs';

function props(over: Partial<FormDialogsProps>): FormDialogsProps {
  return {
    pending: { kind: 'reason', complete: true },
    subjectId: 'IT01-0001',
    form: 'dm',
    instanceNo: 1,
    title: 'F02 Dati demografici',
    changing: ['Peso alla prima dose'],
    completedOnce: true,
    answering: [],
    checkMessage: () => undefined,
    overrideReason: () => undefined,
    onClose: () => undefined,
    onReason: () => undefined,
    onOverride: () => undefined,
    onSign: () => Promise.resolve(null),
    onLock: () => undefined,
    onUnlock: () => undefined,
    onAnswered: () => undefined,
    ...over,
  };
}

describe('the reason for change of a queried field', () => {
  it('comes pre-filled with the query id and says the save answers it; the save gets the reason as confirmed', () => {
    const onReason = jest.fn<(complete: boolean, reason: string) => void>();
    const view = render(<FormDialogs {...props({ answering: ['Q-3F9A1C22B7E0'], onReason })} />);
    const dialog = view.container.querySelector('dialog')!;
    expect(dialog.querySelector('textarea')!.value).toBe('Corretto in risposta alla query Q-3F9A1C22B7E0');
    expect(dialog.textContent).toContain('Il salvataggio risponde alle query citate nella motivazione: Q-3F9A1C22B7E0.');
    expect(dialog.textContent).toContain('Peso alla prima dose');
    typeInto(dialog.querySelector('textarea')!, 'Peso corretto dalla cartella, Q-3F9A1C22B7E0');
    act(() => dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    expect(onReason).toHaveBeenCalledWith(true, 'Peso corretto dalla cartella, Q-3F9A1C22B7E0');
    view.unmount();
  });

  it('on a draft never completed asks only because of the query, without the “completed before” text', () => {
    const view = render(<FormDialogs {...props({ completedOnce: false, answering: ['Q-3F9A1C22B7E0', 'Q-00000000000A'] })} />);
    const dialog = view.container.querySelector('dialog')!;
    expect(dialog.textContent).not.toContain('già stata completata');
    expect(dialog.querySelector('textarea')!.value).toBe('Corretto in risposta alla query Q-3F9A1C22B7E0, Q-00000000000A');
    view.unmount();
  });

  it('is the plain reason for change, empty, when no queried field changes', () => {
    const view = render(<FormDialogs {...props({})} />);
    const dialog = view.container.querySelector('dialog')!;
    expect(dialog.querySelector('textarea')!.value).toBe('');
    expect(dialog.textContent).not.toContain('query');
    view.unmount();
  });
});
