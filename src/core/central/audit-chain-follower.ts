// Follows a site's audit trail as a bundle delivers it: ids run 1, 2, 3 …, each entry links to the one
// before, and the entry that ended the last merged bundle is still the same one (history is never
// rewritten). Each entry's own shape and hash were checked by the bundle reader.

import type { AuditRecord } from '../../shared/contract/bundle-records';
import type { BundleManifest } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { GENESIS_HASH } from '../store/audit-chain';

export class AuditChainFollower {
  private next = 1;
  private head = GENESIS_HASH;

  /** `merged`: how far the trail was merged before (entries and the hash of the last one). */
  constructor(
    private readonly site: string,
    private readonly merged: { readonly entries: number; readonly hash: string },
  ) {}

  follow(entry: AuditRecord): void {
    if (entry.id !== this.next || entry.prev_hash !== this.head) throw new AppError('merge.auditBroken', { id: this.next });
    if (entry.id === this.merged.entries && entry.hash !== this.merged.hash) throw new AppError('merge.historyRewritten', { site: this.site, id: entry.id });
    this.head = entry.hash;
    this.next += 1;
  }

  /** After the last entry: the trail reaches what was merged before and ends where the signed manifest says. */
  finish(manifest: BundleManifest): { readonly entries: number; readonly head: string } {
    const entries = this.next - 1;
    if (entries < this.merged.entries) throw new AppError('merge.historyRewritten', { site: this.site, id: entries + 1 });
    if (entries !== manifest.auditHead.entries || this.head !== manifest.auditHead.hash) throw new AppError('bundle.badManifest', { issues: 'audit head differs from the audit payload' });
    return { entries, head: this.head };
  }
}
