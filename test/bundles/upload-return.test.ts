// The upload answer hands the site its pending return bundle (a local HTTPS server on 127.0.0.1): `edc upload`
// and the periodic cycle import it through the return import — the amendment it carries applied, the import
// audited as arriving by upload — a re-upload hands back the same one, changing nothing, and one that is
// tampered with, stale or not the one announced is refused with its code and the site store unchanged.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importAnsweredReturn, type AnsweredReturn } from '../../src/core/bundles/answered-return';
import { runExchangeCycle, type Uploader } from '../../src/core/bundles/exchange-cycle';
import { setExchangeSettings } from '../../src/core/bundles/exchange-settings';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { uploadBundle } from '../../src/core/bundles/upload-client';
import { uploadSigner } from '../../src/core/bundles/upload-signer';
import { setUploadUrl } from '../../src/core/bundles/upload-settings';
import { amendStudy } from '../../src/core/central/amend-study';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { startUploadServer, type UploadServer } from '../../src/core/central/upload-server';
import type { Session } from '../../src/core/store/session';
import { loadDefinition } from '../../src/core/study/load-definition';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { listAllInstances } from '../../src/db/repositories/form-instances.repository';
import { lastReturnImport } from '../../src/db/repositories/return-exchange.repository';
import { MIGRATION_110, writeStudy110 } from '../amendments/amendment-fixture';
import { enrolSubjects } from '../helpers/bundle-data';
import { edc } from '../helpers/cli';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('the return bundle carried by the upload answer', () => {
  const tmp = tempDir();
  const serverDir = join(tmp.dir, 'server');
  let net: TestNetwork;
  let site: Awaited<ReturnType<TestNetwork['addSite']>>;
  let central: Session;
  let server: UploadServer;
  let ca: string;
  let caFile: string;
  let first: AnsweredReturn & { bytes: Uint8Array };

  const withSite = async <T>(run: (s: Session) => Promise<T>): Promise<T> => {
    const s = await site.login('admin');
    try {
      return await run(s);
    } finally {
      await s.close();
    }
  };
  /** What a refused import must leave as it was: the audit trail, every record, the last return imported. */
  const storeState = (s: Session): Promise<string> =>
    Promise.all([auditPage(s.store.db, 0, 1_000_000), listAllInstances(s.store.db), lastReturnImport(s.store.db)]).then((parts) => JSON.stringify(parts));

  beforeAll(async () => {
    const key = join(tmp.dir, 'key.pem');
    caFile = join(tmp.dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', key, '-out', caFile], { stdio: 'pipe' });
    ca = readFileSync(caFile, 'utf8');
    net = await createNetwork(join(tmp.dir, 'net'));
    // The stores' clock at the real time: the server checks each request's signed time against its own.
    net.setNow(new Date().toISOString());
    site = await net.addSite('IT01');
    await withSite(async (s) => {
      await enrolSubjects(s, 2, { seed: 5, cycles: 1, adverseEvents: 0 });
      const setup = await net.central();
      try {
        // The site is registered from its first bundle, brought by hand; the centre then amends the study.
        await mergeBundle(setup, (await exportBundle(s, join(tmp.dir, 'by-hand'))).file, { registerSites: new Map([['IT01', site.fingerprint]]) });
        await amendStudy(setup, net.coordinatorDir, loadDefinition(writeStudy110(tmp.dir)), MIGRATION_110);
      } finally {
        await setup.close();
      }
    });
    central = await net.central();
    server = await startUploadServer({ session: central, dir: serverDir, host: '127.0.0.1', port: 0, cert: ca, key: readFileSync(key, 'utf8'), clock: () => new Date() });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await central?.close();
    tmp.cleanup();
  });

  it('edc upload imports the return bundle of the answer: the amendment it carries is applied, the import audited', async () => {
    const file = await withSite(async (s) => {
      await enrolSubjects(s, 1, { seed: 6, cycles: 1, adverseEvents: 0 });
      return (await exportBundle(s, join(tmp.dir, 'usb'))).file;
    });
    const result = await edc(['upload', '--db', site.dbFile, '--user', USERS.admin, '--to', server.url, '--ca', caFile, file], { EDC_PASSWORD: PASSWORDS.admin });
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain('Return bundle #1 from the answer imported');
    await withSite(async (s) => {
      expect(s.study.definition.version).toBe('1.1.0');
      expect((await lastReturnImport(s.store.db))?.sequence).toBe(1);
      const imports = (await auditPage(s.store.db, 0, 100_000)).filter((e) => e.action === 'return.import').map((e) => JSON.parse(e.details ?? '{}') as Record<string, unknown>);
      expect(imports).toEqual([expect.objectContaining({ sequence: 1, via: 'upload', amendments: 1 })]);
    });
    // The centre keeps what it handed out.
    expect(existsSync(join(serverDir, 'returns'))).toBe(true);
  });

  it('hands back the same return bundle for a bundle it already had, which imports as nothing changed', async () => {
    const file = await withSite(async (s) => (await exportBundle(s, join(tmp.dir, 'usb2'))).file);
    const signer = await withSite((s) => uploadSigner(s));
    const merged = await uploadBundle(server.url, file, { signer, ca });
    expect(merged).toMatchObject({ status: 'merged', returnBundle: { sequence: 2 } });
    first = merged.returnBundle as typeof first;
    const again = await uploadBundle(server.url, file, { signer, ca });
    expect(again).toMatchObject({ status: 'unchanged', returnBundle: { sequence: 2, fileName: (first as { fileName: string }).fileName } });
    await withSite(async (s) => {
      expect(await importAnsweredReturn(s, first)).toMatchObject({ status: 'applied', sequence: 2, error: null });
      const before = await storeState(s);
      expect(await importAnsweredReturn(s, again.returnBundle!)).toMatchObject({ status: 'unchanged', sequence: 2 });
      expect(await storeState(s)).toBe(before);
    });
  });

  it('the periodic cycle imports the return bundle of each answer and says so in its result', async () => {
    const result = await withSite(async (s) => {
      await setExchangeSettings(s, { intervalDays: 14, folder: join(tmp.dir, 'periodic') });
      await setUploadUrl(s, server.url, ca);
      return runExchangeCycle(s, { force: true });
    });
    expect(result.uploads).toEqual([expect.objectContaining({ state: 'done', returnBundle: { status: 'applied', sequence: 3, code: null, error: null } })]);
    await withSite(async (s) => expect((await lastReturnImport(s.store.db))?.sequence).toBe(3));
  });

  it.each([
    ['tampered with', (r: typeof first): AnsweredReturn => ({ ...r, bytes: Uint8Array.from(r.bytes, (b, i) => (i === 200 ? b ^ 0xff : b)) }), 'bundle.corrupt'],
    ['older than the last one imported', (r: typeof first): AnsweredReturn => r, 'return.stale'],
    ['not the one the answer announced', (): AnsweredReturn => ({ invalid: 'its SHA-256 is not the one the answer announced' }), 'upload.badReturn'],
  ] as const)('refuses a return bundle %s, with its code and the site store unchanged', async (_what, make, code) => {
    await withSite(async (s) => {
      const before = await storeState(s);
      expect(await importAnsweredReturn(s, make(first))).toMatchObject({ status: 'refused', error: { code } });
      expect(await storeState(s)).toBe(before);
    });
  });

  it('refuses, through the periodic cycle, a return bundle that does not verify, and still records the upload as done', async () => {
    const corrupting: Uploader = async (url, file, options) => {
      const outcome = await uploadBundle(url, file, options);
      const r = outcome.returnBundle as typeof first;
      return { ...outcome, returnBundle: { ...r, bytes: Uint8Array.from(r.bytes, (b, i) => (i === 200 ? b ^ 0xff : b)) } };
    };
    const result = await withSite((s) => runExchangeCycle(s, { force: true, upload: corrupting }));
    expect(result.uploads).toEqual([expect.objectContaining({ state: 'done', returnBundle: expect.objectContaining({ status: 'refused', code: 'bundle.corrupt' }) })]);
    await withSite(async (s) => expect((await lastReturnImport(s.store.db))?.sequence).toBe(3));
  });
});
