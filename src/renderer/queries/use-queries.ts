// Loads the store's queries (optionally one subject's) and reloads them on demand, e.g. after an answer or a save.

import { useCallback, useEffect, useState } from 'react';
import type { QueryOut } from '../../shared/contract/queries';
import { asApiError, type ApiError } from '../api/api-error';
import { useWorkspace } from '../app/workspace';

export interface LoadedQueries {
  /** null while loading. */
  readonly queries: readonly QueryOut[] | null;
  readonly error: ApiError | null;
  reload(): Promise<void>;
}

export function useQueries(subjectId?: string): LoadedQueries {
  const { api } = useWorkspace();
  const [queries, setQueries] = useState<readonly QueryOut[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    try {
      setQueries(await api.call('queries:list', subjectId === undefined ? {} : { subjectId }));
      setError(null);
    } catch (e) {
      setError(asApiError(e));
    }
  }, [api, subjectId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { queries, error, reload };
}
