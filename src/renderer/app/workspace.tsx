// What every screen of a logged-in user needs: the API client, the session, the compiled study definition,
// what the user may do here (role and store kind), language and auto-lock settings, and the ways to log out or lock.

import { createContext, useContext, type ReactNode } from 'react';
import type { SessionInfo } from '../../shared/contract/auth';
import type { CompiledStudy } from '../../shared/study/compile';
import type { Lang } from '../../shared/study/localized';
import type { ApiClient } from '../api/client';
import type { UiAction } from './permissions';

export interface Workspace {
  readonly api: ApiClient;
  readonly session: SessionInfo;
  readonly study: CompiledStudy;
  /** True on a coordinator's central store (coordinator mode): the sites' data, read-only. */
  readonly central: boolean;
  /** The role table narrowed by the store kind: used to hide what cannot be done here (the server enforces it). */
  can(action: UiAction): boolean;
  readonly autoLockMinutes: number;
  setLang(lang: Lang): Promise<void>;
  setAutoLockMinutes(minutes: number): Promise<void>;
  logout(): Promise<void>;
}

const WorkspaceContext = createContext<Workspace | null>(null);

export function WorkspaceProvider({ value, children }: { value: Workspace; children: ReactNode }): ReactNode {
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace outside a logged-in workspace');
  return ws;
}
