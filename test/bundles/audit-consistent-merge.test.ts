// The merge holds a bundle's records to its own audit trail and to its site's sequence: an insider with
// the site's keys who edits the data without an audit entry is refused; one who forges a chained entry is
// merged, and the forged entry stays in the central audit trail. Counts, the previous-bundle hash and a
// replayed export are checked too; gaps in the sequence are merged and named.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { requireSiteKeys } from '../../src/core/bundles/site-identity';
import { centralDigest } from '../../src/core/central/central-digest';
import { centralSummary } from '../../src/core/central/central-summary';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { mergeRun } from '../../src/core/central/merge-run';
import type { Session } from '../../src/core/store/session';
import { formatMergeReport } from '../../src/cli/merge-summary';
import { listMergedBundles } from '../../src/db/repositories/central.repository';
import type { AuditRecord, FormInstanceRecord, SubjectRecord } from '../../src/shared/contract/bundle-records';
import { AppError } from '../../src/shared/errors/app-error';
import { translate } from '../../src/shared/i18n/catalogue';
import { changeEntries, extendAudit, type ForgedEntry } from '../helpers/audit-forge';
import { enrolSubjects } from '../helpers/bundle-data';
import { BundleForge, forgeKeys, openBundle, parseNdjson, recordsToNdjson, sha256, type ForgeKeys, type ForgeOptions } from '../helpers/bundle-forge';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { withRawConnection } from '../helpers/raw-connection';
import { tempDir } from '../helpers/temp';

