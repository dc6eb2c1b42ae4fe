// The counts a signed manifest states, against what the bundle delivered (the reader already held each
// file to its own record count; these are the figures a receipt and the site's export log repeat).

import type { BundleManifest, MergeCounts } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { problemDetail } from '../../shared/errors/codes';

export function checkManifestCounts(manifest: BundleManifest, received: MergeCounts): void {
  const stated = manifest.counts;
  // Quarantined instances were received too: the manifest counts every record of the file.
  const forms = received.formInstances + received.quarantined;
  if (stated.subjects === received.subjects && stated.formInstances === forms && stated.auditEntries === received.auditEntries) return;
  throw new AppError('bundle.badManifest', {
    issues: problemDetail('countsDiffer', {
      subjects: stated.subjects,
      forms: stated.formInstances,
      audit: stated.auditEntries,
      gotSubjects: received.subjects,
      gotForms: forms,
      gotAudit: received.auditEntries,
    }),
  });
}
