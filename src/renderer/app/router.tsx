// Navigation between screens, with one guard a screen can install (unsaved changes) that every navigation,
// logout included, must pass.

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { HOME, type Route } from './routes';

/** Returns true to let the navigation happen. */
export type Guard = () => boolean | Promise<boolean>;

export interface Router {
  readonly route: Route;
  /** Increments on every navigation (not on replace): screens key on it to start fresh. */
  readonly visit: number;
  navigate(route: Route): Promise<boolean>;
  /** Updates the current route without leaving the screen (a new instance got its number). */
  replace(route: Route): void;
  /** Asks the installed guard, if any; true when leaving is fine. */
  confirmLeave(): Promise<boolean>;
  setGuard(guard: Guard | null): void;
}

const RouterContext = createContext<Router | null>(null);

export function RouterProvider({ children, initial = HOME }: { children: ReactNode; initial?: Route }): ReactNode {
  const [state, setState] = useState<{ route: Route; visit: number }>({ route: initial, visit: 0 });
  const guard = useRef<Guard | null>(null);

  const confirmLeave = useCallback(async (): Promise<boolean> => (guard.current ? guard.current() : true), []);
  const navigate = useCallback(
    async (route: Route): Promise<boolean> => {
      if (!(await confirmLeave())) return false;
      guard.current = null;
      setState((s) => ({ route, visit: s.visit + 1 }));
      return true;
    },
    [confirmLeave],
  );
  const replace = useCallback((route: Route) => setState((s) => ({ route, visit: s.visit })), []);
  const setGuard = useCallback((g: Guard | null) => {
    guard.current = g;
  }, []);

  const value = useMemo<Router>(() => ({ route: state.route, visit: state.visit, navigate, replace, confirmLeave, setGuard }), [state, navigate, replace, confirmLeave, setGuard]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter outside RouterProvider');
  return router;
}
