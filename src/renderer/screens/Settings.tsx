// Settings: language and auto-lock for everyone, one's own password, the site's study parameters and, for a
// stand-alone site, joining a coordinating centre (admins), and a check of the audit trail's hash chain.

import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../api/api-error';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { ErrorAlert } from '../components/ErrorAlert';
import { LabeledInput } from '../components/LabeledInput';
import { LanguageSelect } from '../components/LanguageSelect';
import { formatDate, parseDateText } from '../../shared/format';
import { JoinCentre } from './setup/JoinCentre';

function Preferences(): ReactNode {
  const { autoLockMinutes, setAutoLockMinutes, setLang } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const [minutes, setMinutes] = useState(String(autoLockMinutes));
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1 || n > 240) return setMessage(t('settings.minutesInvalid'));
    try {
      await setAutoLockMinutes(n);
      setMessage(t('settings.saved'));
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('settings.preferences')}</h2>
      <LanguageSelect label={t('settings.language')} value={lang} onChange={(next) => void setLang(next)} />
      <LabeledInput label={t('settings.autoLock')} value={minutes} onChange={setMinutes} inputMode="numeric" hint={t('settings.autoLockHint')} />
      <button type="submit" className="primary">
        {t('settings.save')}
      </button>
      <p role="status">{message}</p>
      <ErrorAlert error={error} />
    </form>
  );
}

function ChangePassword(): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (next !== confirm) return setMessage(t('firstRun.invalid.confirm'));
    try {
      await api.call('users:changePassword', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setError(null);
      setMessage(t('settings.passwordChanged'));
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate aria-labelledby="password-title">
      <h2 id="password-title">{t('settings.changePassword')}</h2>
      <LabeledInput label={t('settings.currentPassword')} value={current} onChange={setCurrent} type="password" autoComplete="current-password" />
      <LabeledInput label={t('settings.newPassword')} value={next} onChange={setNext} type="password" autoComplete="new-password" hint={t('firstRun.passwordHint')} />
      <LabeledInput label={t('settings.confirmPassword')} value={confirm} onChange={setConfirm} type="password" autoComplete="new-password" />
      <button type="submit" className="primary" disabled={!current || next.length < 10}>
        {t('settings.changePassword')}
      </button>
      <p role="status">{message}</p>
      <ErrorAlert error={error} />
    </form>
  );
}

function SiteParameters(): ReactNode {
  const { api, study } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const specs = study.definition.parameters.filter((p) => p.scope === 'site');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api
      .call('site:params', {})
      .then((values) => {
        const out: Record<string, string> = {};
        for (const p of specs) {
          const v = values[p.name];
          out[p.name] = v === null || v === undefined || v === '' ? '' : p.type === 'date' ? formatDate(String(v), lang) : String(v);
        }
        setTexts(out);
      })
      .catch((e: unknown) => setError(asApiError(e)));
    // Loaded once; the texts keep the language of the first render while being edited.
  }, [api]);
  const save = async (name: string): Promise<void> => {
    const spec = specs.find((p) => p.name === name)!;
    const text = (texts[name] ?? '').trim();
    let value: string | number | null = text === '' ? null : text;
    if (value !== null && spec.type === 'date') value = parseDateText(text) ?? text;
    if (value !== null && spec.type === 'number') value = Number(text.replace(',', '.'));
    try {
      await api.call('site:setParam', { name, value });
      setError(null);
      setMessage(t('settings.paramSaved', { name: spec.label[lang] }));
    } catch (e) {
      setError(asApiError(e));
    }
  };
  if (specs.length === 0) return null;
  return (
    <section className="card" aria-labelledby="params-title">
      <h2 id="params-title">{t('settings.siteParams')}</h2>
      {specs.map((p) => (
        <form
          key={p.name}
          className="row-controls"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save(p.name);
          }}
        >
          <LabeledInput label={p.label[lang]} value={texts[p.name] ?? ''} onChange={(v) => setTexts((x) => ({ ...x, [p.name]: v }))} hint={p.type === 'date' ? (lang === 'it' ? 'gg/mm/aaaa' : 'yyyy-mm-dd') : undefined} />
          <button type="submit" aria-label={t('settings.saveParam', { name: p.label[lang] })}>
            {t('settings.save')}
          </button>
        </form>
      ))}
      <p role="status">{message}</p>
      <ErrorAlert error={error} />
    </section>
  );
}

function AuditCheck(): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const [result, setResult] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const verify = async (): Promise<void> => {
    try {
      const r = await api.call('audit:verify', {});
      setResult(r.ok ? t('settings.auditOk', { count: r.entries }) : t('settings.auditBroken', { id: r.brokenAt ?? '?', reason: r.reason ?? '' }));
    } catch (e) {
      setError(asApiError(e));
    }
  };
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('settings.audit')}</h2>
      <button type="button" onClick={() => void verify()}>
        {t('settings.auditVerify')}
      </button>
      <p role="status">{result}</p>
      <ErrorAlert error={error} />
    </section>
  );
}

export function Settings(): ReactNode {
  const { can, central } = useWorkspace();
  const { t } = useTranslation();
  return (
    <main aria-labelledby="settings-title">
      <div className="screen-head">
        <h1 id="settings-title">{t('settings.title')}</h1>
      </div>
      <Preferences />
      <ChangePassword />
      {can('site.settings') ? <SiteParameters /> : null}
      {can('site.settings') && !central ? <JoinCentre /> : null}
      <AuditCheck />
    </main>
  );
}
