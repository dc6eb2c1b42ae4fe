// Data queries in the central ODM export: an Annotation on the queried ItemData (also when the item is
// empty), FormData or SubjectData, with the query's text, history and status Flag; the file stays XSD-valid.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { exportOdm } from '../../src/core/exports/odm/export-odm';
import { closeQuery } from '../../src/core/queries/query-actions';
import { raiseQuery } from '../../src/core/queries/raise-query';
import { RaiseQueryInput } from '../../src/shared/contract/queries';
import { enrolSubjects } from '../helpers/bundle-data';
import { createNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';
import { danglingReferences, q, validateOdm, xpath } from './odm-xmllint';

describe('data queries in the ODM export', () => {
  const tmp = tempDir();
  let file: string;
  const ids: Record<string, string> = {};
  let subjects: string[];

  beforeAll(async () => {
    const net = await createNetwork(tmp.dir);
    const site = await net.addSite('IT01');
    const s = await site.login('admin');
    let bundle: string;
    try {
      subjects = await enrolSubjects(s, 2, { cycles: 1, adverseEvents: 0 });
      bundle = (await exportBundle(s, join(tmp.dir, 'usb'))).file;
    } finally {
      await s.close();
    }
    const c = await net.central();
    try {
      await mergeBundle(c, bundle, { registerSites: new Map([['IT01', site.fingerprint]]) });
      const raise = async (name: string, input: Record<string, unknown>): Promise<void> => {
        ids[name] = (await raiseQuery(c, RaiseQueryInput.parse({ subjectId: subjects[0], ...input }))).id;
      };
      await raise('item', { form: 'dm', field: 'weight_kg', text: 'Weight differs from the nursing chart', category: 'inconsistent' });
      await raise('empty', { form: 'dm', field: 'comorbidities', text: 'Comorbidities not listed', category: 'missing' });
      await raise('form', { form: 'cyc', instanceNo: 1, text: 'Cycle 1 start to be checked' });
      await raise('subject', { text: 'Consent date to be confirmed', category: 'protocol' });
      await closeQuery(c, { queryId: ids.subject!, text: 'Confirmed by phone with the site' });
      file = (await exportOdm(c, join(tmp.dir, 'central.odm.xml'))).file;
    } finally {
      await c.close();
    }
  }, 60_000);
  afterAll(() => tmp.cleanup());

  const subject = (): string => `//${q('SubjectData')}[@SubjectKey='${subjects[0]!}']`;
  const annotation = (id: string): string => `${q('Annotation')}[@ID='${id}']`;

  it('validates against the ODM 1.3.2 schema and refers only to OIDs it defines', () => {
    const validation = validateOdm(file);
    expect(validation.output).toContain('validates');
    expect(validation.ok).toBe(true);
    expect(danglingReferences(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('puts each query on what it questions: the item, the empty item (once for a multiple-choice field), the form instance and the subject', () => {
    expect(xpath(file, `string(${subject()}//${q('ItemData')}[${annotation(ids.item!)}]/@ItemOID)`)).toMatch(/weight_kg$/i);
    expect(xpath(file, `string(${subject()}//${q('ItemData')}[${annotation(ids.empty!)}]/@IsNull)`)).toBe('Yes');
    expect(Number(xpath(file, `count(//${annotation(ids.empty!)})`))).toBe(1);
    expect(xpath(file, `string(${subject()}//${q('FormData')}[${annotation(ids.form!)}]/@FormOID)`)).toMatch(/cyc$/i);
    expect(Number(xpath(file, `count(${subject()}/${annotation(ids.subject!)})`))).toBe(1);
  });

  it('carries the text, category, history and status of each query', () => {
    const comment = (id: string): string => xpath(file, `string(//${annotation(id)}/${q('Comment')})`);
    const status = (id: string): string => xpath(file, `string(//${annotation(id)}/${q('Flag', 'FlagValue')})`);
    expect(comment(ids.item!)).toContain('(inconsistent)');
    expect(comment(ids.item!)).toContain('Weight differs from the nursing chart');
    expect(status(ids.item!)).toBe('open');
    expect(comment(ids.subject!)).toContain('close by ');
    expect(comment(ids.subject!)).toContain('Confirmed by phone with the site');
    expect(status(ids.subject!)).toBe('closed');
    expect(xpath(file, `string(//${q('CodeList')}[@OID='CL.QUERY_STATUS']/${q('CodeListItem')}[@CodedValue='reopened']/${q('Decode', 'TranslatedText')}[@xml:lang='it'])`)).toBe('Riaperta');
  });

  it('has no query annotation on the subject nobody queried', () => {
    expect(Number(xpath(file, `count(//${q('SubjectData')}[@SubjectKey='${subjects[1]!}']//${q('Annotation')}[@ID])`))).toBe(0);
  });
});
