// A workspace for the jsdom screen tests: a study, a user of a role, a fake API (its `call` given).

import type { CompiledStudy } from '../shared/study/compile';
import type { Role } from '../shared/study/definition.schema';
import type { ApiClient } from './api/client';
import { canDo, type StoreKind } from './app/capabilities';
import type { Workspace } from './app/workspace';

/** An ApiClient whose every call goes to `call` (no desktop dialogs, no session loss). */
export function apiCalling(call: (channel: string, input?: unknown) => Promise<unknown>): ApiClient {
  return { call, desktop: false, chooseFolder: () => undefined, chooseFile: () => undefined, onSessionLost: () => () => undefined } as unknown as ApiClient;
}

export interface TestUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly kind?: StoreKind;
}

export function testWorkspace(api: ApiClient, study: CompiledStudy, user: TestUser): Workspace {
  const kind = user.kind ?? 'site';
  const central = kind === 'central';
  const d = study.definition;
  return {
    api,
    session: { username: user.username, displayName: user.displayName, role: user.role, siteId: central ? 'CENTRAL' : 'IT01', siteName: central ? 'Centro' : 'Ospedale IT01', storeKind: kind, study: { id: d.id, version: d.version, hash: 'h', title: d.title } },
    study,
    central,
    can: (action) => canDo(user.role, kind, action),
    autoLockMinutes: 15,
    setLang: () => Promise.resolve(),
    setAutoLockMinutes: () => Promise.resolve(),
    logout: () => Promise.resolve(),
  };
}
