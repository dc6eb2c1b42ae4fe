// Leaving a form with unsaved changes: the router asks first (the caller shows the question), and closing the
// window warns through the browser's own prompt.

import { useEffect, useRef } from 'react';
import { useRouter } from '../../app/router';

/** `ask` shows the question and calls `answer(true)` to leave, `answer(false)` to stay. */
export function useUnsavedGuard(dirty: boolean, ask: (answer: (leave: boolean) => void) => void): void {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const askRef = useRef(ask);
  askRef.current = ask;
  const { setGuard } = useRouter();
  useEffect(() => {
    setGuard(() => (dirtyRef.current ? new Promise<boolean>((answer) => askRef.current(answer)) : true));
    return () => setGuard(null);
  }, [setGuard]);
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
