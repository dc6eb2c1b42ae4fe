// The form's keyboard shortcuts: Ctrl+S saves a draft, Ctrl+Enter marks complete, Alt+N / Alt+P go to the next
// or previous form. Ignored while a dialog is open (its own keys apply there).

import { useEffect, useRef } from 'react';

export interface FormShortcuts {
  readonly saveDraft: () => void;
  readonly markComplete: () => void;
  readonly step: ((step: 1 | -1) => void) | undefined;
}

export function useFormShortcuts(handlers: FormShortcuts): void {
  // The listener is added once; it always calls the latest handlers.
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => {
      if (document.querySelector('dialog[open]')) return;
      const { saveDraft, markComplete, step } = latest.current;
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && !event.altKey && event.code === 'KeyS') {
        event.preventDefault();
        saveDraft();
      } else if (ctrl && event.key === 'Enter') {
        event.preventDefault();
        markComplete();
      } else if (event.altKey && !ctrl && (event.code === 'KeyN' || event.code === 'KeyP') && step) {
        event.preventDefault();
        step(event.code === 'KeyN' ? 1 : -1);
      }
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
