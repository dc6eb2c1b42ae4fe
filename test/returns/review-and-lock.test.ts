// Review marks and central locks through the loop: a monitor's mark at the site reaches the centre in the
// site bundle and a mark made at the centre reaches the site in the return bundle; a subject lock makes its
// forms read-only at the site (form.frozen) until an unlock arrives; a study lock writes a signed
// certificate of the locked data's content digest.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { importReturn, readReturnFile } from '../../src/core/bundles/import-return';
import { centralDigest } from '../../src/core/central/central-digest';
import { lockCentral, unlockCentral } from '../../src/core/central/central-locks';
import { coordinatorSecrets } from '../../src/core/central/coordinator-init';
import { exportReturn } from '../../src/core/central/export-return';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { centralReviewMarks } from '../../src/core/central/return-sections';
import { exportCsv } from '../../src/core/exports/csv/export-csv';
import { exportOdm } from '../../src/core/exports/odm/export-odm';
import { studyModules } from '../../src/studies';
import { verifyBytes } from '../../src/core/crypto/signing';
import { saveForm } from '../../src/core/forms/save-form';
import { markReviewed, reviewMarks } from '../../src/core/review/review-marks';
import { verifyAuditChain } from '../../src/core/store/audit-chain';
import { canonicalJson } from '../../src/shared/canonical-json';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { AppError } from '../../src/shared/errors/app-error';
import { enrolSubjects } from '../helpers/bundle-data';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';
import { DIALECTS } from '../helpers/postgres';

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe.each(DIALECTS)('review marks and central locks (%s)', (dialect) => {
  const tmp = tempDir();
  let net: TestNetwork;
  let site: Awaited<ReturnType<TestNetwork['addSite']>>;
  let subjects: string[];
  let bundles = 0;

  /** Site export → merge → return export → site import. */
  async function exchange(): Promise<void> {
    const s = await site.login('admin');
    const c = await net.central();
    try {
      bundles += 1;
      const exported = await exportBundle(s, join(tmp.dir, `usb${bundles}`));
      await mergeBundle(c, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) });
      const back = await exportReturn(c, { siteId: 'IT01', outDir: join(tmp.dir, 'back') });
      await importReturn(s, readReturnFile(back.file));
    } finally {
      await s.close();
      await c.close();
    }
  }
  const dmEdit = (subjectId: string): ReturnType<typeof SaveFormInput.parse> => SaveFormInput.parse({ subjectId, form: 'dm', data: { weight_kg: 61 }, reason: 'chart re-read' });

  beforeAll(async () => {
    net = await createNetwork(tmp.dir, undefined, dialect);
    site = await net.addSite('IT01');
    const s = await site.login('admin');
    try {
      subjects = await enrolSubjects(s, 2, { cycles: 0, adverseEvents: 0 });
    } finally {
      await s.close();
    }
    await exchange();
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it("carries the site monitor's mark to the centre and the centre's mark back to the site", async () => {
    const monitor = await site.login('monitor');
    try {
      expect((await markReviewed(monitor, { subjectId: subjects[0]!, form: 'dm', instanceNo: 1 })).added).toBe(true);
      expect((await markReviewed(monitor, { subjectId: subjects[0]!, form: 'dm', instanceNo: 1 })).added).toBe(false);
    } finally {
      await monitor.close();
    }
    await exchange();
    const c = await net.central();
    try {
      await markReviewed(c, { subjectId: subjects[1]!, form: 'dm', instanceNo: 1 });
      expect((await centralReviewMarks(c.store.db)).map((m) => [m.subjectId, m.side])).toEqual([
        [subjects[0], 'site'],
        [subjects[1], 'centre'],
      ]);
    } finally {
      await c.close();
    }
    await exchange();
    const s = await site.login('admin');
    try {
      expect((await reviewMarks(s)).map((m) => [m.subjectId, m.side])).toEqual([
        [subjects[0], 'site'],
        [subjects[1], 'centre'],
      ]);
    } finally {
      await s.close();
    }
  });

  it('makes a locked subject read-only at the site once the return bundle arrives, and editable again after the unlock', async () => {
    const c = await net.central();
    try {
      await lockCentral(c, { scope: 'subject', target: subjects[0]!, reason: 'interim analysis', coordinatorDir: net.coordinatorDir });
      expect(await codeOf(lockCentral(c, { scope: 'subject', target: subjects[0]!, reason: 'again', coordinatorDir: net.coordinatorDir }))).toBe('lock.exists');
    } finally {
      await c.close();
    }
    await exchange();
    let s = await site.login('data_entry');
    try {
      expect(await codeOf(saveForm(s, dmEdit(subjects[0]!)))).toBe('form.frozen');
      expect(await codeOf(saveForm(s, dmEdit(subjects[1]!)))).toBeUndefined();
    } finally {
      await s.close();
    }
    const c2 = await net.central();
    try {
      await unlockCentral(c2, { scope: 'subject', target: subjects[0]!, reason: 'analysis done' });
    } finally {
      await c2.close();
    }
    await exchange();
    s = await site.login('data_entry');
    try {
      expect(await codeOf(saveForm(s, dmEdit(subjects[0]!)))).toBeUndefined();
      expect((await verifyAuditChain(s.store.db)).ok).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('writes a study lock certificate signed by the coordinator with the content digest of the locked data', async () => {
    await exchange();
    const c = await net.central();
    try {
      const digest = await centralDigest(c.store.db);
      const { certificateFile } = await lockCentral(c, { scope: 'study', reason: 'database lock', coordinatorDir: net.coordinatorDir });
      expect(certificateFile && existsSync(certificateFile)).toBe(true);
      const signed = JSON.parse(readFileSync(certificateFile!, 'utf8')) as { certificate: { contentDigest: string; reason: string }; signature: string };
      expect(signed.certificate.contentDigest).toBe(digest);
      expect(signed.certificate.reason).toBe('database lock');
      const secrets = await coordinatorSecrets(c.store.db);
      expect(verifyBytes(secrets.signingPublicKeyPem, Buffer.from(canonicalJson(signed.certificate), 'utf8'), Buffer.from(signed.signature, 'base64'))).toBe(true);
    } finally {
      await c.close();
    }
    await exchange();
    const s = await site.login('data_entry');
    try {
      expect(await codeOf(saveForm(s, dmEdit(subjects[1]!)))).toBe('form.frozen');
    } finally {
      await s.close();
    }
  });

  it('names the lock certificate in the CSV and ODM exports made while the study is locked', async () => {
    const c = await net.central();
    try {
      const [certificate] = readdirSync(join(net.coordinatorDir, 'locks'));
      const sha256 = createHash('sha256').update(readFileSync(join(net.coordinatorDir, 'locks', certificate!))).digest('hex');
      const csv = await exportCsv(c, join(tmp.dir, 'csv-locked'), { dialect: 'rfc4180', modules: studyModules });
      const named = JSON.parse(readFileSync(join(tmp.dir, 'csv-locked', 'study-lock.json'), 'utf8')) as { certificateFile: string; certificateSha256: string; reason: string };
      expect(named).toMatchObject({ certificateFile: certificate, certificateSha256: sha256, reason: 'database lock' });
      expect(csv.files.map((f) => f.name)).toContain('study-lock.json');
      const odm = await exportOdm(c, join(tmp.dir, 'locked.odm.xml'));
      const description = /<ODM [^>]*Description="([^"]*)"/.exec(readFileSync(odm.file, 'utf8'))?.[1];
      expect(description).toContain(`lock certificate ${basename(certificate!)}, SHA-256 ${sha256}`);
    } finally {
      await c.close();
    }
  });
});
