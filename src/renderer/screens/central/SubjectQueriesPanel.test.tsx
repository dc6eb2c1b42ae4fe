/** @jest-environment jsdom */
// The centre's queries in its casebook: Close offered until a query is closed, Re-open once it is answered or
// closed; closing sends the comment through queries:close and the list reloads; a site store offers neither.

import { describe, expect, it } from '@jest/globals';
import { act } from 'react';
import { loadBuiltInStudy } from '../../../core/study/built-in';
import type { QueryActionInput, QueryOut } from '../../../shared/contract/queries';
import { CompiledStudy } from '../../../shared/study/compile';
import type { ApiClient } from '../../api/client';
import type { StoreKind } from '../../app/capabilities';
import { WorkspaceProvider, type Workspace } from '../../app/workspace';
import { aQuery } from '../../queries/test-queries';
import { byLabel, render, typeInto } from '../../test-utils';
import { SubjectQueriesPanel } from './SubjectQueriesPanel';
import { apiCalling, testWorkspace } from '../../test-workspace';

const study = new CompiledStudy(loadBuiltInStudy('ino-all-it').definition);
const AT = '2026-11-25T10:00:00.000Z';

function fakeApi(initial: QueryOut[]): { api: ApiClient; calls: { channel: string; input: unknown }[] } {
  let queries = initial;
  const calls: { channel: string; input: unknown }[] = [];
  const call = (channel: string, input: unknown): Promise<unknown> => {
    calls.push({ channel, input });
    if (channel === 'queries:list') return Promise.resolve(queries);
    if (channel === 'queries:close' || channel === 'queries:reopen') {
      const { queryId, text } = input as QueryActionInput;
      const kind = channel === 'queries:close' ? 'close' : 'reopen';
      queries = queries.map((q) => (q.id === queryId ? { ...q, status: kind === 'close' ? 'closed' : 'reopened', events: [...q.events, { id: '00000000-0000-4000-8000-0000000000ff', kind, text, by: 'coordinator', at: AT, origin: 'centre', late: false }] } : q));
      return Promise.resolve(queries.find((q) => q.id === queryId));
    }
    return Promise.reject(new Error(`unexpected channel ${channel}`));
  };
  return { api: apiCalling(call), calls };
}

function workspace(api: ApiClient, kind: StoreKind): Workspace {
  return testWorkspace(api, study, { username: 'coordinator', displayName: 'Coordinator', role: 'admin', kind });
}

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  });
}

const QUERIES = [
  aQuery({ id: 'Q-0000000000C1', status: 'open', text: 'Peso 140 kg: confermare' }),
  aQuery({ id: 'Q-0000000000C2', status: 'answered', field: 'height_cm', text: 'Altezza: verificare' }),
  aQuery({ id: 'Q-0000000000C3', status: 'closed', field: null, text: 'Scheda da rivedere' }),
];

async function show(kind: StoreKind = 'central'): Promise<{ view: ReturnType<typeof render>; calls: { channel: string; input: unknown }[] }> {
  const { api, calls } = fakeApi(QUERIES);
  const view = render(
    <WorkspaceProvider value={workspace(api, kind)}>
      <SubjectQueriesPanel subjectId="IT01-0001" />
    </WorkspaceProvider>,
  );
  await settle();
  return { view, calls };
}

const buttonsOf = (container: HTMLElement): string[][] => [...container.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? ''));

describe("the centre's queries in its casebook", () => {
  it('offers Close until a query is closed and Re-open once it is answered or closed', async () => {
    const { view } = await show();
    expect(buttonsOf(view.container)).toEqual([['Chiudi la query Q-0000000000C1'], ['Chiudi la query Q-0000000000C2', 'Riapri la query Q-0000000000C2'], ['Riapri la query Q-0000000000C3']]);
    view.unmount();
  });

  it('closes a query with the comment given, through queries:close, and shows it closed', async () => {
    const { view, calls } = await show();
    act(() => byLabel(view.container, 'Chiudi la query Q-0000000000C2').click());
    const dialog = view.container.querySelector('dialog')!;
    expect(dialog.querySelector('textarea')!.value).toBe('Risposta accettata');
    typeInto(dialog.querySelector('textarea')!, 'Altezza confermata in cartella');
    await act(async () => {
      dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    });
    await settle();
    expect(calls.filter((c) => c.channel === 'queries:close').map((c) => c.input)).toEqual([{ queryId: 'Q-0000000000C2', text: 'Altezza confermata in cartella' }]);
    expect(view.container.textContent).toContain('Query Q-0000000000C2 chiusa.');
    expect(buttonsOf(view.container)[1]).toEqual(['Riapri la query Q-0000000000C2']);
    view.unmount();
  });

  it('offers neither action on a site store', async () => {
    const { view } = await show('site');
    expect(buttonsOf(view.container)).toEqual([[], [], []]);
    view.unmount();
  });
});
