// One user action at a time against the API: busy while it runs, its error kept for the screen to show.

import { useCallback, useState } from 'react';
import { asApiError, type ApiError } from '../api/api-error';

export interface Attempt {
  readonly busy: boolean;
  readonly error: ApiError | null;
  /** Runs `work`, clearing the last error first; a failure is kept in `error`, never thrown. */
  readonly attempt: (work: () => Promise<void>) => Promise<void>;
}

export function useAttempt(): Attempt {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const attempt = useCallback(async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, attempt };
}
