// A two-site ino-all-it network with the eight known patients entered through saveForm, exported and merged centrally.

import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { setSiteParam } from '../../src/core/store/site-settings';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { createSubject } from '../../src/core/subjects/create-subject';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { isAppError } from '../../src/shared/errors/app-error';
import { createNetwork, type TestNetwork } from '../helpers/network';
import type { Dialect } from '../helpers/postgres';
import { PATIENTS, plannedForms } from './patients';

export interface ReportNetwork {
  readonly net: TestNetwork;
  /** Subject ids in the order of PATIENTS. */
  readonly subjects: readonly string[];
  /** Form saves that could not be completed and stayed drafts, as subject/form#instance: error code. */
  readonly drafts: readonly string[];
  readonly siteDb: string;
}

/** Saves a form complete when the checks allow it, else as a draft (the report counts both). */
async function save(s: Session, subjectId: string, form: string, data: Record<string, unknown>, drafts: string[]): Promise<void> {
  try {
    await saveForm(s, SaveFormInput.parse({ subjectId, form, data, complete: true }));
  } catch (error) {
    if (!isAppError(error) || !error.code.startsWith('form.')) throw error;
    const saved = await saveForm(s, SaveFormInput.parse({ subjectId, form, data }));
    drafts.push(`${subjectId}/${form}#${saved.instance.instanceNo}: ${error.code}`);
  }
}

export async function createReportNetwork(dir: string, dialect: Dialect = 'sqlite'): Promise<ReportNetwork> {
  const net = await createNetwork(dir, loadBuiltInStudy('ino-all-it'), dialect);
  const subjects: string[] = [];
  const drafts: string[] = [];
  let siteDb = '';
  for (const siteId of ['IT01', 'IT02'] as const) {
    const site = await net.addSite(siteId);
    siteDb ||= site.dbFile;
    const admin = await site.login('admin');
    await setSiteParam(admin, 'site_ec_approval_date', '2025-01-01');
    await admin.close();
    const s = await site.login('data_entry');
    try {
      for (const p of PATIENTS.filter((x) => x.site === siteId)) {
        const { id } = await createSubject(s, {});
        subjects.push(id);
        for (const f of plannedForms(p)) await save(s, id, f.form, f.form === 'elig' ? { subject_id: id, ...f.data } : f.data, drafts);
      }
      const exported = await exportBundle(s, join(dir, 'usb'));
      const central = await net.central();
      try {
        await mergeBundle(central, exported.file, { registerSites: new Map([[siteId, site.fingerprint]]) });
      } finally {
        await central.close();
      }
    } finally {
      await s.close();
    }
  }
  return { net, subjects, drafts, siteDb };
}
