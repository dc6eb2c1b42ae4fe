// First run: creates the site store (what `edc site init` does) with its administrator, then hands over the
// recovery code.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SiteInitInput, type AppStatus } from '../../shared/contract/app';
import type { SessionInfo } from '../../shared/contract/auth';
import { asApiError, type ApiError } from '../api/api-error';
import type { ApiClient } from '../api/client';
import { useLang } from '../app/use-lang';
import { ErrorAlert } from '../components/ErrorAlert';
import { LabeledInput } from '../components/LabeledInput';

export interface FirstRunProps {
  readonly api: ApiClient;
  readonly status: AppStatus;
  readonly onCreated: (recoveryCode: string, session: SessionInfo) => void;
}

type Fields = 'siteId' | 'siteName' | 'studyId' | 'username' | 'displayName' | 'password' | 'confirm';

export function FirstRun({ api, status, onCreated }: FirstRunProps): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const [values, setValues] = useState<Record<Fields, string>>({
    siteId: '',
    siteName: '',
    studyId: status.builtInStudies[0]?.id ?? '',
    username: '',
    displayName: '',
    password: '',
    confirm: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Fields, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: Fields) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const input = {
      siteId: values.siteId.trim().toUpperCase(),
      siteName: values.siteName,
      studyId: values.studyId,
      admin: { username: values.username.trim(), displayName: values.displayName, password: values.password },
    };
    const found: Partial<Record<Fields, string>> = {};
    const parsed = SiteInitInput.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[issue.path.length - 1];
        const name: Fields = key === 'siteId' ? 'siteId' : key === 'siteName' ? 'siteName' : key === 'username' ? 'username' : key === 'displayName' ? 'displayName' : key === 'password' ? 'password' : 'studyId';
        found[name] ??= t(`firstRun.invalid.${name}`);
      }
    }
    if (values.password !== values.confirm) found.confirm = t('firstRun.invalid.confirm');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await api.call('site:init', input);
      onCreated(result.recoveryCode, result.session);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="first-run" aria-labelledby="first-run-title">
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <h1 id="first-run-title">{t('firstRun.title')}</h1>
        <p>{t('firstRun.intro')}</p>
        <fieldset>
          <legend>{t('firstRun.site')}</legend>
          <LabeledInput label={t('firstRun.siteId')} value={values.siteId} onChange={set('siteId')} hint={t('firstRun.siteIdHint')} error={errors.siteId} autoFocus maxLength={6} />
          <LabeledInput label={t('firstRun.siteName')} value={values.siteName} onChange={set('siteName')} error={errors.siteName} maxLength={120} />
          <div className="control">
            <label htmlFor="first-run-study">{t('firstRun.study')}</label>
            <select id="first-run-study" value={values.studyId} onChange={(e) => set('studyId')(e.target.value)}>
              {status.builtInStudies.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title[lang]} ({s.id} {s.version})
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('firstRun.admin')}</legend>
          <LabeledInput label={t('firstRun.username')} value={values.username} onChange={set('username')} error={errors.username} autoComplete="off" />
          <LabeledInput label={t('firstRun.displayName')} value={values.displayName} onChange={set('displayName')} error={errors.displayName} />
          <LabeledInput label={t('firstRun.password')} value={values.password} onChange={set('password')} type="password" autoComplete="new-password" hint={t('firstRun.passwordHint')} error={errors.password} />
          <LabeledInput label={t('firstRun.confirm')} value={values.confirm} onChange={set('confirm')} type="password" autoComplete="new-password" error={errors.confirm} />
        </fieldset>
        <ErrorAlert error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('firstRun.create')}
        </button>
      </form>
    </main>
  );
}
