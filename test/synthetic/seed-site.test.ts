// Seeding a site store with 20 patients through the core use-cases: data, completeness, checks, overrides, edits, signatures, audit chain.

import { verifyAuditChain } from '../../src/core/store/audit-chain';
import { openSession } from '../../src/core/auth/open-session';
import type { Session } from '../../src/core/store/session';
import { getSiteParams } from '../../src/core/store/site-settings';
import { getCasebook } from '../../src/core/subjects/casebook';
import { getIdentity } from '../../src/core/subjects/identity';
import { listSubjects } from '../../src/core/subjects/list-subjects';
import { finalInstances, isMissingEntry, seedSite, type SeedSiteResult } from '../../src/tools/synthetic';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { listAllInstances } from '../../src/db/repositories/form-instances.repository';
import type { AuditEntry, EvaluatedFormInstance } from '../../src/db/domain';
import { durabilityOf } from '../../src/db/durability';
import { tempDir } from '../helpers/temp';

const CLOCK = (): Date => new Date('2026-11-25T10:00:00.000Z');
const N = 20;

async function allAudit(session: Session): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (let page = await auditPage(session.store.db, 0, 5000); page.length > 0; page = await auditPage(session.store.db, page[page.length - 1]!.id, 5000)) out.push(...page);
  return out;
}

