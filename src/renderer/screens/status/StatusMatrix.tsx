// The record status dashboard: subject × form, each cell coloured and marked by status and open issue, a click
// opening the form; on a site its subjects, in coordinator mode every site's merged subjects (read-only).
// Rows are virtualised so 500 subjects paint within the issue's 300 ms.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatrixCell, StatusMatrix as Matrix } from '../../../shared/contract/status-matrix';
import { asApiError, type ApiError } from '../../api/api-error';
import { useRouter } from '../../app/router';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PrintButton } from '../../components/PrintButton';
import { cellTarget, ISSUE_MARK, STATUS_GLYPH, type CellState } from './matrix-cell';
import { MatrixLegend } from './MatrixLegend';

const ROW_HEIGHT = 34;

export function StatusMatrix(): ReactNode {
  const { api, study, central } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const router = useRouter();
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [site, setSite] = useState('');
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .call('review:statusMatrix', {})
      .then((m) => !cancelled && setMatrix(m))
      .catch((e: unknown) => !cancelled && setError(asApiError(e)));
    return () => {
      cancelled = true;
    };
  }, [api]);

  const forms = useMemo(() => (matrix?.forms ?? []).map((key) => study.form(key)).filter((f) => f !== undefined), [matrix, study]);
  const rows = useMemo(() => (matrix?.rows ?? []).filter((r) => site === '' || r.siteId === site), [matrix, site]);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10, initialRect: { width: 1200, height: 600 } });
  const layout = { '--matrix-cols': `8rem repeat(${forms.length}, 3.25rem)` } as CSSProperties;

  const label = (formTitle: string, state: CellState, cell: MatrixCell | undefined): string => {
    const parts = [formTitle, t(`status.${state}`)];
    if (cell && cell.instances > 1) parts.push(t('statusMatrix.instances', { count: cell.instances }));
    if (cell?.issue && cell.issue !== 'none') parts.push(t(`statusMatrix.issue.${cell.issue}`));
    return parts.join(' · ');
  };

  return (
    <main aria-labelledby="matrix-title" className="matrix-screen">
      <div className="screen-head">
        <h1 id="matrix-title">{t('statusMatrix.title')}</h1>
        <PrintButton request={{ kind: 'blankCrf', lang }} label={t('print.blankCrf')} />
        {central && matrix && matrix.sites.length > 1 ? (
          <div className="control inline">
            <label htmlFor="matrix-site">{t('statusMatrix.site')}</label>
            <select id="matrix-site" value={site} onChange={(e) => setSite(e.target.value)}>
              <option value="">{t('statusMatrix.allSites')}</option>
              {matrix.sites.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <p className="count" role="status">
          {matrix === null ? t('common.loading') : t('subjects.count', { count: rows.length })}
        </p>
      </div>
      {central ? <p className="hint">{t('statusMatrix.readOnly')}</p> : null}
      <MatrixLegend />
      <ErrorAlert error={error} />
      <div className="matrix" role="grid" aria-label={t('statusMatrix.title')} aria-rowcount={rows.length + 1} aria-colcount={forms.length + 1} style={layout}>
        <div role="rowgroup" className="matrix-head">
          <div role="row" className="matrix-row" aria-rowindex={1}>
            <div role="columnheader" className="matrix-subject">
              {t('review.subject')}
            </div>
            {forms.map((f) => (
              <div role="columnheader" key={f.key} className="matrix-form" title={f.title[lang]}>
                <abbr title={f.title[lang]}>{f.specId}</abbr>
              </div>
            ))}
          </div>
        </div>
        <div ref={scroller} role="rowgroup" className="matrix-body">
          <div className="grid-spacer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              const byForm = new Map(row.cells.map((c) => [c.form, c]));
              return (
                <div key={row.subjectId} role="row" aria-rowindex={item.index + 2} className="matrix-row" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
                  <div role="rowheader" className="matrix-subject mono">
                    <button type="button" className="link" onClick={() => void router.navigate({ name: 'casebook', subjectId: row.subjectId })} title={t('centralCasebook.openCasebook', { subject: row.subjectId })}>
                      {row.subjectId}
                    </button>
                  </div>
                  {forms.map((f) => {
                    const cell = byForm.get(f.key);
                    const state: CellState = cell?.status ?? 'empty';
                    const issue = cell?.issue ?? 'none';
                    const text = label(`${row.subjectId} ${f.specId} ${f.title[lang]}`, state, cell);
                    return (
                      <div role="gridcell" key={f.key} className="matrix-cell-wrap">
                        <button
                          type="button"
                          className={`matrix-cell matrix-${state} matrix-issue-${issue}`}
                          aria-label={text}
                          title={text}
                          data-status={state}
                          onClick={() => void router.navigate(cellTarget(row.subjectId, f.key, cell, { repeating: f.repeating, central }))}
                        >
                          <span aria-hidden="true">
                            {STATUS_GLYPH[state]}
                            {ISSUE_MARK[issue]}
                          </span>
                        </button>
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </main>
  );
}
