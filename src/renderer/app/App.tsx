// The top of the UI: first run, login, and the logged-in workspace; locks itself after inactivity or when the
// server says the session is gone, and shows the login over the current screen so no typed input is lost.

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract/app';
import type { SessionInfo } from '../../shared/contract/auth';
import { CompiledStudy } from '../../shared/study/compile';
import type { Lang } from '../../shared/study/localized';
import { asApiError, type ApiError } from '../api/api-error';
import type { ApiClient } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { FirstRun } from '../screens/FirstRun';
import { Login } from '../screens/Login';
import { RecoveryCode } from '../screens/RecoveryCode';
import { Shell } from '../screens/Shell';
import { canDo } from './capabilities';
import { RouterProvider } from './router';
import { CENTRAL_HOME, HOME } from './routes';
import { useIdle } from './use-idle';
import { WorkspaceProvider, type Workspace } from './workspace';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'firstRun'; status: AppStatus }
  | { kind: 'recovery'; code: string; session: SessionInfo }
  | { kind: 'login'; status: AppStatus }
  | { kind: 'ready'; session: SessionInfo; study: CompiledStudy; generation: number };

export function App({ api }: { api: ApiClient }): ReactNode {
  const { t, i18n } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [locked, setLocked] = useState<'idle' | 'server' | null>(null);
  const [autoLockMinutes, setAutoLock] = useState(15);
  const studies = useRef(new Map<string, CompiledStudy>());

  const applyLang = useCallback(
    (lang: Lang) => {
      if (i18n.language !== lang) void i18n.changeLanguage(lang);
      document.documentElement.lang = lang;
    },
    [i18n],
  );

  const loadStudy = useCallback(async (): Promise<CompiledStudy> => {
    const { hash, definition } = await api.call('study:definition', {});
    let compiled = studies.current.get(hash);
    if (!compiled) {
      compiled = new CompiledStudy(definition);
      studies.current.set(hash, compiled);
    }
    return compiled;
  }, [api]);

  const enter = useCallback(
    async (session: SessionInfo): Promise<void> => {
      const study = await loadStudy();
      setPhase((p) => {
        // The same user coming back keeps the screen and its unsaved input; anyone else starts afresh.
        const same = p.kind === 'ready' && p.session.username === session.username && p.session.siteId === session.siteId;
        return { kind: 'ready', session, study, generation: same ? p.generation : (p.kind === 'ready' ? p.generation : 0) + 1 };
      });
      setLocked(null);
    },
    [loadStudy],
  );

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const status = await api.call('app:status', {});
        if (cancelled) return;
        applyLang(status.lang);
        setAutoLock(status.autoLockMinutes);
        if (!status.initialized) setPhase({ kind: 'firstRun', status });
        else if (status.session) await enter(status.session);
        else setPhase({ kind: 'login', status });
      } catch (error) {
        if (!cancelled) setPhase({ kind: 'failed', error: asApiError(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, applyLang, enter]);

  const ready = phase.kind === 'ready';
  useEffect(() => api.onSessionLost(() => setLocked((l) => l ?? 'server')), [api]);
  useIdle(autoLockMinutes, ready && locked === null, () => {
    // Close the server session first so the database key is forgotten while nobody is at the screen.
    void api.call('auth:logout', {}).catch(() => undefined);
    setLocked('idle');
  });

  const workspace = useMemo<Workspace | null>(() => {
    if (phase.kind !== 'ready') return null;
    const { role, storeKind } = phase.session;
    return {
      api,
      session: phase.session,
      study: phase.study,
      central: storeKind === 'central',
      can: (action) => canDo(role, storeKind, action),
      autoLockMinutes,
      async setLang(lang) {
        applyLang(lang);
        await api.call('app:settings', { lang });
      },
      async setAutoLockMinutes(minutes) {
        const status = await api.call('app:settings', { autoLockMinutes: minutes });
        setAutoLock(status.autoLockMinutes);
      },
      async logout() {
        await api.call('auth:logout', {}).catch(() => undefined);
        const status = await api.call('app:status', {});
        setLocked(null);
        setPhase({ kind: 'login', status });
      },
    };
  }, [phase, api, autoLockMinutes, applyLang]);

  switch (phase.kind) {
    case 'loading':
      return <p className="boot">{t('common.loading')}</p>;
    case 'failed':
      return (
        <main className="boot">
          <ErrorAlert error={phase.error} />
        </main>
      );
    case 'firstRun':
      return <FirstRun api={api} status={phase.status} onCreated={(code, session) => setPhase({ kind: 'recovery', code, session })} />;
    case 'recovery':
      return <RecoveryCode code={phase.code} onContinue={() => void enter(phase.session)} />;
    case 'login':
      return <Login api={api} onLoggedIn={enter} mode={phase.status.mode} />;
    case 'ready':
      return (
        <WorkspaceProvider value={workspace!}>
          <div className={locked ? 'workspace workspace-locked' : 'workspace'} inert={locked !== null} aria-hidden={locked !== null ? true : undefined}>
            <RouterProvider key={phase.generation} initial={phase.session.storeKind === 'central' ? CENTRAL_HOME : HOME}>
              <Shell />
            </RouterProvider>
          </div>
          {locked ? <Login api={api} onLoggedIn={enter} lockedAs={phase.session} reason={locked} /> : null}
        </WorkspaceProvider>
      );
  }
}
