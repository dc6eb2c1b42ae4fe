// `edc central summary`: per site, the last merged bundle, bundles never merged, record counts, quarantine;
// and the content digest.

import { countsBySite, lastMergedBundle, listSites, mergedSequences } from '../../db/repositories/central.repository';
import type { SequenceGap } from '../../shared/contract/bundles';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { missingSequences } from './bundle-sequence';
import { centralDigest } from './central-digest';

export interface CentralSummary {
  readonly study: { id: string; version: string };
  readonly sites: {
    siteId: string;
    siteName: string;
    fingerprint: string;
    lastSequence: number | null;
    lastMergedAt: string | null;
    subjects: number;
    formInstances: number;
    quarantined: number;
    auditEntries: number;
    /** Bundles never merged below the last one (the later snapshot holds their data). */
    missingSequences: SequenceGap[];
  }[];
  readonly totals: { sites: number; subjects: number; formInstances: number; quarantined: number };
  readonly digest: string;
}

export async function centralSummary(session: Session): Promise<CentralSummary> {
  requireRole(session.user.role, 'data.read');
  const db = session.store.db;
  const counts = await countsBySite(db);
  const sites = [];
  for (const site of await listSites(db)) {
    const last = await lastMergedBundle(db, site.siteId);
    const c = counts.find((x) => x.siteId === site.siteId);
    sites.push({
      siteId: site.siteId,
      siteName: site.siteName,
      fingerprint: site.keyFingerprint,
      lastSequence: last?.sequence ?? null,
      lastMergedAt: last?.mergedAt ?? null,
      subjects: c?.subjects ?? 0,
      formInstances: c?.instances ?? 0,
      quarantined: c?.quarantined ?? 0,
      auditEntries: c?.audit ?? 0,
      missingSequences: missingSequences(await mergedSequences(db, site.siteId)),
    });
  }
  return {
    study: { id: session.study.definition.id, version: session.study.definition.version },
    sites,
    totals: {
      sites: sites.length,
      subjects: sites.reduce((n, s) => n + s.subjects, 0),
      formInstances: sites.reduce((n, s) => n + s.formInstances, 0),
      quarantined: sites.reduce((n, s) => n + s.quarantined, 0),
    },
    digest: await centralDigest(db),
  };
}
