// ODM 1.3.2 export: schema-valid, facts read back, streamed with backpressure, full ino-all-it metadata.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { exportOdm } from '../../src/core/exports/odm/export-odm';
import { plainDecimal } from '../../src/core/exports/odm/values';
import { writeOdm } from '../../src/core/exports/odm/write-odm';
import { escapeAttr, escapeText } from '../../src/core/exports/odm/xml';
import { lockForm, signForm } from '../../src/core/forms/instance-actions';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { createSubject } from '../../src/core/subjects/create-subject';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { parseExpression } from '../../src/shared/expr/parser';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { DIALECTS } from '../helpers/postgres';
import { createTestSite, PASSWORDS } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { danglingReferences, q, validateOdm, xpath } from './odm-xmllint';
import { withSession } from '../helpers/session';

const SOURCE = { name: 'edc-offline', version: 'test' };

describe('ODM metadata of the built-in ino-all-it study', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('validates against the ODM 1.3.2 schema, with every field, choice and CTCAE term', async () => {
    const study = loadBuiltInStudy('ino-all-it');
    const site = await createTestSite(tmp.dir, { study });
    const admin = await site.login('admin');
    const file = join(tmp.dir, 'ino-all-it.odm.xml');
    try {
      const started = process.hrtime.bigint();
      const result = await writeOdm(admin.store.db, study, { out: file, scope: 'site', now: new Date('2026-11-25T10:00:00Z'), sourceSystem: SOURCE });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.info(`ino-all-it ODM metadata: ${statSync(file).size} bytes in ${ms.toFixed(0)} ms`);
      expect(result.subjects).toBe(0);
      expect(result.bytes).toBe(statSync(file).size);
    } finally {
      await admin.close();
    }
    const validation = validateOdm(file);
    expect(validation.output).toContain('validates');
    expect(validation.ok).toBe(true);
    const xml = readFileSync(file, 'utf8');
    expect(danglingReferences(xml)).toEqual([]);
    const fields = study.definition.forms.flatMap((f) => f.fields);
    const multiChoices = fields.filter((f) => f.type === 'multi').reduce((n, f) => n + (study.compiled.choicesOf(f)?.length ?? 0), 0);
    expect(fields).toHaveLength(258);
    expect(Number(xpath(file, `count(//${q('ItemDef')})`))).toBe(258 - fields.filter((f) => f.type === 'multi').length + multiChoices);
    expect(Number(xpath(file, `count(//${q('FormDef')})`))).toBe(13);
    expect(Number(xpath(file, `count(//${q('CodeList')}[@OID='CL.REF.ctcae']/${q('CodeListItem')})`))).toBe(837);
    expect(xpath(file, `string(//${q('CodeList')}[@OID='CL.REF.ctcae']/${q('CodeListItem')}[@CodedValue='10002272']/${q('Decode', 'TranslatedText')})`)).toBe('Anemia');
    expect(Number(xpath(file, `count(//${q('MethodDef')})`))).toBe(fields.filter((f) => f.type === 'calc').length);
    expect(Number(xpath(file, `count(//${q('ConditionDef')})`))).toBe(fields.filter((f) => f.type !== 'calc' && f.showIf).length);
  });
});

const save = (s: Session, input: Parameters<typeof SaveFormInput.parse>[0]): ReturnType<typeof saveForm> => saveForm(s, SaveFormInput.parse(input));

const AWKWARD_TEXT = 'Tom & "Jerry" <b>\'x\'</b>\ttab]]>\u0007 ok';

