/** @jest-environment jsdom */
// The Queries screen: by subject, form and field with category, status, age in days and text; awaiting an answer
// first, other states by the filter; a row opens its form; an open query is answered here and the list reloads.

import { describe, expect, it } from '@jest/globals';
import { act, type ReactNode } from 'react';
import { loadBuiltInStudy } from '../../../core/study/built-in';
import type { QueryActionInput, QueryOut } from '../../../shared/contract/queries';
import { CompiledStudy } from '../../../shared/study/compile';
import type { Role } from '../../../shared/study/definition.schema';
import type { ApiClient } from '../../api/client';
import { RouterProvider, useRouter } from '../../app/router';
import type { Route } from '../../app/routes';
import { WorkspaceProvider, type Workspace } from '../../app/workspace';
import { aQuery } from '../../queries/test-queries';
import { byLabel, click, render, typeInto } from '../../test-utils';
import { QueriesScreen } from './QueriesScreen';
import { apiCalling, testWorkspace } from '../../test-workspace';

const study = new CompiledStudy(loadBuiltInStudy('ino-all-it').definition);
const NOW = new Date('2026-11-25T10:00:00.000Z');

/** A site store's queries:list and queries:answer, in memory, recording what was asked. */
function fakeApi(initial: QueryOut[]): { api: ApiClient; calls: { channel: string; input: unknown }[] } {
  let queries = initial;
  const calls: { channel: string; input: unknown }[] = [];
  const call = (channel: string, input: unknown): Promise<unknown> => {
    calls.push({ channel, input });
    if (channel === 'queries:list') return Promise.resolve(queries.filter((q) => !(input as { subjectId?: string }).subjectId || q.subjectId === (input as { subjectId: string }).subjectId));
    if (channel === 'queries:answer') {
      const { queryId, text } = input as QueryActionInput;
      queries = queries.map((q) => (q.id === queryId ? { ...q, status: 'answered', events: [...q.events, { id: '00000000-0000-4000-8000-0000000000ff', kind: 'answer', text, by: 'dora', at: NOW.toISOString(), origin: 'site', late: false }] } : q));
      return Promise.resolve(queries.find((q) => q.id === queryId));
    }
    return Promise.reject(new Error(`unexpected channel ${channel}`));
  };
  const api = apiCalling(call);
  return { api, calls };
}

function workspace(api: ApiClient, role: Role): Workspace {
  return testWorkspace(api, study, { username: 'dora', displayName: 'Dora', role });
}

function RouteProbe({ seen }: { seen: Route[] }): ReactNode {
  const router = useRouter();
  seen.push(router.route);
  return null;
}

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  });
}

const QUERIES = [
  aQuery({ id: 'Q-0000000000B1', subjectId: 'IT01-0001', form: 'dm', field: 'weight_kg', category: 'out_of_range', text: 'Peso 140 kg: confermare', raisedAt: '2026-11-20T09:00:00.000Z' }),
  aQuery({ id: 'Q-0000000000B2', subjectId: 'IT01-0002', form: 'ae', instanceNo: 2, field: null, category: 'missing', text: 'Manca la data di fine', status: 'reopened', raisedAt: '2026-11-10T09:00:00.000Z' }),
  aQuery({ id: 'Q-0000000000B3', subjectId: 'IT01-0002', form: null, instanceNo: null, field: null, category: 'protocol', text: 'Copia del consenso', status: 'answered', raisedAt: '2026-11-01T09:00:00.000Z' }),
];

async function show(role: Role = 'data_entry', subjectId?: string): Promise<{ view: ReturnType<typeof render>; calls: { channel: string; input: unknown }[]; routes: Route[] }> {
  const { api, calls } = fakeApi(QUERIES);
  const routes: Route[] = [];
  const view = render(
    <WorkspaceProvider value={workspace(api, role)}>
      <RouterProvider initial={{ name: 'queries' }}>
        <RouteProbe seen={routes} />
        <QueriesScreen subjectId={subjectId} now={NOW} />
      </RouterProvider>
    </WorkspaceProvider>,
  );
  await settle();
  return { view, calls, routes };
}

const rowsOf = (container: HTMLElement): string[][] => [...container.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));

