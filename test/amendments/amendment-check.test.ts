// An amendment's readable diff and the check of its migration: what it adds, renames and recodes is listed;
// a migration that would lose a value (a field or a code left with nowhere to go, a code mapped to nothing or
// to a code the new version lacks, a value that does not fit) is refused with every affected field named.

import { diffDefinitions } from '../../src/shared/study/amendment-diff';
import { AmendmentMigration, checkMigration } from '../../src/shared/study/amendment-migration';
import type { StudyDefinition } from '../../src/shared/study/definition.schema';
import { miniStudyDefinition } from '../helpers/site';

const base = (): StudyDefinition => structuredClone(miniStudyDefinition().definition);

/** 0.2.0: dm gains ecog, dx_date becomes diagnosis_date, ae grade 5 is folded into 4, a check is added. */
function amended(): StudyDefinition {
  const next = base();
  next.version = '0.2.0';
  const dm = next.forms.find((f) => f.key === 'dm')!;
  dm.fields.push({ name: 'ecog', type: 'integer', label: { it: 'ECOG', en: 'ECOG' }, min: 0, max: 4, required: false, missingReasons: ['ND', 'NK', 'NA'] });
  const dx = dm.fields.find((f) => f.name === 'dx_date')!;
  dx.name = 'diagnosis_date';
  const grade = next.forms.find((f) => f.key === 'ae')!.fields.find((f) => f.name === 'ae_grade')!;
  if (grade.type === 'single') grade.choices = grade.choices!.filter((c) => c.code !== '5');
  next.checks.push({ id: 'EC90', severity: 'soft', form: 'dm', assert: 'isblank([ecog]) or [ecog] <= 4', message: { it: 'ECOG', en: 'ECOG' } });
  return next;
}

const migration = AmendmentMigration.parse({ renames: [{ form: 'dm', from: 'dx_date', to: 'diagnosis_date' }], recodes: [{ form: 'ae', field: 'ae_grade', map: { '5': '4' } }], set: [{ form: 'dm', field: 'ecog', value: 1 }] });

describe('amendment diff and migration check', () => {
  it('lists the added field, the removed and added names of a rename, the removed code and the added check', () => {
    expect(diffDefinitions(base(), amended())).toEqual(
      expect.arrayContaining([
        { kind: 'field.added', form: 'dm', field: 'ecog' },
        { kind: 'field.added', form: 'dm', field: 'diagnosis_date' },
        { kind: 'field.removed', form: 'dm', field: 'dx_date' },
        { kind: 'choices.changed', form: 'ae', field: 'ae_grade', added: [], removed: ['5'] },
        { kind: 'check.added', check: 'EC90' },
      ]),
    );
    expect(diffDefinitions(base(), base())).toEqual([]);
  });

  it('accepts a migration that renames, recodes and sets values so that nothing is lost', () => {
    expect(checkMigration(base(), amended(), migration)).toEqual([]);
  });

  it('refuses the same amendment without its migration, naming the renamed field and the dropped code', () => {
    const problems = checkMigration(base(), amended(), AmendmentMigration.parse({}));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'dm.dx_date', problem: 'fieldLost' }),
        expect.objectContaining({ field: 'ae.ae_grade', problem: 'codeLost', detail: '5' }),
      ]),
    );
  });

  it.each([
    ['a code mapped to nothing', { recodes: [{ form: 'ae', field: 'ae_grade', map: { '5': null } }], renames: migration.renames }, 'ae.ae_grade', 'codeLost'],
    ['a code mapped to one the new version lacks', { recodes: [{ form: 'ae', field: 'ae_grade', map: { '5': '6' } }], renames: migration.renames }, 'ae.ae_grade', 'codeUnknown'],
    ['a value outside the new field\'s range', { ...migration, set: [{ form: 'dm', field: 'ecog', value: 7 }] }, 'dm.ecog', 'valueInvalid'],
    ['a rename of a field that does not exist', { ...migration, renames: [...migration.renames, { form: 'dm', from: 'nope', to: 'ecog' }] }, 'dm.nope', 'noSuchField'],
    ['a move to a form that lacks the field', { ...migration, moves: [{ field: 'ae_onset', from: 'ae', to: 'cyc' }] }, 'ae.ae_onset', 'noSuchField'],
  ])('refuses %s, naming the field', (_what, raw, field, problem) => {
    expect(checkMigration(base(), amended(), AmendmentMigration.parse(raw))).toEqual(expect.arrayContaining([expect.objectContaining({ field, problem })]));
  });

  it('refuses a type change of a kept field', () => {
    const next = amended();
    const weight = next.forms.find((f) => f.key === 'dm')!.fields.findIndex((f) => f.name === 'weight_kg');
    next.forms.find((f) => f.key === 'dm')!.fields[weight] = { name: 'weight_kg', type: 'text', maxLength: 10, label: { it: 'Peso', en: 'Weight' }, required: false, missingReasons: ['ND', 'NK', 'NA'] };
    expect(checkMigration(base(), next, migration)).toEqual([expect.objectContaining({ field: 'dm.weight_kg', problem: 'typeChanged' })]);
  });

  it('refuses a migration file with unknown keys or bad names', () => {
    expect(AmendmentMigration.safeParse({ rename: [] }).success).toBe(false);
    expect(AmendmentMigration.safeParse({ renames: [{ form: 'DM', from: 'a', to: 'b' }] }).success).toBe(false);
  });
});
