// The merge's checks of a bundle against itself and its site's history, beyond the signature and the audit
// chain: its place in the sequence (gaps), its exports in its trail (no replay; the previous-bundle hash),
// its records against its audit trail, and its stated counts. The merge feeds it what the reader yields.

import type { MergedBundle } from '../../db/domain';
import type { AuditRecord, FormInstanceRecord, SubjectRecord } from '../../shared/contract/bundle-records';
import type { BundleManifest, MergeCounts, SequenceGap } from '../../shared/contract/bundles';
import { AuditConsistency } from './audit-consistency';
import { gapBefore } from './bundle-sequence';
import { ExportTrail } from './export-trail';
import { checkManifestCounts } from './manifest-counts';

export class MergeChecks {
  /** Bundles of the site skipped before this one, named in the merge report. */
  readonly gap: SequenceGap | null;
  private readonly consistency: AuditConsistency;
  private readonly exports: ExportTrail;

  /** `previous`: the site's last merged bundle. */
  constructor(
    private readonly manifest: BundleManifest,
    previous: MergedBundle | undefined,
  ) {
    this.gap = gapBefore(manifest, previous);
    this.consistency = new AuditConsistency(manifest.site.id);
    this.exports = new ExportTrail(manifest, this.gap === null ? previous : undefined);
  }

  subjects(records: readonly SubjectRecord[]): void {
    this.consistency.subjects(records);
  }

  instances(records: readonly FormInstanceRecord[]): void {
    this.consistency.instances(records);
  }

  audit(entries: readonly AuditRecord[]): void {
    this.consistency.audit(entries);
    this.exports.audit(entries);
  }

  /** After the last payload: the counts, the exports in the trail, then the records against the trail. */
  finish(counts: MergeCounts): void {
    checkManifestCounts(this.manifest, counts);
    this.exports.finish();
    this.consistency.finish();
  }
}
