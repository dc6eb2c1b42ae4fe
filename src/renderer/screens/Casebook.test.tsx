/** @jest-environment jsdom */
// The casebook lock on the casebook screen: an administrator locks it with a reason asked in a dialog, then sees
// who locked it and why, every form locked and no way to add one, and can unlock it; other roles only see the lock.

import { describe, expect, it } from '@jest/globals';
import { act } from 'react';
import { loadBuiltInStudy } from '../../core/study/built-in';
import type { CasebookLockOut } from '../../shared/contract/casebook-lock';
import type { Casebook as CasebookData, InstanceOverview } from '../../shared/contract/subjects';
import { CompiledStudy } from '../../shared/study/compile';
import type { Role } from '../../shared/study/definition.schema';
import type { ApiClient } from '../api/client';
import { RouterProvider } from '../app/router';
import { WorkspaceProvider, type Workspace } from '../app/workspace';
import { click, render, typeInto } from '../test-utils';
import { Casebook } from './Casebook';
import { apiCalling, testWorkspace } from '../test-workspace';

const study = new CompiledStudy(loadBuiltInStudy('ino-all-it').definition);
const SUBJECT = 'IT01-0001';
const single = study.definition.forms.find((f) => !f.repeating)!;
const repeating = study.definition.forms.find((f) => f.repeating)!;

function instance(form: string, status: InstanceOverview['status']): InstanceOverview {
  return { form, instanceNo: 1, status, version: 2, defVersion: study.definition.version, updatedAt: '2026-11-20T09:00:00.000Z', updatedBy: 'dora', signedBy: null, signedAt: null, lockedBy: null, missing: [], failures: [] };
}

/** A casebook of one complete and one draft form; casebook:lock and casebook:unlock change it as core would. */
function fakeApi(initialLock: CasebookLockOut | null): { api: ApiClient; calls: { channel: string; input: unknown }[] } {
  let lock = initialLock;
  const calls: { channel: string; input: unknown }[] = [];
  const casebook = (): CasebookData => ({
    subject: { id: SUBJECT, siteId: 'IT01', createdAt: '2026-11-01T09:00:00.000Z', instances: 2, complete: 1, signed: 0, locked: lock ? 2 : 0, failedHard: 0, failedSoft: 0, missingItems: 0 },
    instances: [instance(single.key, lock ? 'locked' : 'complete'), instance(repeating.key, lock ? 'locked' : 'draft')],
    openQueries: 0,
    formsComplete: false,
    lock,
  });
  const call = (channel: string, input: unknown): Promise<unknown> => {
    calls.push({ channel, input });
    if (channel === 'subjects:casebook') return Promise.resolve(casebook());
    if (channel === 'queries:list') return Promise.resolve([]);
    if (channel === 'casebook:lock') {
      lock = { subjectId: SUBJECT, lockedAt: '2026-11-25T10:00:00.000Z', lockedBy: 'anna', reason: (input as { reason: string }).reason, forms: 2 };
      return Promise.resolve(lock);
    }
    if (channel === 'casebook:unlock') {
      lock = null;
      return Promise.resolve({ subjectId: SUBJECT, restored: 2 });
    }
    return Promise.reject(new Error(`unexpected channel ${channel}`));
  };
  const api = apiCalling(call);
  return { api, calls };
}

function workspace(api: ApiClient, role: Role): Workspace {
  return testWorkspace(api, study, { username: 'anna', displayName: 'Anna', role });
}

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  });
}

async function show(role: Role, lock: CasebookLockOut | null = null) {
  const { api, calls } = fakeApi(lock);
  const view = render(
    <WorkspaceProvider value={workspace(api, role)}>
      <RouterProvider initial={{ name: 'casebook', subjectId: SUBJECT }}>
        <Casebook subjectId={SUBJECT} />
      </RouterProvider>
    </WorkspaceProvider>,
  );
  await settle();
  return { view, calls };
}

const buttonNamed = (root: HTMLElement, text: string): HTMLButtonElement | undefined => [...root.querySelectorAll('button')].find((b) => b.textContent === text);
/** The status badges of the entered forms (the others show "Non compilata"). */
const badges = (root: HTMLElement): string[] => [...root.querySelectorAll('.badge-draft, .badge-complete, .badge-signed, .badge-locked')].map((b) => b.textContent ?? '');

describe('the casebook lock on the casebook screen', () => {
  it('lets an administrator lock the casebook with a reason, then shows it locked, read-only, with no way to add forms', async () => {
    const { view, calls } = await show('admin');
    expect(buttonNamed(view.container, 'Aggiungi')).toBeDefined();
    click(buttonNamed(view.container, 'Blocca casebook')!);
    const dialog = view.container.querySelector('dialog')!;
    expect(dialog.textContent).toContain('Bloccare il casebook di IT01-0001?');
    typeInto(dialog.querySelector('textarea')!, 'Chiusura database per analisi ad interim');
    act(() => dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    await settle();
    expect(calls.filter((c) => c.channel === 'casebook:lock').map((c) => c.input)).toEqual([{ subjectId: SUBJECT, reason: 'Chiusura database per analisi ad interim' }]);
    const banner = view.container.querySelector('.casebook-locked')!;
    expect(banner.textContent).toContain('Casebook bloccato da anna');
    expect(banner.textContent).toContain('Chiusura database per analisi ad interim');
    expect(view.container.textContent).toContain('Casebook bloccato.');
    expect(badges(view.container)).toEqual(['Bloccata', 'Bloccata']);
    expect(buttonNamed(view.container, 'Aggiungi')).toBeUndefined();
    expect(buttonNamed(view.container, 'Sblocca casebook')).toBeDefined();
    view.unmount();
  });

  it('unlocks with a reason and shows the forms with their previous status again', async () => {
    const { view, calls } = await show('admin', { subjectId: SUBJECT, lockedAt: '2026-11-25T10:00:00.000Z', lockedBy: 'anna', reason: 'Chiusura database', forms: 2 });
    click(buttonNamed(view.container, 'Sblocca casebook')!);
    const dialog = view.container.querySelector('dialog')!;
    typeInto(dialog.querySelector('textarea')!, 'Query tardiva del monitor');
    act(() => dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    await settle();
    expect(calls.filter((c) => c.channel === 'casebook:unlock').map((c) => c.input)).toEqual([{ subjectId: SUBJECT, reason: 'Query tardiva del monitor' }]);
    expect(view.container.querySelector('.casebook-locked')).toBeNull();
    expect(view.container.textContent).toContain('Casebook sbloccato: 2 schede tornate allo stato precedente.');
    expect(badges(view.container).sort()).toEqual(['Bozza', 'Completa']);
    view.unmount();
  });

  it('shows data entry the lock and who set it, without the lock button or a way to add forms', async () => {
    const { view } = await show('data_entry', { subjectId: SUBJECT, lockedAt: '2026-11-25T10:00:00.000Z', lockedBy: 'anna', reason: 'Chiusura database', forms: 2 });
    expect(view.container.querySelector('.casebook-locked')!.textContent).toContain('Casebook bloccato da anna');
    expect(buttonNamed(view.container, 'Sblocca casebook')).toBeUndefined();
    expect(buttonNamed(view.container, 'Blocca casebook')).toBeUndefined();
    expect(buttonNamed(view.container, 'Aggiungi')).toBeUndefined();
    view.unmount();
  });
});
