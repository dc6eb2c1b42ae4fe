// Login, and the same form over the current screen after an automatic lock: wrong passwords show the attempts
// left, a locked account the remaining delay as a countdown.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../shared/contract/auth';
import { asApiError, type ApiError } from '../api/api-error';
import type { ApiClient } from '../api/client';
import { useCountdown } from '../app/use-countdown';
import { useLang } from '../app/use-lang';
import { LabeledInput } from '../components/LabeledInput';

export interface LoginProps {
  readonly api: ApiClient;
  readonly onLoggedIn: (session: SessionInfo) => Promise<void>;
  /** Set when the session was locked: the screen behind stays as it was. */
  readonly lockedAs?: SessionInfo;
  readonly reason?: 'idle' | 'server';
  /** A coordinator's data folder: the one user is `coordinator`, with the coordinator passphrase. */
  readonly mode?: 'site' | 'central';
}

const COORDINATOR = 'coordinator';

export function Login({ api, onLoggedIn, lockedAs, reason, mode = 'site' }: LoginProps): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const [username, setUsername] = useState(lockedAs?.username ?? (mode === 'central' ? COORDINATOR : ''));
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const secondsLeft = useCountdown(lockedUntil);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    try {
      const session = await api.call('auth:login', { username: username.trim(), password });
      setPassword('');
      await onLoggedIn(session);
    } catch (caught) {
      const e = asApiError(caught);
      setError(e);
      setPassword('');
      const seconds = e.code === 'auth.locked' ? e.numberDetail('seconds') : undefined;
      setLockedUntil(seconds !== undefined ? Date.now() + seconds * 1000 : null);
    } finally {
      setBusy(false);
    }
  };

  const remaining = error?.code === 'auth.wrongPassword' ? error.numberDetail('remaining') : undefined;
  const lockedNow = error?.code === 'auth.locked' && secondsLeft > 0;

  return (
    <main className={lockedAs ? 'login login-overlay' : 'login'} aria-labelledby="login-title">
      <form className="card login-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1 id="login-title">{lockedAs ? t('login.lockedTitle') : t('login.title')}</h1>
        {lockedAs ? <p className="hint">{reason === 'idle' ? t('login.lockedIdle') : t('login.lockedServer')}</p> : null}
        {lockedAs ? <p className="hint">{t('login.inputKept')}</p> : null}
        {mode === 'central' && !lockedAs ? <p className="alert alert-info">{t('login.coordinatorHint')}</p> : null}
        <LabeledInput label={t('login.username')} value={username} onChange={setUsername} autoComplete="username" autoFocus={!lockedAs && mode !== 'central'} required />
        <LabeledInput
          label={mode === 'central' && !lockedAs ? t('login.passphrase') : t('login.password')}
          value={password}
          onChange={setPassword}
          type="password"
          autoComplete="current-password"
          autoFocus={Boolean(lockedAs) || mode === 'central'}
          required
        />
        <div role="alert" className="login-messages">
          {lockedNow ? (
            <p className="alert alert-error">{t('login.lockedFor', { seconds: secondsLeft })}</p>
          ) : error?.code === 'auth.locked' ? (
            <p className="alert alert-info">{t('login.tryAgain')}</p>
          ) : error ? (
            <p className="alert alert-error">
              {error.code === 'auth.wrongPassword' ? t('login.wrong') : error.messageIn(lang)}
              {remaining !== undefined ? ` ${t('login.attemptsLeft', { count: remaining })}` : ''}
            </p>
          ) : null}
        </div>
        <button type="submit" className="primary" disabled={busy || lockedNow || !username || !password}>
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
