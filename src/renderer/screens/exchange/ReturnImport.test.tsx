/** @jest-environment jsdom */
// The return import of the Exchange screen: a bundle that applies an amendment is previewed and its diff and
// migration shown, nothing imported until an admin confirms; a non-admin is told an admin must import it;
// after the import the checks that newly fail are listed; a bundle without an amendment is imported at once.

import { describe, expect, it } from '@jest/globals';
import { act } from 'react';
import { loadBuiltInStudy } from '../../../core/study/built-in';
import type { ReturnImportResult } from '../../../shared/contract/return-bundles';
import type { ReturnPreview } from '../../../shared/contract/return-preview';
import { CompiledStudy } from '../../../shared/study/compile';
import type { Role } from '../../../shared/study/definition.schema';
import type { ApiClient } from '../../api/client';
import { WorkspaceProvider, type Workspace } from '../../app/workspace';
import { render, typeInto } from '../../test-utils';
import { ReturnImport } from './ReturnImport';
import { apiCalling, testWorkspace } from '../../test-workspace';

const study = new CompiledStudy(loadBuiltInStudy('ino-all-it').definition);

const APPLIED: ReturnImportResult = {
  status: 'applied',
  sequence: 3,
  createdAt: '2026-12-01T10:00:00.000Z',
  counts: { receipts: 1, reviews: 0, locks: 0, queries: 0, amendments: 1 },
  amendments: [{ version: '1.1.0', baseVersion: '1.0.0', status: 'applied', migratedValues: 12, migratedInstances: 4, frozenInstances: 0, warnings: [{ subjectId: 'IT01-0002', form: 'dm', instanceNo: 1, check: 'EC06', severity: 'soft' }] }],
};

const WITH_AMENDMENT: ReturnPreview = {
  result: APPLIED,
  amendments: [
    {
      version: '1.1.0',
      baseVersion: '1.0.0',
      changes: [{ kind: 'field.added', form: 'dm', field: 'ecog' }, { kind: 'check.added', check: 'EC06' }],
      migration: { renames: [{ form: 'dm', from: 'dx_date', to: 'diagnosis_date' }], recodes: [{ form: 'dm', field: 'sex', map: { '1': 'M', '2': 'F' } }], moves: [], set: [] },
    },
  ],
  appliesAmendment: true,
};

function fakeApi(preview: ReturnPreview, result: ReturnImportResult): { api: ApiClient; calls: string[] } {
  const calls: string[] = [];
  const call = (channel: string): Promise<unknown> => {
    calls.push(channel);
    if (channel === 'return:preview') return Promise.resolve(preview);
    if (channel === 'return:import') return Promise.resolve(result);
    return Promise.reject(new Error(`unexpected channel ${channel}`));
  };
  return { api: apiCalling(call), calls };
}

function workspace(api: ApiClient, role: Role): Workspace {
  return testWorkspace(api, study, { username: 'ada', displayName: 'Ada', role });
}

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  });
}

async function chooseAndImport(role: Role, preview: ReturnPreview, result: ReturnImportResult = APPLIED): Promise<{ container: HTMLElement; calls: string[]; unmount(): void }> {
  const { api, calls } = fakeApi(preview, result);
  const view = render(
    <WorkspaceProvider value={workspace(api, role)}>
      <ReturnImport onImported={() => undefined} />
    </WorkspaceProvider>,
    'en',
  );
  typeInto(view.container.querySelector('input')!, '/media/usb/IT01.return');
  act(() => view.container.querySelector('form')!.requestSubmit());
  await settle();
  return { container: view.container, calls, unmount: view.unmount };
}

const buttonNamed = (container: HTMLElement, name: string): HTMLButtonElement | undefined => [...container.querySelectorAll('button')].find((b) => b.textContent === name);

describe('the return import of the Exchange screen', () => {
  it('shows an admin the diff and the migration of the amendment and imports nothing before the confirmation', async () => {
    const { container, calls, unmount } = await chooseAndImport('admin', WITH_AMENDMENT);
    const text = container.textContent ?? '';
    expect(calls).toEqual(['return:preview']);
    expect(text).toContain('Protocol amendment 1.0.0 → 1.1.0');
    expect(text).toContain('dm: field ecog added');
    expect(text).toContain('check EC06 added');
    expect(text).toContain('12 values in 4 forms');
    expect(text).toContain('dm: field dx_date renamed to diagnosis_date');
    expect(text).toContain('dm: codes of sex recoded (1 → M, 2 → F)');
    unmount();
  });

  it('imports after the admin confirms and lists the checks that now fail', async () => {
    const { container, calls, unmount } = await chooseAndImport('admin', WITH_AMENDMENT);
    act(() => buttonNamed(container, 'Apply the amendment and import')!.click());
    await settle();
    expect(calls).toEqual(['return:preview', 'return:import']);
    const text = container.textContent ?? '';
    expect(text).toContain('Amendment 1.0.0 → 1.1.0 applied: 12 values migrated in 4 forms.');
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['IT01-0002 dm no. 1: EC06 (Warning)']);
    unmount();
  });

  it('tells a data-entry user that an admin must import the bundle, with no way to confirm', async () => {
    const { container, calls, unmount } = await chooseAndImport('data_entry', WITH_AMENDMENT);
    expect(container.textContent).toContain('an administrator must import it');
    expect(container.textContent).toContain('dm: field ecog added');
    expect(buttonNamed(container, 'Apply the amendment and import')).toBeUndefined();
    expect(calls).toEqual(['return:preview']);
    unmount();
  });

  it('imports a bundle without an amendment to apply straight after its preview', async () => {
    const plain: ReturnImportResult = { status: 'applied', sequence: 4, createdAt: '2026-12-02T10:00:00.000Z', counts: { receipts: 2, reviews: 1, locks: 0 } };
    const { container, calls, unmount } = await chooseAndImport('data_entry', { result: plain, amendments: [], appliesAmendment: false }, plain);
    expect(calls).toEqual(['return:preview', 'return:import']);
    expect(container.textContent).toContain('Return bundle no. 4 applied: 2 receipts, 1 review marks, 0 lock changes.');
    unmount();
  });
});
