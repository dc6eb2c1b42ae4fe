// The readable summary of a merge run, printed by `edc merge` and kept beside its JSON report.

import type { MergeReport } from '../shared/contract/bundles';
import { formatRanges } from '../shared/format';
import type { CliText } from './messages';

export function formatMergeReport(report: MergeReport, t: CliText): string {
  const lines = [t('merge.header', { started: report.startedAt, finished: report.finishedAt }), t('merge.totals', { ...report.totals }), ''];
  for (const o of report.outcomes) {
    if (o.status === 'refused') lines.push(t('merge.refused', { file: o.file, code: o.error?.code, message: o.error?.message }));
    else {
      const c = o.counts!;
      const counts = { site: o.siteId, sequence: o.sequence, subjects: c.subjects, forms: c.formInstances, added: c.added, changed: c.changed, removed: c.removed, quarantined: c.quarantined, audit: c.auditEntries, file: o.file };
      lines.push(t(o.status === 'merged' ? 'merge.merged' : 'merge.unchanged', counts));
      if (o.gap) lines.push(t('merge.gap', { site: o.siteId, sequences: formatRanges([o.gap]) }));
    }
  }
  lines.push('', t('merge.digest', { digest: report.centralDigest }));
  return lines.join('\n');
}
