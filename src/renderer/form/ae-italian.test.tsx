/** @jest-environment jsdom */
// The AE form of ino-all-it in Italian: grades show the Italian generic CTCAE v5.0 name followed by the English
// grade text of the term, marked (EN) and in lang="en"; the term's definition is marked (EN) too; the calculated SOC
// shows in Italian while the value the form computes, saves and exports stays the English SOC.

import { describe, expect, it } from '@jest/globals';
import { act, type ReactNode } from 'react';
import { useForm, useWatch, type Control } from 'react-hook-form';
import { loadBuiltInStudy } from '../../core/study/built-in';
import { CompiledStudy } from '../../shared/study/compile';
import type { Field } from '../../shared/study/definition.schema';
import { evaluateSubject } from '../../shared/study/evaluate-subject';
import type { ApiClient } from '../api/client';
import { canDo } from '../app/capabilities';
import { WorkspaceProvider, type Workspace } from '../app/workspace';
import { render } from '../test-utils';
import { FieldRow } from './FieldRow';
import type { UiValues } from './form-values';

const study = new CompiledStudy(loadBuiltInStudy('ino-all-it').definition);
const ANEMIA = '10002272';
const aeForm = study.definition.forms.find((f) => f.key === 'ae')!;
const fieldOf = (name: string): Field => aeForm.fields.find((f) => f.name === name)!;
const anemia = study.definition.references.ctcae!.entries.find((e) => e.key === ANEMIA)!;

const workspace: Workspace = {
  api: {} as ApiClient,
  session: { username: 'dora', displayName: 'Dora', role: 'data_entry', siteId: 'IT01', siteName: 'Ospedale IT01', storeKind: 'site', study: { id: study.definition.id, version: study.definition.version, hash: 'h', title: study.definition.title } },
  study,
  central: false,
  can: (action) => canDo('data_entry', 'site', action),
  autoLockMinutes: 15,
  setLang: () => Promise.resolve(),
  setAutoLockMinutes: () => Promise.resolve(),
  logout: () => Promise.resolve(),
};

function Probe({ control, seen }: { control: Control<UiValues>; seen: unknown[] }): ReactNode {
  seen.push(useWatch({ control, name: 'ae_grade' }));
  return null;
}

/** The AE form's grade (or another) field, with the term already chosen, as the form screen renders it. */
function Harness({ name, seen, calcValue }: { name: string; seen: unknown[]; calcValue?: string }): ReactNode {
  const { control } = useForm<UiValues>({ defaultValues: { ae_term: ANEMIA, ae_grade: '' } });
  const field = fieldOf(name);
  return (
    <WorkspaceProvider value={workspace}>
      <FieldRow field={field} choices={field.type === 'single' || field.type === 'calc' ? field.choices : undefined} control={control} readOnly={false} failures={[]} missing={false} showMissing={false} calcValue={calcValue} onOverride={() => undefined} />
      <Probe control={control} seen={seen} />
    </WorkspaceProvider>
  );
}

const radios = (container: HTMLElement) => [...container.querySelectorAll('label.radio')];

describe('the AE form in Italian', () => {
  it('shows each grade with its Italian generic name and the term’s English grade text marked (EN), in lang="en"', () => {
    const { container, unmount } = render(<Harness name="ae_grade" seen={[]} />, 'it');
    expect(radios(container).map((r) => r.querySelector('.radio-label')!.textContent)).toEqual([
      'Grado 1 – Lieve',
      'Grado 2 – Moderato',
      'Grado 3 – Grave o clinicamente significativo',
      'Grado 4 – Conseguenze potenzialmente letali',
      "Grado 5 – Decesso correlato all'AE",
    ]);
    const first = radios(container)[0]!.querySelector('.radio-detail')!;
    expect(first.querySelector('.reference-untranslated')!.textContent).toBe('(EN)');
    expect(first.querySelector('[lang="en"]')!.textContent).toBe(anemia.attributes.grade1);
    unmount();
  });

  it('stores the grade code the user picks, whatever its label', () => {
    const seen: unknown[] = [];
    const { container, unmount } = render(<Harness name="ae_grade" seen={seen} />, 'it');
    act(() => radios(container)[1]!.querySelector('input')!.click());
    expect(seen.at(-1)).toBe('2');
    unmount();
  });

  it('keeps the English grade names and texts, unmarked, on the English form', () => {
    const { container, unmount } = render(<Harness name="ae_grade" seen={[]} />, 'en');
    expect(radios(container)[0]!.querySelector('.radio-label')!.textContent).toBe('Grade 1');
    expect(container.querySelector('.reference-untranslated')).toBeNull();
    unmount();
  });

  it('marks the term’s English definition (EN)', () => {
    const { container, unmount } = render(<Harness name="ae_term" seen={[]} />, 'it');
    const selected = container.querySelector('.reference-selected')!;
    expect(selected.querySelector('.reference-untranslated')!.textContent).toBe('(EN)');
    expect(selected.querySelector('.reference-definition[lang="en"]')!.textContent).toBe(anemia.attributes.definition);
    unmount();
  });

  it('shows the calculated SOC in Italian while the computed (saved and exported) value stays the English SOC', () => {
    const computed = evaluateSubject(study, [{ form: 'ae', instanceNo: 1, data: { ae_term: ANEMIA } }], { today: 20_000, params: {}, identityBirthDate: null }).get('ae', 1)!.calcs.ae_soc;
    expect(computed).toBe('Blood and lymphatic system disorders');
    const it = render(<Harness name="ae_soc" seen={[]} calcValue={computed as string} />, 'it');
    expect(it.container.querySelector('output')!.textContent).toBe('Patologie del sistema emolinfopoietico');
    it.unmount();
    const en = render(<Harness name="ae_soc" seen={[]} calcValue={computed as string} />, 'en');
    expect(en.container.querySelector('output')!.textContent).toBe('Blood and lymphatic system disorders');
    en.unmount();
  });
});
