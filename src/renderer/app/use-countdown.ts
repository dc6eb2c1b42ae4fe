// Seconds left until a deadline, ticking once a second (the login lockout delay).

import { useEffect, useState } from 'react';

export function useCountdown(deadline: number | null): number {
  const left = (): number => (deadline === null ? 0 : Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (deadline === null) return undefined;
    const timer = window.setInterval(() => {
      const s = left();
      setSeconds(s);
      if (s <= 0) window.clearInterval(timer);
    }, 250);
    return () => window.clearInterval(timer);
  }, [deadline]);
  return seconds;
}
