// The subject's identification-log entry in the casebook: site-only, read for site roles, editable by them.

import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentityInput } from '../../shared/contract/subjects';
import { asApiError, type ApiError } from '../api/api-error';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { ErrorAlert } from '../components/ErrorAlert';
import { IdentityFields, identityInput, identityTexts, LINK_FIELD, type IdentityTexts } from './IdentityFields';

export function IdentityPanel({ subjectId, onSaved }: { subjectId: string; onSaved: () => void }): ReactNode {
  const { api, study, can } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const fields = study.definition.identificationLog;
  const [open, setOpen] = useState(false);
  const [texts, setTexts] = useState<IdentityTexts | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const writable = can('identity.write');

  useEffect(() => {
    if (!open || texts) return;
    api
      .call('subjects:identity', { subjectId })
      .then((stored) => setTexts(identityTexts(fields, stored, lang)))
      .catch((e: unknown) => setError(asApiError(e)));
  }, [open, texts, api, subjectId, fields, lang]);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!texts) return;
    const { input, errors: found } = identityInput(fields, texts);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const link: IdentityInput = fields.some((f) => f.name === LINK_FIELD) ? { [LINK_FIELD]: subjectId } : {};
      const stored = await api.call('subjects:setIdentity', { subjectId, identity: { ...link, ...input } });
      setTexts(identityTexts(fields, stored, lang));
      setSaved(true);
      setError(null);
      onSaved();
    } catch (e) {
      setError(asApiError(e));
    }
  };

  if (fields.length === 0) return null;
  return (
    <section className="card site-only" aria-labelledby="identity-title">
      <h2 id="identity-title">
        {t('identity.title')} <span className="badge badge-site-only">{t('identity.siteOnly')}</span>
      </h2>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('identity.hide') : t('identity.show')}
      </button>
      {open && texts ? (
        <form onSubmit={(e) => void save(e)} noValidate>
          <IdentityFields
            fields={fields}
            texts={texts}
            errors={errors}
            readOnly={!writable}
            onChange={(name, text) => {
              setSaved(false);
              setTexts((v) => ({ ...(v ?? {}), [name]: text }));
            }}
          />
          {writable ? (
            <button type="submit" className="primary">
              {t('identity.save')}
            </button>
          ) : null}
          {saved ? <p role="status">{t('identity.saved')}</p> : null}
        </form>
      ) : null}
      <ErrorAlert error={error} />
    </section>
  );
}
