// Where a bundle stands in its site's sequence: right after the last merged one, or after a gap. A gap is
// accepted, since every bundle is a full snapshot, but named in the merge report and the central summary.

import type { MergedBundle } from '../../db/domain';
import type { BundleManifest, SequenceGap } from '../../shared/contract/bundles';

/** The bundles of the site never merged before this one (null: it follows the last merged, or is the first). */
export function gapBefore(manifest: BundleManifest, previous: MergedBundle | undefined): SequenceGap | null {
  const after = previous?.sequence ?? 0;
  return manifest.sequence > after + 1 ? { from: after + 1, to: manifest.sequence - 1 } : null;
}

/** The numbers below the last merged one that were never merged, as ranges (`merged`: in ascending order). */
export function missingSequences(merged: readonly number[]): SequenceGap[] {
  const gaps: SequenceGap[] = [];
  let after = 0;
  for (const sequence of merged) {
    if (sequence > after + 1) gaps.push({ from: after + 1, to: sequence - 1 });
    after = sequence;
  }
  return gaps;
}
