// The coordinator's study report: built on request (language, optional data cut-off) from the central store;
// the key tables — enrolment, completeness, response with CIs, survival, grade ≥ 3 AEs, SOS/VOD, costs —
// and the charts. The full HTML report with every table is written by `edc report`.

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../../shared/study/localized';
import { asApiError, type ApiError } from '../../api/api-error';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LabeledInput } from '../../components/LabeledInput';
import { LanguageSelect } from '../../components/LanguageSelect';
import { formatTimestamp, parseDateText, precisionOf } from '../../i18n/format';
import { ResponseTable, SurvivalTable } from './OutcomeTables';
import { ReportCharts } from './ReportCharts';
import { ReportView, type ReportChart } from './report-view';
import { AdverseEventTable, CostTable, SosVodTable } from './SafetyTables';
import { CompletenessTable, EnrolmentTable } from './StudyTables';

interface Built {
  readonly view: ReportView;
  readonly charts: readonly ReportChart[];
}

function ReportHeader({ report }: { report: ReportView }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const h = report.header;
  return (
    <p className="summary" role="status">
      {t('report.header', { study: `${h.study_id} ${h.study_version}`, at: formatTimestamp(h.generated_at, lang), subjects: h.subjects, population: h.analysis_population, cutoff: h.data_cutoff ?? t('report.noCutoff') })}
    </p>
  );
}

export function ReportScreen(): ReactNode {
  const { api } = useWorkspace();
  const { t } = useTranslation();
  const uiLang = useLang();
  const [lang, setLang] = useState<Lang>(uiLang);
  const [cutoff, setCutoff] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [built, setBuilt] = useState<Built | null>(null);
  const cutoffIso = cutoff.trim() === '' ? undefined : parseDateText(cutoff);
  const cutoffInvalid = cutoff.trim() !== '' && (cutoffIso === undefined || precisionOf(cutoffIso) !== 'day');

  const build = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (cutoffInvalid) return;
    setBusy(true);
    setError(null);
    try {
      const out = await api.call('report:build', { lang, ...(cutoffIso ? { dataCutoff: cutoffIso } : {}) });
      const parsed = ReportView.safeParse(out.data);
      if (!parsed.success) throw new Error(`report.json: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
      setBuilt({ view: parsed.data, charts: out.charts });
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main aria-labelledby="report-title">
      <div className="screen-head">
        <h1 id="report-title">{t('report.title')}</h1>
      </div>
      <p className="hint">{t('report.intro')}</p>
      <form className="card row-controls" onSubmit={(e) => void build(e)} noValidate>
        <LanguageSelect label={t('report.language')} value={lang} onChange={setLang} />
        <LabeledInput label={t('report.cutoff')} value={cutoff} onChange={setCutoff} hint={t('report.cutoffHint')} error={cutoffInvalid ? t('report.cutoffInvalid') : undefined} autoComplete="off" />
        <button type="submit" className="primary" disabled={busy || cutoffInvalid}>
          {busy ? t('report.building') : t('report.build')}
        </button>
      </form>
      <ErrorAlert error={error} />
      {built ? (
        <div>
          <ReportHeader report={built.view} />
          <ResponseTable report={built.view} />
          <SurvivalTable report={built.view} />
          <AdverseEventTable report={built.view} />
          <SosVodTable report={built.view} />
          <CostTable report={built.view} />
          <EnrolmentTable report={built.view} />
          <CompletenessTable report={built.view} />
          <ReportCharts charts={built.charts} />
        </div>
      ) : null}
    </main>
  );
}
