// Enrolment: allocates the next pseudonym and records the site-only identification-log entry with it.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityInput } from '../../shared/contract/subjects';
import { asApiError, type ApiError } from '../api/api-error';
import { useRouter } from '../app/router';
import { useWorkspace } from '../app/workspace';
import { ErrorAlert } from '../components/ErrorAlert';
import { IdentityFields, identityInput, LINK_FIELD, type IdentityTexts } from './IdentityFields';

export function NewSubject(): ReactNode {
  const { api, session, study, can } = useWorkspace();
  const { t } = useTranslation();
  const router = useRouter();
  const fields = study.definition.identificationLog;
  const showLog = can('identity.write') && fields.length > 0;
  const [texts, setTexts] = useState<IdentityTexts>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const { input, errors: found } = identityInput(fields, texts);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const subject = await api.call('subjects:create', {});
      const given = Object.entries(input).filter(([, v]) => v !== null);
      // The log is written once the pseudonym exists: it is the log's required link key.
      if (showLog && given.length > 0) {
        const withLink: IdentityInput = fields.some((f) => f.name === LINK_FIELD) ? { [LINK_FIELD]: subject.id } : {};
        await api.call('subjects:setIdentity', { subjectId: subject.id, identity: { ...withLink, ...Object.fromEntries(given) } });
      }
      await router.navigate({ name: 'casebook', subjectId: subject.id });
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main aria-labelledby="new-subject-title">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="screen-head">
          <h1 id="new-subject-title">{t('newSubject.title')}</h1>
        </div>
        <p>{t('newSubject.intro', { site: session.siteId })}</p>
        {showLog ? (
          <section className="card site-only" aria-labelledby="new-subject-log">
            <h2 id="new-subject-log">
              {t('identity.title')} <span className="badge badge-site-only">{t('identity.siteOnly')}</span>
            </h2>
            <p className="hint">{t('identity.explain')}</p>
            <IdentityFields fields={fields} texts={texts} errors={errors} onChange={(name, text) => setTexts((v) => ({ ...v, [name]: text }))} />
          </section>
        ) : null}
        <ErrorAlert error={error} />
        <div className="actions">
          <button type="button" onClick={() => void router.navigate({ name: 'subjects' })}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('newSubject.create')}
          </button>
        </div>
      </form>
    </main>
  );
}
