// The subject list: search, status filter, per-subject progress and open queries; virtualised so 5,000 rows stay fluid, and
// navigable with the arrow keys (Enter opens the casebook).

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubjectSummary } from '../../shared/contract/subjects';
import { asApiError, type ApiError } from '../api/api-error';
import { useRouter } from '../app/router';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { ErrorAlert } from '../components/ErrorAlert';
import { openBySubject } from '../queries/query-groups';
import { useQueries } from '../queries/use-queries';
import { formatTimestampLocal } from '../../shared/format';

const FILTERS = ['all', 'in_progress', 'complete', 'signed', 'with_failed_checks', 'with_missing'] as const;
type Filter = (typeof FILTERS)[number];
const ROW_HEIGHT = 36;

export function SubjectList(): ReactNode {
  const { api, can } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const router = useRouter();
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [rows, setRows] = useState<SubjectSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const gridId = useId();
  const loaded = useRef(false);
  const { queries } = useQueries();
  const openQueries = useMemo(() => openBySubject(queries ?? []), [queries]);

  useEffect(() => {
    let cancelled = false;
    // Debounced: one request after typing pauses, not one per key (the first load at once).
    const timer = window.setTimeout(() => {
      loaded.current = true;
      api
        .call('subjects:list', { filter, ...(search.trim() ? { search: search.trim() } : {}) })
        .then((list) => {
          if (cancelled) return;
          setRows(list);
          setActive(0);
          setError(null);
        })
        .catch((e: unknown) => !cancelled && setError(asApiError(e)));
    }, loaded.current ? 150 : 0);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [api, search, filter]);

  const list = rows ?? [];
  const virtualizer = useVirtualizer({ count: list.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const open = (row: SubjectSummary | undefined): void => {
    if (row) void router.navigate({ name: 'casebook', subjectId: row.id });
  };

  const onKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (event.key === 'Enter') {
      event.preventDefault();
      open(list[active]);
      return;
    }
    const move = moves[event.key];
    if (move === undefined || list.length === 0) return;
    event.preventDefault();
    const next = Math.min(list.length - 1, Math.max(0, active + move));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const columns = [t('subjects.id'), t('subjects.enrolled'), t('subjects.formsComplete'), t('subjects.signed'), t('subjects.failedChecks'), t('subjects.missing'), t('subjects.queries')];

  return (
    <main aria-labelledby="subjects-title">
      <div className="screen-head">
        <h1 id="subjects-title">{t('subjects.title')}</h1>
        {can('subject.create') ? (
          <button type="button" className="primary" onClick={() => void router.navigate({ name: 'newSubject' })}>
            {t('subjects.new')}
          </button>
        ) : null}
      </div>
      <div className="toolbar-row">
        <div className="control inline">
          <label htmlFor={`${gridId}-search`}>{t('subjects.search')}</label>
          <input id={`${gridId}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={40} placeholder="IT01-0001" autoFocus />
        </div>
        <div className="control inline">
          <label htmlFor={`${gridId}-filter`}>{t('subjects.filter')}</label>
          <select id={`${gridId}-filter`} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`subjects.filters.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="count" role="status">
          {rows === null ? t('common.loading') : t('subjects.count', { count: list.length })}
        </p>
      </div>
      <ErrorAlert error={error} />
      <p id={`${gridId}-keys`} className="hint">
        {t('subjects.rowsHint')}
      </p>
      <div
        className="grid"
        role="grid"
        aria-label={t('subjects.title')}
        aria-describedby={`${gridId}-keys`}
        aria-rowcount={list.length + 1}
        aria-colcount={columns.length}
        tabIndex={0}
        aria-activedescendant={list[active] ? `${gridId}-r${active}` : undefined}
        onKeyDown={onKey}
      >
        <div role="rowgroup" className="grid-head">
          <div role="row" className="grid-row" aria-rowindex={1}>
            {columns.map((c) => (
              <div role="columnheader" key={c} className="grid-cell">
                {c}
              </div>
            ))}
          </div>
        </div>
        <div ref={scroller} role="rowgroup" className="grid-body">
          <div className="grid-spacer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = list[item.index]!;
              return (
                <div
                  key={row.id}
                  id={`${gridId}-r${item.index}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={item.index === active}
                  className={item.index === active ? 'grid-row grid-row-active' : 'grid-row'}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => {
                    setActive(item.index);
                    open(row);
                  }}
                >
                  <div role="gridcell" className="grid-cell mono">
                    {row.id}
                  </div>
                  <div role="gridcell" className="grid-cell">
                    {formatTimestampLocal(row.createdAt, lang)}
                  </div>
                  <div role="gridcell" className="grid-cell num">
                    {row.complete}/{row.instances}
                  </div>
                  <div role="gridcell" className="grid-cell num">
                    {row.signed}
                  </div>
                  <div role="gridcell" className={row.failedHard + row.failedSoft > 0 ? 'grid-cell num warn' : 'grid-cell num'}>
                    {row.failedHard + row.failedSoft}
                  </div>
                  <div role="gridcell" className={row.missingItems > 0 ? 'grid-cell num warn' : 'grid-cell num'}>
                    {row.missingItems}
                  </div>
                  <div role="gridcell" className={openQueries.has(row.id) ? 'grid-cell num warn' : 'grid-cell num'}>
                    {openQueries.get(row.id) ?? 0}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </main>
  );
}