describe('merging only what the audit trail explains', () => {
  const tmp = tempDir();
  const usb = join(tmp.dir, 'usb');
  let net: TestNetwork;
  let central: Session;
  let site: Session;
  let keys: ForgeKeys;
  let siteIdentity: string;
  /** Bundle #1, merged; bundle #2, exported by the site and opened with the site's own age identity (not merged). */
  let first: Buffer;
  let insider: BundleForge;

  const centralState = async (): Promise<{ digest: string; merged: number }> => ({
    digest: await centralDigest(central.store.db),
    merged: (await listMergedBundles(central.store.db)).length,
  });

  async function refusal(bytes: Uint8Array): Promise<AppError> {
    try {
      const result = await mergeBundle(central, bytes);
      throw new Error(`accepted: ${result.status} #${result.sequence}`);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
  }

  /** Refused with this code, and the central store exactly as it was. */
  async function expectRefused(bytes: Uint8Array, code: string): Promise<AppError> {
    const before = await centralState();
    const error = await refusal(bytes);
    expect(error.code).toBe(code);
    expect(await centralState()).toEqual(before);
    return error;
  }

  const instancesOf = (forge: BundleForge): FormInstanceRecord[] => parseNdjson<FormInstanceRecord>(forge.base.files['form_instances.ndjson']);
  const trailOf = (forge: BundleForge): AuditRecord[] => parseNdjson<AuditRecord>(forge.base.files['audit.ndjson']);
  const dmOf = (records: readonly FormInstanceRecord[]): FormInstanceRecord => records.find((r) => r.form_key === 'dm')!;
  const recordName = (r: FormInstanceRecord): string => `${r.subject_id} ${r.form_key} #${r.instance_no}`;
  const withWeight = (records: readonly FormInstanceRecord[], weight: number): FormInstanceRecord[] => records.map((r) => (r === dmOf(records) ? { ...r, data: { ...r.data, weight_kg: weight } } : r));

  /** A bundle exported by the site now, opened as an insider would: with the site's own age identity. */
  async function insiderCopyOfNextExport(): Promise<BundleForge> {
    const exported = await exportBundle(site, usb);
    return new BundleForge(await openBundle(readFileSync(exported.file), siteIdentity), keys);
  }

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    const it01 = await net.addSite('IT01');
    site = await it01.login('data_entry');
    central = await net.central();
    await enrolSubjects(site, 3, { seed: 31 });
    const one = await exportBundle(site, usb);
    await mergeBundle(central, one.file, { registerSites: new Map([['IT01', it01.fingerprint]]) });
    first = readFileSync(one.file);
    await enrolSubjects(site, 1, { seed: 32 });
    keys = await forgeKeys(central, site);
    siteIdentity = (await requireSiteKeys(site.store.db)).ageIdentity;
    insider = await insiderCopyOfNextExport();
  }, 60_000);

  afterAll(async () => {
    await site.close();
    await central.close();
    tmp.cleanup();
  });

  describe('records against their audit trail', () => {
    it('refuses a value changed in the data without an audit entry (re-signed with the site key) as auditMismatch naming it', async () => {
      const records = instancesOf(insider);
      const dm = dmOf(records);
      expect(dm.data.weight_kg).not.toBe(55.5);
      const error = await expectRefused(await insider.forge({ files: { 'form_instances.ndjson': recordsToNdjson(withWeight(records, 55.5)) } }), 'merge.auditMismatch');
      expect(error.details).toMatchObject({ site: 'IT01', count: 1 });
      expect(error.messageIn('en')).toContain(`${recordName(dm)} weight_kg: the value is not the last one recorded in the audit trail`);
      expect(error.messageIn('it')).toContain(`${recordName(dm)} weight_kg: il valore non è l’ultimo registrato nella traccia di audit`);
    });

    it.each<{ what: string; edit: (records: FormInstanceRecord[], trail: AuditRecord[], subjects: SubjectRecord[]) => ForgeOptions['files']; names: (records: FormInstanceRecord[]) => string }>([
      {
        what: 'a value deleted from the data without an audit entry',
        edit: (records) => ({ 'form_instances.ndjson': recordsToNdjson(records.map((r) => (r === dmOf(records) ? { ...r, data: Object.fromEntries(Object.entries(r.data).filter(([k]) => k !== 'height_cm')) } : r))) }),
        names: (records) => `${recordName(dmOf(records))} height_cm: the audit trail leaves a value the record does not hold`,
      },
      {
        what: 'an instance dropped from the bundle without a removal entry',
        edit: (records) => ({ 'form_instances.ndjson': recordsToNdjson(records.filter((r) => r !== records.find((x) => x.form_key === 'ae'))) }),
        names: (records) => `${recordName(records.find((x) => x.form_key === 'ae')!)}: created in the audit trail, missing from the bundle`,
      },
      {
        what: 'an instance added to the bundle without a creation entry',
        edit: (records) => {
          const cycle = records.filter((r) => r.form_key === 'cyc').at(-1)!;
          return { 'form_instances.ndjson': recordsToNdjson([...records, { ...cycle, instance_no: 9, data: { ...cycle.data, cyc_no: 9 } }]) };
        },
        names: (records) => `${records.filter((r) => r.form_key === 'cyc').at(-1)!.subject_id} cyc #9: its creation is not in the audit trail`,
      },
      {
        what: 'a status changed to signed without a signature entry',
        edit: (records) => ({ 'form_instances.ndjson': recordsToNdjson(records.map((r) => (r === dmOf(records) ? { ...r, status: 'signed', signed_by: 'ivo', signed_at: r.updated_at } : r))) }),
        names: (records) => `${recordName(dmOf(records))}: status signed is not the last one recorded in the audit trail`,
      },
      {
        what: 'an instance kept in the bundle after a removal entry',
        edit: (records, trail) => {
          const ae = records.find((x) => x.form_key === 'ae')!;
          const removal: ForgedEntry = { action: 'form.remove', subject_id: ae.subject_id, form_key: 'ae', instance_no: ae.instance_no, reason: 'entered twice' };
          return { 'audit.ndjson': recordsToNdjson(extendAudit(trail, [removal])) };
        },
        names: (records) => `${recordName(records.find((x) => x.form_key === 'ae')!)}: removed in the audit trail, yet in the bundle`,
      },
      {
        what: 'a subject added to the bundle without an enrolment entry',
        edit: (_records, _trail, subjects) => ({ 'subjects.ndjson': recordsToNdjson([...subjects, { ...subjects.at(-1)!, id: 'IT01-0042', seq: 42 }]) }),
        names: () => 'subject IT01-0042: its enrolment is not in the audit trail',
      },
    ])('refuses $what as auditMismatch, naming it', async ({ edit, names }) => {
      const records = instancesOf(insider);
      const files = edit(records, trailOf(insider), parseNdjson<SubjectRecord>(insider.base.files['subjects.ndjson']));
      const error = await expectRefused(await insider.forge({ files: files ?? {} }), 'merge.auditMismatch');
      expect(error.details).toMatchObject({ count: 1 });
      expect(error.messageIn('en')).toContain(names(records));
    });

    it('names the first five mismatches and counts them all', async () => {
      const records = instancesOf(insider);
      const edited = records.map((r) => (r.form_key === 'cyc' ? { ...r, data: { ...r.data, d1_dose_mg: 1.9 } } : r));
      const changed = records.filter((r) => r.form_key === 'cyc' && r.data.d1_dose_mg !== 1.9).length;
      expect(changed).toBeGreaterThan(5);
      const error = await expectRefused(await insider.forge({ files: { 'form_instances.ndjson': recordsToNdjson(edited) } }), 'merge.auditMismatch');
      expect(error.details.count).toBe(changed);
      expect(error.details.mismatches).toHaveLength(5);
    });
  });

  describe('the manifest and the sequence', () => {
    it('refuses counts that differ from the payloads, re-signed by the site, as badManifest', async () => {
      const bytes = await insider.forge({ manifest: (m) => ({ ...m, counts: { ...m.counts, subjects: m.counts.subjects + 1 } }) });
      const error = await expectRefused(bytes, 'bundle.badManifest');
      expect(error.messageIn('en')).toMatch(/counts .* differ from the payloads/);
    });

    it('refuses the next bundle when it names another bundle than the one merged last as previousBundleMismatch', async () => {
      expect(insider.base.manifest.previousBundleSha256).toBe(sha256(first));
      await expectRefused(await insider.forge({ manifest: (m) => ({ ...m, previousBundleSha256: sha256(Buffer.from('another bundle')) }) }), 'merge.previousBundleMismatch');
    });

    it('refuses old content re-signed under a new number without an export entry of its own as replayed', async () => {
      const replay = new BundleForge(await openBundle(first, keys.identity), keys);
      await expectRefused(await replay.forge({ manifest: (m) => ({ ...m, sequence: 2, previousBundleSha256: sha256(first) }) }), 'merge.replayed');
    });
  });

  describe('gaps, then an insider who forges the audit entry too', () => {
    it('merges a bundle after a gap and names the bundles never merged in the report and the central summary', async () => {
      await exportBundle(site, usb);
      const fourth = await exportBundle(site, usb);
      const report = await mergeRun(central, [fourth.file], { receiptsDir: join(tmp.dir, 'receipts') });
      expect(report.outcomes[0]).toMatchObject({ status: 'merged', sequence: 4, gap: { from: 2, to: 3 } });
      expect(formatMergeReport(report, (key, params) => translate('en', 'cli', key, params))).toContain('bundles 2–3 of IT01 were never merged');
      expect((await centralSummary(central)).sites).toMatchObject([{ siteId: 'IT01', lastSequence: 4, missingSequences: [{ from: 2, to: 3 }] }]);
    });

    it('merges the bundle after one the centre received encrypted anew (its file hash differs), by the hash its trail wrote', async () => {
      const fifth = new BundleForge(await openBundle(readFileSync((await exportBundle(site, usb)).file), keys.identity), keys);
      expect(await mergeBundle(central, await fifth.sealWithLibrary(fifth.base.tarGz))).toMatchObject({ status: 'merged', sequence: 5 });
      const sixth = await exportBundle(site, usb);
      expect(await mergeBundle(central, sixth.file)).toMatchObject({ status: 'merged', sequence: 6, gap: null });
      expect((await centralSummary(central)).sites).toMatchObject([{ lastSequence: 6, missingSequences: [{ from: 2, to: 3 }] }]);
    });

    it('merges a value changed with a forged chained audit entry, which then stands in the central audit trail', async () => {
      const copy = await insiderCopyOfNextExport();
      const records = instancesOf(copy);
      const edited = withWeight(records, 55.5);
      const forged = changeEntries(records, edited);
      expect(forged).toEqual([expect.objectContaining({ action: 'field.change', field: 'weight_kg', new_value: '55.5' })]);
      const trail = extendAudit(trailOf(copy), forged, { at: '2026-11-30T22:00:00.000Z', user: 'dora' });
      const result = await mergeBundle(central, await copy.forge({ files: { 'form_instances.ndjson': recordsToNdjson(edited), 'audit.ndjson': recordsToNdjson(trail) } }));
      expect(result).toMatchObject({ status: 'merged', sequence: 7, counts: { changed: 1 } });
      const dm = dmOf(edited);
      const stored = withRawConnection(central, (sqlite) => ({
        entry: sqlite.prepare("SELECT id, user, field, new_value FROM site_audit WHERE site_id = 'IT01' ORDER BY id DESC LIMIT 1").get(),
        data: sqlite.prepare("SELECT data FROM form_instances WHERE subject_id = ? AND form_key = 'dm'").pluck().get(dm.subject_id) as string,
      }));
      expect(stored.entry).toEqual({ id: trail.at(-1)!.id, user: 'dora', field: 'weight_kg', new_value: '55.5' });
      expect(JSON.parse(stored.data)).toMatchObject({ weight_kg: 55.5 });
    });
  });
});
