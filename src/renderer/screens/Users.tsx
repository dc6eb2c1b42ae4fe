// User administration (admins): the users with role and lock state; add, reset password, unlock, deactivate,
// change role.

import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AddUserInput, type UserSummary } from '../../shared/contract/users';
import { ROLES, type Role } from '../../shared/study/definition.schema';
import { asApiError, type ApiError } from '../api/api-error';
import { useWorkspace } from '../app/workspace';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { LabeledInput } from '../components/LabeledInput';
import { SubmitActions } from '../components/SubmitActions';

function AddUserForm({ onAdded }: { onAdded: () => void }): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const roleId = useId();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('data_entry');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone('');
    const input = { username: username.trim(), displayName: displayName.trim(), role, password };
    if (!AddUserInput.safeParse(input).success) return setProblem(t('users.invalid'));
    if (password !== confirm) return setProblem(t('firstRun.invalid.confirm'));
    setProblem(undefined);
    try {
      await api.call('users:add', input);
      setDone(t('users.added', { user: input.username }));
      setUsername('');
      setDisplayName('');
      setPassword('');
      setConfirm('');
      setError(null);
      onAdded();
    } catch (e) {
      setError(asApiError(e));
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-user-title">
      <h2 id="add-user-title">{t('users.add')}</h2>
      <div className="row-controls">
        <LabeledInput label={t('users.username')} value={username} onChange={setUsername} autoComplete="off" maxLength={40} />
        <LabeledInput label={t('users.displayName')} value={displayName} onChange={setDisplayName} maxLength={100} />
        <div className="control">
          <label htmlFor={roleId}>{t('users.role')}</label>
          <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <LabeledInput label={t('users.password')} value={password} onChange={setPassword} type="password" autoComplete="new-password" hint={t('firstRun.passwordHint')} />
        <LabeledInput label={t('users.confirm')} value={confirm} onChange={setConfirm} type="password" autoComplete="new-password" />
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorAlert error={error} />
      <button type="submit" className="primary">
        {t('users.addButton')}
      </button>
      <p role="status">{done}</p>
    </form>
  );
}

function ResetPassword({ user, onClose }: { user: UserSummary; onClose: (done: boolean) => void }): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    try {
      await api.call('users:resetPassword', { username: user.username, newPassword: password });
      onClose(true);
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <Dialog title={t('users.resetTitle', { user: user.username })} onClose={() => onClose(false)}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <LabeledInput label={t('users.newPassword')} value={password} onChange={setPassword} type="password" autoComplete="new-password" hint={t('firstRun.passwordHint')} autoFocus />
        <ErrorAlert error={error} />
        <SubmitActions submitLabel={t('users.reset')} onCancel={() => onClose(false)} disabled={password.length < 10} />
      </form>
    </Dialog>
  );
}

export function Users(): ReactNode {
  const { api, session } = useWorkspace();
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [deactivating, setDeactivating] = useState<UserSummary | null>(null);
  const [message, setMessage] = useState('');

  const load = useCallback(() => {
    api
      .call('users:list', {})
      .then(setUsers)
      .catch((e: unknown) => setError(asApiError(e)));
  }, [api]);
  useEffect(load, [load]);

  const run = async (action: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await action();
      setMessage(done);
      setError(null);
      load();
    } catch (e) {
      setError(asApiError(e));
    }
  };

  return (
    <main aria-labelledby="users-title">
      <div className="screen-head">
        <h1 id="users-title">{t('users.title')}</h1>
      </div>
      <ErrorAlert error={error} />
      <p role="status">{message}</p>
      <table className="table">
        <caption className="sr-only">{t('users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.username')}</th>
            <th scope="col">{t('users.displayName')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.state')}</th>
            <th scope="col">{t('users.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.username}>
              <th scope="row" className="mono">
                {u.username}
              </th>
              <td>{u.displayName}</td>
              <td>
                <select
                  aria-label={t('users.roleOf', { user: u.username })}
                  value={u.role}
                  disabled={u.username === session.username || !u.active}
                  onChange={(e) => void run(() => api.call('users:setRole', { username: u.username, role: e.target.value as Role }), t('users.roleChanged', { user: u.username }))}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {!u.active ? t('users.inactive') : u.locked ? t('users.lockedFor', { seconds: u.lockedForSeconds }) : u.failures > 0 ? t('users.failures', { count: u.failures }) : t('users.active')}
              </td>
              <td className="row-actions">
                {u.active ? (
                  <button type="button" onClick={() => setResetting(u)} aria-label={t('users.resetFor', { user: u.username })}>
                    {t('users.reset')}
                  </button>
                ) : null}
                {u.locked || u.failures > 0 ? (
                  <button type="button" onClick={() => void run(() => api.call('users:unlock', { username: u.username }), t('users.unlocked', { user: u.username }))} aria-label={t('users.unlockFor', { user: u.username })}>
                    {t('users.unlock')}
                  </button>
                ) : null}
                {u.active && u.username !== session.username ? (
                  <button type="button" className="danger" onClick={() => setDeactivating(u)} aria-label={t('users.deactivateFor', { user: u.username })}>
                    {t('users.deactivate')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddUserForm onAdded={load} />
      {resetting ? (
        <ResetPassword
          user={resetting}
          onClose={(done) => {
            if (done) setMessage(t('users.resetDone', { user: resetting.username }));
            setResetting(null);
          }}
        />
      ) : null}
      {deactivating ? (
        <ConfirmDialog
          title={t('users.deactivateTitle', { user: deactivating.username })}
          message={t('users.deactivateExplain')}
          confirmLabel={t('users.deactivate')}
          onCancel={() => setDeactivating(null)}
          onConfirm={() => {
            const u = deactivating;
            setDeactivating(null);
            void run(() => api.call('users:deactivate', { username: u.username }), t('users.deactivated', { user: u.username }));
          }}
        />
      ) : null}
    </main>
  );
}
