// First run without a kit: a stand-alone site (what `edc site init --site` does) with a built-in study and its
// administrator. It cannot exchange data until it joins a coordinating centre from Settings.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SiteInitInput, type AppStatus } from '../../../shared/contract/app';
import type { SessionInfo } from '../../../shared/contract/auth';
import { asApiError, type ApiError } from '../../api/api-error';
import type { ApiClient } from '../../api/client';
import { useLang } from '../../app/use-lang';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LabeledInput } from '../../components/LabeledInput';
import { AdminFields, adminErrors, adminInput, NO_ADMIN, type AdminErrors, type AdminValues } from './AdminFields';

export interface StandAloneSetupProps {
  readonly api: ApiClient;
  readonly status: AppStatus;
  readonly onCreated: (recoveryCode: string, session: SessionInfo) => void;
}

type SiteField = 'siteId' | 'siteName' | 'studyId';
const SiteFields = SiteInitInput.pick({ siteId: true, siteName: true, studyId: true });

export function StandAloneSetup({ api, status, onCreated }: StandAloneSetupProps): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const [site, setSite] = useState<Record<SiteField, string>>({ siteId: '', siteName: '', studyId: status.builtInStudies[0]?.id ?? '' });
  const [admin, setAdmin] = useState<AdminValues>(NO_ADMIN);
  const [siteErrors, setSiteErrors] = useState<Partial<Record<SiteField, string>>>({});
  const [errors, setErrors] = useState<AdminErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: SiteField) => (value: string) => setSite((v) => ({ ...v, [name]: value }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const siteInput = { siteId: site.siteId.trim().toUpperCase(), siteName: site.siteName, studyId: site.studyId };
    const foundSite: Partial<Record<SiteField, string>> = {};
    const parsed = SiteFields.safeParse(siteInput);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        const name: SiteField = key === 'siteId' ? 'siteId' : key === 'siteName' ? 'siteName' : 'studyId';
        foundSite[name] ??= t(`firstRun.invalid.${name}`);
      }
    }
    const foundAdmin = adminErrors(admin, t);
    setSiteErrors(foundSite);
    setErrors(foundAdmin);
    if (Object.keys(foundSite).length > 0 || Object.keys(foundAdmin).length > 0) return;
    setBusy(true);
    try {
      const result = await api.call('site:init', { ...siteInput, admin: adminInput(admin) });
      onCreated(result.recoveryCode, result.session);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <fieldset>
        <legend>{t('firstRun.site')}</legend>
        <LabeledInput label={t('firstRun.siteId')} value={site.siteId} onChange={set('siteId')} hint={t('firstRun.siteIdHint')} error={siteErrors.siteId} maxLength={6} />
        <LabeledInput label={t('firstRun.siteName')} value={site.siteName} onChange={set('siteName')} error={siteErrors.siteName} maxLength={120} />
        <div className="control">
          <label htmlFor="first-run-study">{t('firstRun.study')}</label>
          <select id="first-run-study" value={site.studyId} onChange={(e) => set('studyId')(e.target.value)}>
            {status.builtInStudies.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title[lang]} ({s.id} {s.version})
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <AdminFields values={admin} errors={errors} onChange={setAdmin} />
      <ErrorAlert error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('firstRun.create')}
      </button>
    </form>
  );
}
