// The study report on screen: built on request (language, optional data cut-off) from the store, then every
// section of the report document — the generic ones and the study module's — drawn from its blocks, the same
// document `edc report` writes as HTML.

import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTimestampLocal, parseDateText, precisionOf } from '../../../shared/format';
import type { Lang } from '../../../shared/study/localized';
import { asApiError, type ApiError } from '../../api/api-error';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LabeledInput } from '../../components/LabeledInput';
import { LanguageSelect } from '../../components/LanguageSelect';
import { ReportSection } from './ReportSection';
import { ReportDocument } from './report-view';

interface Built {
  readonly document: ReportDocument;
  readonly svgs: ReadonlyMap<string, string>;
}

function ReportHeader({ document }: { document: ReportDocument }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const h = document.header;
  const common = { study: `${h.study_id} ${h.study_version}`, at: formatTimestampLocal(h.generated_at, lang), subjects: h.subjects, cutoff: h.data_cutoff ?? t('report.noCutoff') };
  return (
    <p className="summary" role="status">
      {h.analysis_population === null ? t('report.headerNoPopulation', common) : t('report.header', { ...common, population: h.analysis_population, label: h.population_label ?? '' })}
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
      const parsed = ReportDocument.safeParse(out.data);
      if (!parsed.success) throw new Error(`report.json: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
      setBuilt({ document: parsed.data, svgs: new Map(out.charts.map((c) => [c.id, c.svg])) });
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const sections = useMemo(() => built?.document.sections.map((s) => <ReportSection key={s.id} section={s} svgs={built.svgs} />), [built]);
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
          <ReportHeader document={built.document} />
          {sections}
        </div>
      ) : null}
    </main>
  );
}
