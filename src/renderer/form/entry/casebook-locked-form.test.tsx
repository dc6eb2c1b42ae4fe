/** @jest-environment jsdom */
// A form locked with its casebook: the administrator is told it is unlocked with the casebook and gets no
// per-form unlock (the server refuses one); a form locked on its own keeps its unlock button.

import { describe, expect, it } from '@jest/globals';
import { loadBuiltInStudy } from '../../../core/study/built-in';
import type { CasebookLockOut } from '../../../shared/contract/casebook-lock';
import type { FormInstanceOut } from '../../../shared/contract/forms';
import { CompiledStudy } from '../../../shared/study/compile';
import { WorkspaceProvider } from '../../app/workspace';
import { render } from '../../test-utils';
import { apiCalling, testWorkspace } from '../../test-workspace';
import { FormActions } from './FormActions';
import { FormStatusRow } from './FormStatusRow';

const study = new CompiledStudy(loadBuiltInStudy('ino-all-it').definition);
const LOCK: CasebookLockOut = { subjectId: 'IT01-0001', lockedAt: '2026-11-25T10:00:00.000Z', lockedBy: 'anna', reason: 'Chiusura del database', forms: 3 };
const LOCKED: FormInstanceOut = {
  subjectId: 'IT01-0001', form: 'dm', instanceNo: 1, status: 'locked', version: 3, defVersion: study.definition.version, completedOnce: false,
  data: {}, calcs: {}, hidden: [], missing: [], failures: [], signedBy: null, signedAt: null, signMeaning: null,
  lockedBy: 'anna', lockedAt: LOCK.lockedAt, updatedAt: LOCK.lockedAt, updatedBy: 'anna',
};

function show(casebookLock: CasebookLockOut | null) {
  const workspace = testWorkspace(apiCalling(() => Promise.reject(new Error('no call expected'))), study, { username: 'anna', displayName: 'Anna', role: 'admin' });
  return render(
    <WorkspaceProvider value={workspace}>
      <FormStatusRow instance={LOCKED} casebookLock={casebookLock} missing={0} failures={[]} dirty={false} wouldClear={[]} />
      <FormActions instance={LOCKED} casebookLocked={casebookLock !== null} canSave={false} busy={false} dirty={false} onSave={() => undefined} onOpen={() => undefined} onStep={undefined} />
    </WorkspaceProvider>,
  );
}

const unlockButton = (root: HTMLElement): HTMLButtonElement | undefined => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Sblocca');

describe('a locked form on the form screen', () => {
  it('locked with its casebook: says who locked the casebook and why, and offers no per-form unlock', () => {
    const view = show(LOCK);
    expect(view.container.textContent).toContain('Casebook bloccato da anna');
    expect(view.container.textContent).toContain('Chiusura del database');
    expect(unlockButton(view.container)).toBeUndefined();
    view.unmount();
  });

  it('locked on its own: offers the administrator the per-form unlock', () => {
    const view = show(null);
    expect(view.container.textContent).toContain('Scheda bloccata');
    expect(unlockButton(view.container)).toBeDefined();
    view.unmount();
  });
});