describe.each(DIALECTS)('ODM export of a central store with two sites (on %s)', (dialect) => {
  const tmp = tempDir();
  let net: TestNetwork;
  const ids = { signedLocked: '', drafts: '', noForms: '', otherSite: '' };
  const now = new Date('2026-11-25T10:00:00.000Z');
  let centralFile = '';
  let centralXml = '';

  beforeAll(async () => {
    net = await createNetwork(tmp.dir, undefined, dialect);
    const sites = { IT01: await net.addSite('IT01'), IT02: await net.addSite('IT02') };
    await withSession(sites.IT01.login('data_entry'), async (s) => {
      ids.signedLocked = (await createSubject(s, {})).id;
      await save(s, { subjectId: ids.signedLocked, form: 'dm', data: { site_code: 'IT01', sex: '1', birth_year: 1961, height_cm: 172, weight_kg: 70, dx_date: '2019-02', comorb_any: '0' }, complete: true });
      net.setNow('2026-11-26T09:30:00.000Z');
      await save(s, { subjectId: ids.signedLocked, form: 'dm', data: { weight_kg: 71.5 }, complete: true, reason: 'Transcription error: chart says 71.5 kg' });
      await save(s, { subjectId: ids.signedLocked, form: 'cyc', data: { cyc_no: 1, cyc_start: '2020-01-10', d1_dose_mg: 1.4 } });
      await save(s, { subjectId: ids.signedLocked, form: 'cyc', data: { cyc_no: 2, cyc_start: '2020-02-07', d1_dose_mg: 0.9 } });
      ids.drafts = (await createSubject(s, {})).id;
      await save(s, { subjectId: ids.drafts, form: 'dm', data: { sex: '2', birth_year: 1970, weight_kg: { missing: 'NK' }, dx_date: '2018-11', comorb_any: '1', comorbidities: ['1', '99'], comorb_other: AWKWARD_TEXT } });
      ids.noForms = (await createSubject(s, {})).id;
    });
    net.setNow('2026-11-27T08:00:00.000Z');
    await withSession(sites.IT01.login('investigator'), (s) => signForm(s, { subjectId: ids.signedLocked, form: 'dm', instanceNo: 1, password: PASSWORDS.investigator }));
    await withSession(sites.IT01.login('admin'), (s) => lockForm(s, { subjectId: ids.signedLocked, form: 'dm', instanceNo: 1 }));
    await withSession(sites.IT02.login('data_entry'), async (s) => {
      ids.otherSite = (await createSubject(s, {})).id;
      await save(s, { subjectId: ids.otherSite, form: 'dm', data: { site_code: 'IT02', sex: '2', birth_year: 1950, height_cm: 160, weight_kg: 55, dx_date: '2020-05-03', comorb_any: '9' }, complete: true });
      await save(s, { subjectId: ids.otherSite, form: 'ae', data: { ae_term: '10002272', ae_grade: '3', ae_onset: '2020-06' }, complete: true });
    });
    await withSession(sites.IT02.login('investigator'), (s) => signForm(s, { subjectId: ids.otherSite, form: 'dm', instanceNo: 1, password: PASSWORDS.investigator }));
    const usb = join(tmp.dir, 'usb');
    const bundles: string[] = [];
    for (const site of Object.values(sites)) bundles.push((await withSession(site.login('data_entry'), (s) => exportBundle(s, usb))).file);
    await withSession(net.central(), async (central) => {
      await mergeBundle(central, bundles[0]!, { registerSites: new Map([['IT01', sites.IT01.fingerprint]]) });
      await mergeBundle(central, bundles[1]!, { registerSites: new Map([['IT02', sites.IT02.fingerprint]]) });
    });
    net.setNow(now.toISOString());
    centralFile = join(tmp.dir, 'central.odm.xml');
    const result = await withSession(net.central(), (central) => exportOdm(central, centralFile));
    expect(result).toMatchObject({ subjects: 4, formData: 6, signatures: 2 });
    centralXml = readFileSync(centralFile, 'utf8');
  });
  afterAll(() => tmp.cleanup());

  it('validates against the ODM 1.3.2 schema', () => {
    const validation = validateOdm(centralFile);
    expect(validation.output).toContain('validates');
    expect(validation.ok).toBe(true);
  });

  it('refers only to OIDs it defines', () => {
    expect(danglingReferences(centralXml)).toEqual([]);
  });

  it("lists each site's investigator with the role the trail gave them and the name they signed with", () => {
    for (const site of ['IT01', 'IT02']) {
      const investigator = `//${q('AdminData')}/${q('User')}[@OID='USR.${site}.ivo']`;
      expect({ site, type: xpath(centralFile, `string(${investigator}/@UserType)`), name: xpath(centralFile, `string(${investigator}/${q('DisplayName')})`) }).toEqual({ site, type: 'Investigator', name: 'investigator' });
    }
  });

  it('reads back subjects, sites, values, audit reasons, missing reasons and signatures', () => {
    const subject = (id: string): string => `//${q('SubjectData')}[@SubjectKey='${id}']`;
    const item = (id: string, form: string, itemOid: string, repeat?: number): string =>
      `${subject(id)}//${q('FormData')}[@FormOID='F.${form}'${repeat !== undefined ? ` and @FormRepeatKey='${repeat}'` : ''}]//${q('ItemData')}[@ItemOID='${itemOid}']`;
    expect(xpath(centralFile, `count(//${q('SubjectData')})`)).toBe('4');
    for (const id of Object.values(ids)) expect(xpath(centralFile, `count(${subject(id)})`)).toBe('1');
    expect(xpath(centralFile, `string(${subject(ids.otherSite)}/${q('SiteRef')}/@LocationOID)`)).toBe('LOC.IT02');
    // The edit after completion: the current value, with the reason of its last change.
    expect(xpath(centralFile, `string(${item(ids.signedLocked, 'dm', 'I.dm.weight_kg')}/@Value)`)).toBe('71.5');
    expect(xpath(centralFile, `string(${item(ids.signedLocked, 'dm', 'I.dm.weight_kg')}/${q('AuditRecord', 'ReasonForChange')})`)).toBe('Transcription error: chart says 71.5 kg');
    expect(xpath(centralFile, `string(${item(ids.signedLocked, 'dm', 'I.dm.weight_kg')}/${q('AuditRecord', 'UserRef')}/@UserOID)`)).toBe('USR.IT01.dora');
    expect(xpath(centralFile, `string(${item(ids.signedLocked, 'dm', 'I.dm.weight_kg')}/${q('AuditRecord', 'DateTimeStamp')})`)).toBe('2026-11-26T09:30:00.000Z');
    // Signed then locked: the signature stays, the last form-level audit record is the lock.
    const dm = `${subject(ids.signedLocked)}//${q('FormData')}[@FormOID='F.dm']`;
    expect(xpath(centralFile, `string(${dm}/${q('Signature', 'UserRef')}/@UserOID)`)).toBe('USR.IT01.ivo');
    expect(xpath(centralFile, `string(${dm}/${q('Signature', 'SignatureRef')}/@SignatureOID)`)).toBe('SD.INVESTIGATOR');
    expect(xpath(centralFile, `string(${dm}/${q('Signature', 'DateTimeStamp')})`)).toBe('2026-11-27T08:00:00.000Z');
    expect(xpath(centralFile, `string(${dm}/${q('AuditRecord', 'UserRef')}/@UserOID)`)).toBe('USR.IT01.anna');
    expect(xpath(centralFile, `string(${dm}//${q('FlagValue')}[@CodeListOID='CL.FORM_STATUS'])`)).toBe('locked');
    expect(xpath(centralFile, `string(//${q('User')}[@OID='USR.IT01.ivo']/${q('DisplayName')})`)).toBe('investigator');
    expect(xpath(centralFile, `string(//${q('User')}[@OID='USR.IT01.ivo']/@UserType)`)).toBe('Investigator');
    // Repeating form: two cycles keyed by instance number; no adverse events for this subject.
    expect(xpath(centralFile, `string(${item(ids.signedLocked, 'cyc', 'I.cyc.d1_dose_mg', 2)}/@Value)`)).toBe('0.9');
    expect(xpath(centralFile, `count(${subject(ids.signedLocked)}//${q('FormData')}[@FormOID='F.ae'])`)).toBe('0');
    // A missing-data reason, a multiple choice as one item per choice, text that needs escaping.
    expect(xpath(centralFile, `string(${item(ids.drafts, 'dm', 'I.dm.weight_kg')}/@IsNull)`)).toBe('Yes');
    expect(xpath(centralFile, `string(${item(ids.drafts, 'dm', 'I.dm.weight_kg')}//${q('FlagValue')})`)).toBe('NK');
    expect(xpath(centralFile, `count(${item(ids.drafts, 'dm', 'I.dm.weight_kg')}/@Value)`)).toBe('0');
    expect(xpath(centralFile, `string(${item(ids.drafts, 'dm', 'I.dm.comorbidities___99')}/@Value)`)).toBe('1');
    expect(xpath(centralFile, `string(${item(ids.drafts, 'dm', 'I.dm.comorbidities___1')}/@Value)`)).toBe('1');
    expect(xpath(centralFile, `string(${item(ids.signedLocked, 'dm', 'I.dm.bsa_m2')}/@Value)`)).toBe('1.85');
    // The subject with no forms: its site, no study event.
    expect(xpath(centralFile, `count(${subject(ids.noForms)}/${q('StudyEventData')})`)).toBe('0');
    expect(xpath(centralFile, `string(${subject(ids.noForms)}/${q('AuditRecord', 'SourceID')})`)).toMatch(/^\d+$/);
    // The other site's adverse event, coded with the CTCAE list's MedDRA code.
    expect(xpath(centralFile, `string(${item(ids.otherSite, 'ae', 'I.ae.ae_term', 1)}/@Value)`)).toBe('10002272');
  });

  it('escapes text so that any character survives or is replaced by U+FFFD', () => {
    expect(centralXml).toContain('Value="Tom &amp; &quot;Jerry&quot; &lt;b&gt;&apos;x&apos;&lt;/b&gt;&#9;tab]]&gt;\uFFFD ok"');
    expect(centralXml).not.toContain('\u0007');
  });

  it('writes the same document through a stream, with or without a second connection for the audit trail', async () => {
    await withSession(net.central(), async (central) => {
      const chunks: Buffer[] = [];
      const out = new PassThrough();
      out.on('data', (c: Buffer) => chunks.push(c));
      const result = await writeOdm(central.store.db, central.study, { out, scope: 'central', now, sourceSystem: { name: 'edc-offline', version: '0.1.0' } });
      expect(Buffer.concat(chunks).toString('utf8')).toBe(centralXml);
      expect(result.bytes).toBe(Buffer.byteLength(centralXml));
    });
  });

  it('waits for a slow output to drain instead of buffering the document', async () => {
    await withSession(net.central(), async (central) => {
      let maxBuffered = 0;
      let received = 0;
      const slow = new Writable({
        highWaterMark: 16 * 1024,
        write(chunk: Buffer, _enc, done) {
          received += chunk.length;
          setTimeout(done, 1);
        },
      });
      const watch = setInterval(() => (maxBuffered = Math.max(maxBuffered, slow.writableLength)), 0);
      try {
        const result = await writeOdm(central.store.db, central.study, { out: slow, scope: 'central', now, sourceSystem: { name: 'edc-offline', version: '0.1.0' } });
        await new Promise<void>((resolve) => slow.end(resolve));
        expect(received).toBe(result.bytes);
      } finally {
        clearInterval(watch);
      }
      // At most one chunk (about 64 KiB of text, a little more as UTF-8) waits in the stream at any time.
      expect(maxBuffered).toBeLessThan(200 * 1024);
    });
  });

  it('refuses a scope that does not match the store, and an unknown site, leaving no file behind', async () => {
    const file = join(tmp.dir, 'refused.odm.xml');
    await withSession(net.central(), async (central) => {
      await expect(writeOdm(central.store.db, central.study, { out: file, scope: 'site', now, sourceSystem: SOURCE })).rejects.toMatchObject({ code: 'store.wrongKind' });
      await expect(exportOdm(central, file, { siteId: 'XX99' })).rejects.toMatchObject({ code: 'input.invalid' });
    });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it('exports one site from the central store, and records the export in the audit trail', async () => {
    const file = join(tmp.dir, 'central-IT02.odm.xml');
    await withSession(net.central(), async (central) => {
      const result = await exportOdm(central, file, { siteId: 'IT02' });
      expect(result).toMatchObject({ subjects: 1, signatures: 1 });
      const last = (await auditPage(central.store.db, 0, 10_000)).at(-1);
      expect(last).toMatchObject({ action: 'export.odm' });
      expect(JSON.parse(last!.details!)).toMatchObject({ scope: 'central', site: 'IT02', sha256: result.sha256, subjects: 1 });
    });
    expect(validateOdm(file).ok).toBe(true);
    expect(xpath(file, `count(//${q('Location')})`)).toBe('1');
    expect(xpath(file, `string(/${q('ODM')}/@Granularity)`)).toBe('SingleSite');
  });
});

describe('ODM export of a site store', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('holds the site own data and audit trail, with user names from the site', async () => {
    const site = await createTestSite(tmp.dir, { siteId: 'IT09' });
    const file = join(tmp.dir, 'site.odm.xml');
    await withSession(site.login('data_entry'), async (s) => {
      const { id } = await createSubject(s, {});
      await save(s, { subjectId: id, form: 'dm', data: { sex: '1', birth_year: 1980, height_cm: 181, weight_kg: 82, dx_date: '2021-03', comorb_any: '0' }, complete: true });
      await save(s, { subjectId: id, form: 'dm', data: { height_cm: 180 }, complete: true, reason: 'Re-measured' });
    });
    const result = await withSession(site.login('monitor'), (s) => exportOdm(s, file));
    expect(result).toMatchObject({ subjects: 1, formData: 1, signatures: 0 });
    expect(validateOdm(file).ok).toBe(true);
    const xml = readFileSync(file, 'utf8');
    expect(danglingReferences(xml)).toEqual([]);
    expect(xpath(file, `string(//${q('ItemData')}[@ItemOID='I.dm.height_cm']/${q('AuditRecord', 'ReasonForChange')})`)).toBe('Re-measured');
    expect(xpath(file, `string(//${q('User')}[@OID='USR.IT09.anna']/${q('DisplayName')})`)).toBe('Anna Admin');
    expect(xpath(file, `string(//${q('Location')}/@Name)`)).toBe('Ospedale di prova');
  });
});

describe('ODM conditions', () => {
  it('negates every showIf of ino-all-it into an expression of the same language', () => {
    const study = loadBuiltInStudy('ino-all-it');
    for (const field of study.definition.forms.flatMap((f) => f.fields)) {
      if (field.type !== 'calc' && field.showIf) expect(() => parseExpression(`not (${field.showIf})`)).not.toThrow();
    }
  });
});

describe('ODM text and numbers', () => {
  it('escapes markup, quotes and whitespace, and replaces what XML 1.0 cannot carry', () => {
    expect(escapeAttr('a<b>&"c"\'d\'\t\n\r')).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#9;&#10;&#13;');
    expect(escapeText('a<b>&"c"\t\n\r')).toBe('a&lt;b&gt;&amp;"c"\t\n&#13;');
    expect(escapeText('\u0000\u0008\u000b\u001f\ufffe\uffff')).toBe('\ufffd'.repeat(6));
    expect(escapeText('lone \ud800 and \udc00; pair \ud83d\ude00')).toBe('lone \ufffd and \ufffd; pair \ud83d\ude00');
    expect(escapeText('plain text è')).toBe('plain text è');
  });

  it('writes numbers in decimal notation without an exponent', () => {
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(-1.25e-5)).toBe('-0.0000125');
    expect(plainDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(plainDecimal(71.5)).toBe('71.5');
    expect(plainDecimal(0.0001)).toBe('0.0001');
  });
});
