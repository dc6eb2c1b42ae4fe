// The centre during an amendment's changeover: two sites apply 1.1.0 (renamed dx_date → diagnosis_date, sex
// recoded 1/2 → M/F) at different times, and the central store holds bundles of a 0.1.0 site and a 1.1.0 site
// together. The ODM export describes both versions and stays XSD-valid, the CSV export says each row's version and
// keeps every old value, the codebook describes both, and the report reads every value under the current names.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { importReturn, readReturnFile } from '../../src/core/bundles/import-return';
import { amendStudy } from '../../src/core/central/amend-study';
import { exportReturn } from '../../src/core/central/export-return';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { exportCsv } from '../../src/core/exports/csv/export-csv';
import { exportOdm } from '../../src/core/exports/odm/export-odm';
import { saveForm } from '../../src/core/forms/save-form';
import { buildReport, genericReportData } from '../../src/core/report';
import { loadDefinition } from '../../src/core/study/load-definition';
import type { EvaluatedFormInstance } from '../../src/db/domain';
import { listAllInstances } from '../../src/db/repositories/form-instances.repository';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { studyModules } from '../../src/studies';
import { enrolSubjects } from '../helpers/bundle-data';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';
import { danglingReferences, q, validateOdm, xpath } from '../exports/odm-xmllint';
import { listAmendments } from '../../src/db/repositories/amendment.repository';
import { MIGRATION_110, writeStudy110 } from './amendment-fixture';
import { withSession } from '../helpers/session';

type Row = Record<string, string>;
type Site = Awaited<ReturnType<TestNetwork['addSite']>>;

const SEX = { '1': 'M', '2': 'F' } as const;
const readCsv = (file: string): Row[] => parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Row[];

