// The amendment the site tests apply: mini study 0.1.0 → 1.1.0, which adds dm.ecog, recodes sex (1 → M,
// 2 → F), renames dm.dx_date to diagnosis_date and adds a soft check on the year of birth; and a network
// with one site whose bundle the centre merged before the amendment was made there.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { amendStudy } from '../../src/core/central/amend-study';
import { exportReturn } from '../../src/core/central/export-return';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import type { Session } from '../../src/core/store/session';
import { loadDefinition } from '../../src/core/study/load-definition';
import { enrolSubjects } from '../helpers/bundle-data';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { MINI_STUDY_DIR } from '../helpers/site';

type Json = Record<string, unknown>;
type Field = Json & { name: string };

export const MIGRATION_110 = {
  renames: [{ form: 'dm', from: 'dx_date', to: 'diagnosis_date' }],
  recodes: [{ form: 'dm', field: 'sex', map: { '1': 'M', '2': 'F' } }],
};

/** Year of birth from which the soft check EC06 of version 1.1.0 passes. */
export const EC06_FROM = 1960;

/** A copy of the mini study at version 1.1.0 in `root`; returns its folder. */
export function writeStudy110(root: string): string {
  const dir = join(root, 'study-1.1.0');
  cpSync(MINI_STUDY_DIR, dir, { recursive: true });
  const read = (f: string): Json => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json;
  const study = read('study.json');
  study.version = '1.1.0';
  (study.references as { ctcae: { file: string } }).ctcae.file = resolve(MINI_STUDY_DIR, '../../../resources/reference/ctcae-v5.0.json');
  (study.codeLists as Record<string, { code: string }[]>).CL_SEX = [
    { code: 'M', label: { en: 'Male', it: 'Maschio' } } as { code: string },
    { code: 'F', label: { en: 'Female', it: 'Femmina' } } as { code: string },
  ];
  const dm = read('forms/dm.json') as Json & { fields: Field[] };
  dm.fields.find((f) => f.name === 'dx_date')!.name = 'diagnosis_date';
  dm.fields.push({ name: 'ecog', type: 'integer', min: 0, max: 4, label: { en: 'ECOG', it: 'ECOG' } });
  const checks = (read('checks.json') as unknown as Json[]).map((c) => (c.id === 'EC01' ? { ...c, assert: '[diagnosis_date] <= min([cyc:cyc_start])' } : c));
  checks.push({ id: 'EC06', severity: 'soft', form: 'dm', assert: `[birth_year] >= ${EC06_FROM}`, message: { en: 'Born before 1960', it: 'Nato prima del 1960' } });
  writeFileSync(join(dir, 'study.json'), JSON.stringify(study));
  writeFileSync(join(dir, 'forms/dm.json'), JSON.stringify(dm));
  writeFileSync(join(dir, 'checks.json'), JSON.stringify(checks));
  return dir;
}

export interface AmendedNetwork {
  readonly net: TestNetwork;
  readonly dbFile: string;
  readonly fingerprint: string;
  readonly subjects: readonly string[];
  /** The return bundle carrying the amendment, not yet imported. */
  readonly returnFile: string;
  login(): Promise<Session>;
}

/** A site with `count` subjects merged at the centre, the amendment made there and its return bundle written. */
export async function amendedNetwork(root: string, count: number): Promise<AmendedNetwork> {
  const net = await createNetwork(join(root, 'net'));
  const added = await net.addSite('IT01');
  const site = await added.login('admin');
  let subjects: string[];
  try {
    subjects = await enrolSubjects(site, count, { cycles: 1, adverseEvents: 0 });
    const central = await net.central();
    try {
      await mergeBundle(central, (await exportBundle(site, join(root, 'usb'))).file, { registerSites: new Map([['IT01', added.fingerprint]]) });
    } finally {
      await central.close();
    }
  } finally {
    await site.close();
  }
  const central = await net.central();
  let returnFile: string;
  try {
    await amendStudy(central, net.coordinatorDir, loadDefinition(writeStudy110(root)), MIGRATION_110);
    returnFile = (await exportReturn(central, { siteId: 'IT01', outDir: join(root, 'back') })).file;
  } finally {
    await central.close();
  }
  return { net, dbFile: added.dbFile, fingerprint: added.fingerprint, subjects, returnFile, login: () => added.login('admin') };
}
