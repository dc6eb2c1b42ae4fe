// The Review screen (site and centre): one grid per form with every instance, coded values as labels or codes,
// failed checks and missing items highlighted; a row opens the form; CSV export of the whole store.

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewRow } from '../../../shared/contract/review';
import { asApiError, type ApiError } from '../../api/api-error';
import { useRouter } from '../../app/router';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CsvExportPanel } from './CsvExportPanel';
import { checkIndex, gridRows, reviewColumns, type LabelMode } from './review-model';
import { ReviewGrid } from './ReviewGrid';
import { ReviewLegend } from './ReviewLegend';

/** The form last reviewed, so coming back from a form shows the same grid. */
let lastForm: string | undefined;

export function ReviewScreen({ formKey }: { formKey: string | undefined }): ReactNode {
  const { api, study, can } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const router = useRouter();
  const forms = study.definition.forms;
  const [form, setForm] = useState(() => [formKey, lastForm].find((k) => k !== undefined && study.form(k)) ?? forms[0]!.key);
  const [data, setData] = useState<{ form: string; rows: ReviewRow[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [mode, setMode] = useState<LabelMode>('labels');
  const def = study.form(form)!;

  useEffect(() => {
    lastForm = form;
    let cancelled = false;
    setError(null);
    api
      .call('review:grid', { form })
      .then((grid) => !cancelled && setData({ form, rows: grid.rows }))
      .catch((e: unknown) => !cancelled && setError(asApiError(e)));
    return () => {
      cancelled = true;
    };
  }, [api, form]);

  const columns = useMemo(() => reviewColumns(study, def, lang), [study, def, lang]);
  const checks = useMemo(() => checkIndex(study, form), [study, form]);
  const rows = useMemo(() => (data && data.form === form ? gridRows(data.rows, columns, checks, lang) : null), [data, form, columns, checks, lang]);
  const title = `${def.specId} ${def.title[lang]}`;

  return (
    <main aria-labelledby="review-title" className="review-screen">
      <div className="screen-head">
        <h1 id="review-title">{t('review.title')}</h1>
        <div className="control inline">
          <label htmlFor="review-form">{t('review.form')}</label>
          <select id="review-form" value={form} onChange={(e) => setForm(e.target.value)}>
            {forms.map((f) => (
              <option key={f.key} value={f.key}>
                {f.specId} {f.title[lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="check-row">
          <input id="review-codes" type="checkbox" checked={mode === 'codes'} onChange={(e) => setMode(e.target.checked ? 'codes' : 'labels')} />
          <label htmlFor="review-codes">{t('review.showCodes')}</label>
        </div>
      </div>
      {can('data.export') ? (
        <details className="card csv-details">
          <summary>{t('csv.title')}</summary>
          <CsvExportPanel />
        </details>
      ) : null}
      <ReviewLegend />
      <ErrorAlert error={error} />
      {rows ? (
        <ReviewGrid
          key={form}
          formTitle={title}
          rows={rows}
          columns={columns}
          checks={checks}
          repeating={def.repeating}
          mode={mode}
          onOpen={(row) => void router.navigate({ name: 'form', subjectId: row.subjectId, form, instanceNo: row.instanceNo })}
        />
      ) : !error ? (
        <p>{t('common.loading')}</p>
      ) : null}
    </main>
  );
}