describe('the central exports while one site is on 0.1.0 and the other on 1.1.0', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let sites: Record<'IT01' | 'IT02', Site>;
  /** dm as each subject's site entered it under 0.1.0. */
  const dm = new Map<string, EvaluatedFormInstance['data']>();
  let bundleNo = 0;

  const sendBundle = async (site: Site): Promise<void> => {
    bundleNo += 1;
    const file = await withSession(site.login('admin'), async (s) => (await exportBundle(s, join(tmp.dir, `usb${bundleNo}`))).file);
    const merged = await withSession(net.central(), (central) => mergeBundle(central, file, { registerSites: new Map(Object.entries(sites).map(([id, x]) => [id, x.fingerprint])) }));
    expect(merged).toMatchObject({ status: 'merged', counts: { quarantined: 0 } });
  };
  const applyAmendment = async (siteId: 'IT01' | 'IT02'): Promise<void> => {
    const file = await withSession(net.central(), async (central) => (await exportReturn(central, { siteId, outDir: join(tmp.dir, `back-${siteId}`) })).file);
    const result = await withSession(sites[siteId].login('admin'), (s) => importReturn(s, readReturnFile(file)));
    expect(result.amendments?.map((a) => a.status)).toEqual(['applied']);
  };

  beforeAll(async () => {
    net = await createNetwork(join(tmp.dir, 'net'));
    sites = { IT01: await net.addSite('IT01'), IT02: await net.addSite('IT02') };
    for (const [i, site] of [sites.IT01, sites.IT02].entries()) {
      await withSession(site.login('admin'), async (s) => {
        await enrolSubjects(s, 3, { seed: i + 1, cycles: 1, adverseEvents: 0 });
        for (const instance of await listAllInstances(s.store.db)) if (instance.form === 'dm') dm.set(instance.subjectId, instance.data);
      });
      await sendBundle(site);
    }
    await withSession(net.central(), (central) => amendStudy(central, net.coordinatorDir, loadDefinition(writeStudy110(tmp.dir)), MIGRATION_110));
    // IT01 applies the amendment first and enters a field of 1.1.0; IT02 goes on under 0.1.0 for now.
    await applyAmendment('IT01');
    await withSession(sites.IT01.login('admin'), (s) => saveForm(s, SaveFormInput.parse({ subjectId: 'IT01-0001', form: 'dm', data: { ecog: 1 }, reason: 'ECOG collected' })));
    await sendBundle(sites.IT01);
    await sendBundle(sites.IT02);
  }, 240_000);
  afterAll(() => tmp.cleanup());

  const subjectsOf = (siteId: string): string[] => [...dm.keys()].filter((id) => id.startsWith(siteId)).sort();

  it('writes an XSD-valid ODM file with one MetaDataVersion per version in use, each ClinicalData under its version', async () => {
    const file = join(tmp.dir, 'mixed.odm.xml');
    await withSession(net.central(), (central) => exportOdm(central, file));
    expect(validateOdm(file)).toMatchObject({ ok: true });
    expect(danglingReferences(readFileSync(file, 'utf8'))).toEqual([]);
    expect(xpath(file, `count(//${q('MetaDataVersion')})`)).toBe('2');
    expect(xpath(file, `string(//${q('MetaDataVersion')}[1]/@OID)`)).toBe('MDV.mini.0.1.0');
    expect(xpath(file, `string(//${q('MetaDataVersion')}[2]/@OID)`)).toBe('MDV.mini.1.1.0');
    // Each version's own items and codes: dx_date and sex 1/2 under 0.1.0, diagnosis_date, ecog and sex M/F under 1.1.0.
    const mdv = (version: string, path: string): string => xpath(file, `count(//${q('MetaDataVersion')}[@OID='MDV.mini.${version}']/${path})`);
    expect([mdv('0.1.0', `${q('ItemDef')}[@OID='I.dm.dx_date']`), mdv('0.1.0', `${q('ItemDef')}[@OID='I.dm.diagnosis_date']`)]).toEqual(['1', '0']);
    expect([mdv('1.1.0', `${q('ItemDef')}[@OID='I.dm.dx_date']`), mdv('1.1.0', `${q('ItemDef')}[@OID='I.dm.diagnosis_date']`), mdv('1.1.0', `${q('ItemDef')}[@OID='I.dm.ecog']`)]).toEqual(['0', '1', '1']);
    expect(mdv('0.1.0', `${q('CodeList')}[@OID='CL.SEX']/${q('CodeListItem')}[@CodedValue='1']`)).toBe('1');
    expect(mdv('1.1.0', `${q('CodeList')}[@OID='CL.SEX']/${q('CodeListItem')}[@CodedValue='M']`)).toBe('1');
    const item = (version: string, subject: string, itemOid: string): string =>
      xpath(file, `string(//${q('ClinicalData')}[@MetaDataVersionOID='MDV.mini.${version}']/${q('SubjectData')}[@SubjectKey='${subject}']//${q('FormData')}[@FormOID='F.dm']//${q('ItemData')}[@ItemOID='${itemOid}']/@Value)`);
    for (const subject of subjectsOf('IT02')) {
      expect([item('0.1.0', subject, 'I.dm.dx_date'), item('0.1.0', subject, 'I.dm.sex')]).toEqual([dm.get(subject)!.dx_date, dm.get(subject)!.sex]);
    }
    for (const subject of subjectsOf('IT01')) {
      expect([item('1.1.0', subject, 'I.dm.diagnosis_date'), item('1.1.0', subject, 'I.dm.sex')]).toEqual([dm.get(subject)!.dx_date, SEX[dm.get(subject)!.sex as '1' | '2']]);
      // The cycles IT01 entered before the amendment (not migrated) stay under 0.1.0.
      expect(xpath(file, `count(//${q('ClinicalData')}[@MetaDataVersionOID='MDV.mini.0.1.0']/${q('SubjectData')}[@SubjectKey='${subject}']//${q('FormData')}[@FormOID='F.cyc'])`)).toBe('1');
    }
    expect(item('1.1.0', 'IT01-0001', 'I.dm.ecog')).toBe('1');
    // Each site's Location names both versions, the amended one effective from the day the amendment was recorded.
    const amendedOn = (await withSession(net.central(), (central) => listAmendments(central.store.db))).find((a) => a.version === '1.1.0')!.recordedAt.slice(0, 10);
    for (const site of ['IT01', 'IT02']) {
      const ref = (version: string, attribute: string): string => xpath(file, `string(//${q('Location')}[@OID='LOC.${site}']/${q('MetaDataVersionRef')}[@MetaDataVersionOID='MDV.mini.${version}']/@${attribute})`);
      expect(xpath(file, `count(//${q('Location')}[@OID='LOC.${site}']/${q('MetaDataVersionRef')})`)).toBe('2');
      expect(ref('0.1.0', 'MetaDataVersionOID')).toBe('MDV.mini.0.1.0');
      expect(ref('1.1.0', 'EffectiveDate') >= amendedOn).toBe(true);
    }
  });

  it('writes dm.csv with each row\'s definition version and every old value under the name and code it was saved with', async () => {
    const out = join(tmp.dir, 'csv-mixed');
    await withSession(net.central(), (central) => exportCsv(central, out, { modules: studyModules, dialect: 'rfc4180' }));
    const rows = new Map(readCsv(join(out, 'dm.csv')).map((r) => [r.subject_id!, r]));
    expect([...rows.keys()].sort()).toEqual([...dm.keys()].sort());
    for (const subject of subjectsOf('IT02')) {
      expect(rows.get(subject)).toMatchObject({ def_version: '0.1.0', dx_date: dm.get(subject)!.dx_date, diagnosis_date: '', sex: dm.get(subject)!.sex });
    }
    for (const subject of subjectsOf('IT01')) {
      expect(rows.get(subject)).toMatchObject({ def_version: '1.1.0', dx_date: '', diagnosis_date: dm.get(subject)!.dx_date, sex: SEX[dm.get(subject)!.sex as '1' | '2'] });
    }
    const codebook = readCsv(join(out, 'codebook.csv')).filter((r) => r.file === 'dm.csv');
    expect(codebook.find((r) => r.variable === 'dx_date')?.derivation).toMatch(/^Only in definition version 0\.1\.0/);
    const sex = codebook.find((r) => r.variable === 'sex')!.codes!;
    expect(sex).toContain('M = Male | F = Female (version 1.1.0)');
    expect(sex).toContain('under 0.1.0: 1 = Male | 2 = Female');
  });

  it('reports every subject\'s dm under the current names and codes', async () => {
    const document = await withSession(net.central(), (central) => buildReport(central, { lang: 'en', modules: studyModules }));
    const form = genericReportData(document).fields.forms.find((f) => f.form === 'dm')!;
    const field = (name: string): (typeof form.fields)[number] => form.fields.find((f) => f.field === name)!;
    const expected = { M: [...dm.values()].filter((d) => d.sex === '1').length, F: [...dm.values()].filter((d) => d.sex === '2').length };
    const sex = field('sex');
    expect(sex.kind === 'choice' ? Object.fromEntries(sex.counts.map((c) => [c.code, c.n])) : null).toEqual(expected);
    expect(field('diagnosis_date')).toMatchObject({ kind: 'date', n: dm.size, blank: 0 });
  });

  it('describes dm of both sites under 1.1.0 once the second site has applied the amendment too', async () => {
    await applyAmendment('IT02');
    await sendBundle(sites.IT02);
    const file = join(tmp.dir, 'later.odm.xml');
    await withSession(net.central(), (central) => exportOdm(central, file));
    expect(validateOdm(file)).toMatchObject({ ok: true });
    for (const subject of dm.keys()) {
      const value = xpath(file, `string(//${q('ClinicalData')}[@MetaDataVersionOID='MDV.mini.1.1.0']/${q('SubjectData')}[@SubjectKey='${subject}']//${q('ItemData')}[@ItemOID='I.dm.diagnosis_date']/@Value)`);
      expect(value).toBe(dm.get(subject)!.dx_date);
    }
    expect(xpath(file, `count(//${q('ItemData')}[@ItemOID='I.dm.dx_date'])`)).toBe('0');
  });
});
