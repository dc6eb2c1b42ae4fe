// A site set up from a coordinator's kit, and a stand-alone site joining a centre later: the keys taken, the
// audited join, the first export merged by the centre, and every refusal coded with the site store unchanged.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from '../../src/core/auth/open-session';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { exportStatus } from '../../src/core/bundles/import-receipt';
import { initSiteFromKit } from '../../src/core/bundles/init-site-from-kit';
import { checkKitFitsStore, joinCentre } from '../../src/core/bundles/join-centre';
import { issueSiteKit } from '../../src/core/central/issue-site-kit';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { formatFingerprint } from '../../src/core/crypto/signing';
import { verifyKitUnconfirmed } from '../../src/core/exchange/inspect-kit';
import { verifyAuditChain } from '../../src/core/store/audit-chain';
import type { Session } from '../../src/core/store/session';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { loadDefinitionObject } from '../../src/core/study/load-definition';
import { createSubject } from '../../src/core/subjects/create-subject';
import { auditPage } from '../../src/db/repositories/audit.repository';
import type { SiteKit } from '../../src/shared/contract/bundles';
import { storeDigest } from '../helpers/digest';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { createTestSite, miniStudyDefinition, PASSWORDS, USERS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const ADMIN = { username: USERS.admin, displayName: 'Anna Admin', password: PASSWORDS.admin };

async function issueKit(net: TestNetwork, siteId: string): Promise<SiteKit> {
  const central = await net.central();
  try {
    return await issueSiteKit(central, { siteId, siteName: `Ospedale ${siteId}`, outFile: join(net.dir, `${siteId}.kit.json`) });
  } finally {
    await central.close();
  }
}

/** The kit with its site name changed after the coordinator signed it. */
function tampered(kit: SiteKit): SiteKit {
  return { ...kit, kit: { ...kit.kit, siteName: 'Ospedale altrove' } };
}

describe('a site set up from a coordinator kit', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let kit: SiteKit;

  beforeAll(async () => {
    net = await createNetwork(join(tmp.dir, 'network'));
    kit = await issueKit(net, 'IT05');
  });
  afterAll(() => tmp.cleanup());

  const dbFile = (name: string): string => join(tmp.dir, `${name}.db`);

  it('accepts the coordinator fingerprint typed in groups and in capitals, and can export at once', async () => {
    const file = dbFile('grouped');
    const result = await initSiteFromKit({ dbFile: file, kit, expectedFingerprint: formatFingerprint(net.coordinatorFingerprint).toUpperCase(), admin: ADMIN, clock: net.clock });
    expect(result).toMatchObject({ siteId: 'IT05', studyId: 'mini', coordinatorFingerprint: net.coordinatorFingerprint });
    const session = await openSession({ dbFile: file, username: ADMIN.username, password: ADMIN.password, clock: net.clock });
    try {
      expect(await exportStatus(session)).toMatchObject({ canExport: true, siteFingerprint: result.siteFingerprint, coordinatorFingerprint: net.coordinatorFingerprint });
      expect((await exportBundle(session, join(tmp.dir, 'usb-grouped'))).sequence).toBe(1);
    } finally {
      await session.close();
    }
  });

  it('refuses a wrong coordinator fingerprint with bundle.fingerprintMismatch and creates no store', async () => {
    const file = dbFile('wrong');
    await expect(initSiteFromKit({ dbFile: file, kit, expectedFingerprint: 'ab'.repeat(32), admin: ADMIN })).rejects.toMatchObject({ code: 'bundle.fingerprintMismatch' });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a kit changed after signing with bundle.badKit and creates no store', async () => {
    const file = dbFile('tampered');
    await expect(initSiteFromKit({ dbFile: file, kit: tampered(kit), expectedFingerprint: net.coordinatorFingerprint, admin: ADMIN })).rejects.toMatchObject({ code: 'bundle.badKit' });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a kit whose fingerprint nobody confirmed with bundle.fingerprintUnconfirmed and creates no store', async () => {
    const file = dbFile('unconfirmed');
    await expect(initSiteFromKit({ dbFile: file, kit, expectedFingerprint: undefined, admin: ADMIN })).rejects.toMatchObject({ code: 'bundle.fingerprintUnconfirmed' });
    expect(existsSync(file)).toBe(false);
  });
});

