// Calls onIdle once after `minutes` without keyboard, pointer or wheel activity (the renderer's auto-lock).

import { useEffect, useRef } from 'react';

const EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'input'] as const;

export function useIdle(minutes: number, enabled: boolean, onIdle: () => void): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;

  useEffect(() => {
    if (!enabled) return undefined;
    let last = Date.now();
    let fired = false;
    const touch = (): void => {
      last = Date.now();
    };
    for (const name of EVENTS) window.addEventListener(name, touch, { passive: true, capture: true });
    // A short poll instead of one long timer: it notices time jumps (a suspended laptop) too.
    const timer = window.setInterval(() => {
      if (!fired && Date.now() - last >= minutes * 60_000) {
        fired = true;
        callback.current();
      }
    }, 1000);
    return () => {
      window.clearInterval(timer);
      for (const name of EVENTS) window.removeEventListener(name, touch, { capture: true });
    };
  }, [minutes, enabled]);
}