describe('the Queries screen', () => {
  it('lists the queries awaiting an answer with subject, form, field, category, status, age in days and text', async () => {
    const { view } = await show();
    const rows = rowsOf(view.container);
    expect(rows.map((r) => r.slice(0, 6))).toEqual([
      ['IT01-0001', 'F02 Dati demografici e basali alla prima dose di inotuzumab', 'Peso alla prima dose', 'Fuori intervallo', 'Aperta', '5'],
      ['IT01-0002', 'F07 Eventi avversi (CTCAE v5.0) #2', 'intera scheda', 'Dato mancante', 'Riaperta', '15'],
    ]);
    expect(rows[0]![6]).toContain('Peso 140 kg: confermare');
    expect(view.container.textContent).toContain('2 query');
    view.unmount();
  });

  it('shows the other states through the status filter', async () => {
    const { view } = await show();
    const select = view.container.querySelector('select')!;
    act(() => {
      select.value = 'answered';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const rows = rowsOf(view.container);
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([['IT01-0002', 'intero paziente', 'Con risposta']]);
    act(() => {
      select.value = 'all';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(rowsOf(view.container)).toHaveLength(3);
    view.unmount();
  });

  it('opens the queried form instance from its row, and the casebook for a query on the subject', async () => {
    const { view, routes } = await show();
    click(byLabel(view.container, 'Apri la scheda: IT01-0002 F07 Eventi avversi (CTCAE v5.0) #2'));
    await settle();
    expect(routes.at(-1)).toEqual({ name: 'form', subjectId: 'IT01-0002', form: 'ae', instanceNo: 2 });
    view.unmount();
    const again = await show();
    const select = again.view.container.querySelector('select')!;
    act(() => {
      select.value = 'all';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    click(byLabel(again.view.container, 'Apri il casebook: IT01-0002'));
    await settle();
    expect(again.routes.at(-1)).toEqual({ name: 'casebook', subjectId: 'IT01-0002' });
    again.view.unmount();
  });

  it('answers an open query with a text, sends it through queries:answer and shows it answered', async () => {
    const { view, calls } = await show();
    click(byLabel(view.container, 'Rispondi alla query Q-0000000000B1'));
    const dialog = view.container.querySelector('dialog')!;
    const textarea = dialog.querySelector('textarea')!;
    expect(textarea.value).toBe('Confermato nei documenti originali');
    typeInto(textarea, 'Confermato in cartella clinica');
    await act(async () => {
      dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    });
    await settle();
    expect(calls.filter((c) => c.channel === 'queries:answer').map((c) => c.input)).toEqual([{ queryId: 'Q-0000000000B1', text: 'Confermato in cartella clinica' }]);
    expect(view.container.querySelector('dialog')).toBeNull();
    expect(view.container.textContent).toContain('Risposta alla query Q-0000000000B1 registrata.');
    expect(rowsOf(view.container).map((r) => r[0])).toEqual(['IT01-0002']);
    view.unmount();
  });

  it('refuses an answer shorter than 3 characters without sending it', async () => {
    const { view, calls } = await show();
    click(byLabel(view.container, 'Rispondi alla query Q-0000000000B1'));
    const dialog = view.container.querySelector('dialog')!;
    typeInto(dialog.querySelector('textarea')!, 'ok');
    await act(async () => {
      dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    });
    expect(dialog.querySelector('[role="alert"]')?.textContent).toBe('Scrivere una risposta di almeno 3 caratteri');
    expect(calls.some((c) => c.channel === 'queries:answer')).toBe(false);
    view.unmount();
  });

  it('offers no Answer to a monitor', async () => {
    const { view } = await show('monitor');
    expect(rowsOf(view.container)).toHaveLength(2);
    expect([...view.container.querySelectorAll('button')].some((b) => b.textContent === 'Rispondi')).toBe(false);
    view.unmount();
  });

  it('opened from a casebook, lists that subject’s queries until widened to all subjects', async () => {
    const { view, calls } = await show('data_entry', 'IT01-0002');
    expect(calls[0]).toEqual({ channel: 'queries:list', input: { subjectId: 'IT01-0002' } });
    expect(rowsOf(view.container).map((r) => r[0])).toEqual(['IT01-0002']);
    click([...view.container.querySelectorAll('button')].find((b) => b.textContent === 'Tutti i pazienti')!);
    await settle();
    expect(rowsOf(view.container).map((r) => r[0])).toEqual(['IT01-0001', 'IT01-0002']);
    view.unmount();
  });
});