describe('a stand-alone site joining a coordinating centre', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let kit: SiteKit;
  let seq = 0;

  /** A fresh stand-alone IT01 store of the network's study, with one subject. */
  async function standAlone(): Promise<TestSite> {
    seq += 1;
    const dir = join(tmp.dir, `site-${seq}`);
    mkdirSync(dir);
    const site = await createTestSite(dir, { siteId: 'IT01', now: '2026-11-25T10:00:00.000Z' });
    const s = await site.login('data_entry');
    try {
      await createSubject(s, {});
    } finally {
      await s.close();
    }
    return site;
  }

  /** Runs `work` as the admin and proves the store was left exactly as it was. */
  async function unchangedAfter(site: TestSite, work: (admin: Session) => Promise<unknown>, code: string): Promise<void> {
    const admin = await site.login('admin');
    try {
      const before = storeDigest(admin);
      await expect(work(admin)).rejects.toMatchObject({ code });
      expect(storeDigest(admin)).toBe(before);
      expect((await exportStatus(admin)).canExport).toBe(false);
    } finally {
      await admin.close();
    }
  }

  beforeAll(async () => {
    net = await createNetwork(join(tmp.dir, 'network'));
    kit = await issueKit(net, 'IT01');
  });
  afterAll(() => tmp.cleanup());

  it('takes the kit’s keys with an audit entry, and its first bundle is merged by the centre', async () => {
    const site = await standAlone();
    const admin = await site.login('admin');
    try {
      await expect(exportBundle(admin, join(tmp.dir, 'usb-before'))).rejects.toMatchObject({ code: 'bundle.noCoordinator' });
      const joined = await joinCentre(admin, kit, formatFingerprint(net.coordinatorFingerprint));
      expect(joined).toMatchObject({ siteId: 'IT01', studyId: 'mini', coordinatorFingerprint: net.coordinatorFingerprint });
      expect(joined.siteFingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(await exportStatus(admin)).toMatchObject({ canExport: true, siteFingerprint: joined.siteFingerprint, coordinatorFingerprint: net.coordinatorFingerprint });
      const entry = (await auditPage(admin.store.db, 0, 10_000)).find((e) => e.action === 'site.join');
      expect(entry?.user).toBe(USERS.admin);
      expect(JSON.parse(entry?.details ?? 'null')).toMatchObject({ site: 'IT01', coordinator: net.coordinatorFingerprint, siteKey: joined.siteFingerprint });
      expect(await verifyAuditChain(admin.store.db)).toMatchObject({ ok: true });

      const bundle = await exportBundle(admin, join(tmp.dir, 'usb'));
      const central = await net.central();
      try {
        const merged = await mergeBundle(central, bundle.file, { registerSites: new Map([['IT01', joined.siteFingerprint]]) });
        expect(merged).toMatchObject({ status: 'merged', siteId: 'IT01', sequence: 1, counts: { subjects: 1 } });
      } finally {
        await central.close();
      }
    } finally {
      await admin.close();
    }
  });

  it('refuses a wrong coordinator fingerprint with bundle.fingerprintMismatch, the store unchanged', async () => {
    await unchangedAfter(await standAlone(), (admin) => joinCentre(admin, kit, 'cd'.repeat(32)), 'bundle.fingerprintMismatch');
  });

  it('refuses a kit changed after signing with bundle.badKit, the store unchanged', async () => {
    await unchangedAfter(await standAlone(), (admin) => joinCentre(admin, tampered(kit), net.coordinatorFingerprint), 'bundle.badKit');
  });

  it('refuses a kit of another site code with bundle.kitOtherSite, the store unchanged', async () => {
    const other = await issueKit(net, 'IT02');
    await unchangedAfter(await standAlone(), (admin) => joinCentre(admin, other, net.coordinatorFingerprint), 'bundle.kitOtherSite');
  });

  it('refuses a kit of another study with bundle.kitOtherStudy, the store unchanged', async () => {
    const otherNet = await createNetwork(join(tmp.dir, 'network-htn'), loadBuiltInStudy('htn-registry'));
    const other = await issueKit(otherNet, 'IT01');
    await unchangedAfter(await standAlone(), (admin) => joinCentre(admin, other, otherNet.coordinatorFingerprint), 'bundle.kitOtherStudy');
  });

  it('refuses a kit of another version of the study with bundle.kitOtherDefinition, the store unchanged', async () => {
    const mini = miniStudyDefinition();
    const otherNet = await createNetwork(join(tmp.dir, 'network-v2'), loadDefinitionObject({ ...mini.definition, version: '0.2.0' }));
    const other = await issueKit(otherNet, 'IT01');
    await unchangedAfter(await standAlone(), (admin) => joinCentre(admin, other, otherNet.coordinatorFingerprint), 'bundle.kitOtherDefinition');
  });

  it('refuses a user who is not an admin with role.forbidden, the store unchanged', async () => {
    const site = await standAlone();
    const investigator = await site.login('investigator');
    try {
      const before = storeDigest(investigator);
      await expect(joinCentre(investigator, kit, net.coordinatorFingerprint)).rejects.toMatchObject({ code: 'role.forbidden' });
      expect(storeDigest(investigator)).toBe(before);
    } finally {
      await investigator.close();
    }
  });

  it('refuses a site that already exchanges with a centre with bundle.alreadyJoined, the store unchanged', async () => {
    const site = await net.addSite('IT03');
    const again = await issueKit(net, 'IT03');
    const admin = await site.login('admin');
    try {
      const before = storeDigest(admin);
      await expect(joinCentre(admin, again, net.coordinatorFingerprint)).rejects.toMatchObject({ code: 'bundle.alreadyJoined' });
      expect(storeDigest(admin)).toBe(before);
    } finally {
      await admin.close();
    }
  });

  it('refuses a site that has already exported with bundle.alreadyExported, the store unchanged', async () => {
    const site = await net.addSite('IT04');
    const again = await issueKit(net, 'IT04');
    const admin = await site.login('admin');
    try {
      await exportBundle(admin, join(tmp.dir, 'usb-it04'));
      const before = storeDigest(admin);
      await expect(joinCentre(admin, again, net.coordinatorFingerprint)).rejects.toMatchObject({ code: 'bundle.alreadyExported', details: { sequence: 1 } });
      expect(storeDigest(admin)).toBe(before);
    } finally {
      await admin.close();
    }
  });

  it('tells before the fingerprint is confirmed that a kit of another site code cannot be joined', async () => {
    const other = await issueKit(net, 'IT09');
    const site = await standAlone();
    const admin = await site.login('admin');
    try {
      await expect(checkKitFitsStore(admin, verifyKitUnconfirmed(other))).rejects.toMatchObject({ code: 'bundle.kitOtherSite', details: { kitSite: 'IT09', site: 'IT01' } });
      await expect(checkKitFitsStore(admin, verifyKitUnconfirmed(kit))).resolves.toBeUndefined();
    } finally {
      await admin.close();
    }
  });
});