describe('seedSite', () => {
  const tmp = tempDir();
  let seeded: SeedSiteResult;
  let session: Session;
  let rows: EvaluatedFormInstance[];
  let audit: AuditEntry[];
  const progress: [number, number][] = [];

  beforeAll(async () => {
    seeded = await seedSite({ dir: tmp.dir, siteId: 'IT03', patients: N, seed: 'seed-site-test', clock: CLOCK, signShare: 0.6, lockShare: 0.1, onProgress: (d, t) => progress.push([d, t]) });
    const admin = seeded.users.find((u) => u.role === 'admin')!;
    session = await openSession({ dbFile: seeded.dbFile, username: admin.username, password: admin.password, clock: CLOCK });
    rows = await listAllInstances(session.store.db);
    audit = await allAudit(session);
  }, 600_000);
  afterAll(async () => {
    await session?.close();
    tmp.cleanup();
  });

  it('creates users of every role who can log in, and the site EC approval date', async () => {
    expect(seeded.users.map((u) => u.role).sort()).toEqual(['admin', 'data_entry', 'investigator', 'monitor']);
    for (const u of seeded.users) await (await openSession({ dbFile: seeded.dbFile, username: u.username, password: u.password, clock: CLOCK })).close();
    expect((await getSiteParams(session)).site_ec_approval_date).toBe('2024-01-15');
    expect(seeded.recoveryCode.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toEqual([N, N]);
  });

  it('registers every subject with its identification log', async () => {
    const subjects = await listSubjects(session, {});
    expect(subjects.map((s) => s.id).sort()).toEqual([...seeded.subjects].sort());
    expect(seeded.subjects[0]).toBe('IT03-0001');
    const identity = await getIdentity(session, { subjectId: seeded.subjects[0]! });
    expect(identity.sil_subject_id).toBe('IT03-0001');
    expect(identity.sil_codice_fiscale).toBe(seeded.plans[0]!.identity.sil_codice_fiscale);
  });

  it('stores exactly the plans’ final data (nothing cleared, nothing lost)', () => {
    for (const [i, plan] of seeded.plans.entries()) {
      const subjectId = seeded.subjects[i]!;
      const stored = rows.filter((r) => r.subjectId === subjectId);
      const expected = finalInstances(plan);
      expect(stored.length).toBe(expected.length);
      for (const x of expected) {
        const row = stored.find((r) => r.form === x.form && r.instanceNo === x.instanceNo)!;
        const data: Record<string, unknown> = row.data;
        for (const k of ['subject_id', 'site_code', 'pt_seq', 'resp_seq', 'ae_seq', 'vod_seq', 'st_seq', 'fu_seq', 'ru_seq']) delete data[k];
        const want = Object.fromEntries(Object.entries(x.data).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort((a, b) => Number(a) - Number(b)) : v]));
        expect({ subjectId, form: x.form, n: x.instanceNo, data }).toEqual({ subjectId, form: x.form, n: x.instanceNo, data: want });
      }
    }
    expect(audit.filter((a) => a.reason === 'cleared: hidden by a condition')).toEqual([]);
  });

  it('completes most forms, with no failed hard check and no open soft check on completed forms', async () => {
    const completed = rows.filter((r) => r.status !== 'draft');
    expect(completed.length / rows.length).toBeGreaterThan(0.95);
    for (const subjectId of seeded.subjects) {
      const casebook = await getCasebook(session, { subjectId });
      for (const i of casebook.instances.filter((x) => x.status !== 'draft')) {
        expect({ subjectId, form: i.form, n: i.instanceNo, missing: i.missing, failures: i.failures.filter((f) => f.severity === 'hard' || !f.overridden).map((f) => f.id) }).toEqual({
          subjectId,
          form: i.form,
          n: i.instanceNo,
          missing: [],
          failures: [],
        });
      }
    }
    expect(seeded.entered.flatMap((e) => e.refused)).toEqual([]);
  });

  it('leaves two patients partly entered, with drafts and missing items', async () => {
    const partial = seeded.entered.filter((e) => e.drafts > 0).map((e) => e.subjectId);
    expect(partial).toEqual(seeded.subjects.slice(-2));
    for (const subjectId of partial) {
      const casebook = await getCasebook(session, { subjectId });
      expect(casebook.subject.missingItems).toBeGreaterThan(0);
      expect(casebook.formsComplete).toBe(false);
    }
  });

  it('records soft-check overrides and post-completion corrections with reasons, as planned', () => {
    const overrides = audit.filter((a) => a.action === 'check.override');
    const planned = seeded.plans.reduce((n, p) => n + p.facts.softOverrides.length, 0);
    expect(overrides.length).toBe(planned);
    expect(overrides.every((a) => (a.reason ?? '').length > 10)).toBe(true);
    const share = seeded.plans.filter((p) => p.facts.softOverrides.length > 0).length / N;
    expect(share).toBeLessThanOrEqual(0.3);
    const edits = seeded.plans.reduce((n, p) => n + p.saves.filter((s) => s.complete).reduce((m, s) => m + (s.edits?.length ?? 0), 0), 0);
    const reasoned = audit.filter((a) => a.action === 'field.change' && a.reason !== null);
    expect(reasoned.length).toBe(edits);
    expect(seeded.entered.reduce((n, e) => n + e.edits, 0)).toBe(edits);
  });

  it('uses missing-data reasons and partial dates in a small share of stored values', () => {
    let values = 0;
    let missing = 0;
    let partial = 0;
    for (const r of rows) {
      for (const v of Object.values(r.data)) {
        values += 1;
        if (isMissingEntry(v as never)) missing += 1;
        if (typeof v === 'string' && /^\d{4}(-\d{2})?$/.test(v)) partial += 1;
      }
    }
    expect(missing).toBeGreaterThan(0);
    expect(partial).toBeGreaterThan(0);
    expect(missing / values).toBeLessThan(0.05);
    expect(partial / values).toBeLessThan(0.05);
    const planned = seeded.plans.flatMap((p) => finalInstances(p)).flatMap((x) => Object.values(x.data)).filter((v) => isMissingEntry(v)).length;
    expect(missing).toBe(planned);
    // Configured: 4% of the values where the generator allows a reason / a partial date.
    const q = seeded.plans.map((p) => p.facts.quality);
    const missingShare = q.reduce((n, x) => n + x.missing, 0) / q.reduce((n, x) => n + x.missingEligible, 0);
    const partialShare = q.reduce((n, x) => n + x.partial, 0) / q.reduce((n, x) => n + x.partialEligible, 0);
    expect(missingShare).toBeGreaterThan(0.015);
    expect(missingShare).toBeLessThan(0.08);
    expect(partialShare).toBeGreaterThan(0.01);
    expect(partialShare).toBeLessThan(0.1);
  });

  it('has investigator signatures on about the configured share of completed forms, and some locks', () => {
    const completed = rows.filter((r) => r.status !== 'draft');
    const signed = completed.filter((r) => r.signedBy !== null);
    expect(signed.length / completed.length).toBeGreaterThan(0.45);
    expect(signed.length / completed.length).toBeLessThan(0.75);
    expect(new Set(signed.map((r) => r.signedBy))).toEqual(new Set([seeded.users.find((u) => u.role === 'investigator')!.username]));
    expect(audit.filter((a) => a.action === 'form.sign').length).toBe(signed.length);
    expect(rows.filter((r) => r.status === 'locked').length).toBeGreaterThan(0);
    const eos = rows.filter((r) => r.form === 'eos');
    expect(eos.every((r) => r.createdBy === seeded.users.find((u) => u.role === 'investigator')!.username)).toBe(true);
  });

  it('keeps an intact audit chain', async () => {
    const check = await verifyAuditChain(session.store.db);
    expect(check).toMatchObject({ ok: true });
    expect(check.entries).toBe(audit.length);
  });
});

describe('seedSite speed mode', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('stores the same final data in one save per form, and refuses a clock before the cut-off', async () => {
    const fast = await seedSite({ dir: tmp.dir, siteId: 'IT09', patients: 4, seed: 'fast', clock: CLOCK, fast: true, signShare: 0 });
    const admin = fast.users.find((u) => u.role === 'admin')!;
    const s = await openSession({ dbFile: fast.dbFile, username: admin.username, password: admin.password, clock: CLOCK });
    try {
      const stored = await listAllInstances(s.store.db);
      expect(stored.length).toBe(fast.plans.reduce((n, p) => n + finalInstances(p).length, 0));
      expect(stored.every((r) => r.signedBy === null)).toBe(true);
      expect((await verifyAuditChain(s.store.db)).ok).toBe(true);
      expect(durabilityOf(s.store.db)).toBe('full');
    } finally {
      await s.close();
    }
    await expect(seedSite({ dir: tmp.dir, siteId: 'IT10', patients: 1, seed: 'x', clock: () => new Date('2026-01-01T00:00:00Z') })).rejects.toThrow(/before the data cut-off/);
  }, 300_000);
});
