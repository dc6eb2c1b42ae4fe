// A bundle's exports in its own audit trail. Exporting appends `bundle.export` (the new number) before the
// snapshot is read, and `bundle.written` (the file's hash and its manifest's) once the file is written; so a
// genuine bundle carries the entry of its own export, and the entry that wrote the bundle before it.
//  - Old content re-signed under a new number has no export entry of that number: refused as a replay (a
//    forged entry would have to be chained in, and then stays in the central audit trail for all to see).
//  - Right after the last merged bundle, the manifest must name that bundle as the previous one: its file
//    hash, or, when the centre merged another encryption of the same bundle (stock tools re-encrypt), the
//    file hash the site's trail wrote for that very manifest.

import { z } from 'zod';
import type { MergedBundle } from '../../db/domain';
import type { AuditRecord } from '../../shared/contract/bundle-records';
import type { BundleManifest } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';

const ExportDetails = z.object({ sequence: z.number().int() });
const WrittenDetails = z.object({ sequence: z.number().int(), sha256: z.string(), manifestSha256: z.string() });

function detailsOf<T>(schema: z.ZodType<T>, details: string | null): T | undefined {
  if (details === null) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(details);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export class ExportTrail {
  private exported = false;
  /** The merged bundle this one has yet to be shown to follow. */
  private unlinked: MergedBundle | undefined;

  /** `follows`: the merged bundle this one comes right after (undefined after a gap, or for a site's first). */
  constructor(
    private readonly manifest: BundleManifest,
    follows: MergedBundle | undefined,
  ) {
    this.unlinked = follows && manifest.previousBundleSha256 !== follows.bundleSha256 ? follows : undefined;
  }

  audit(entries: readonly AuditRecord[]): void {
    for (const e of entries) {
      if (e.action === 'bundle.export') {
        if (!this.exported) this.exported = detailsOf(ExportDetails, e.details)?.sequence === this.manifest.sequence;
      } else if (e.action === 'bundle.written' && this.unlinked) {
        const written = detailsOf(WrittenDetails, e.details);
        const wroteIt = written !== undefined && written.sequence === this.unlinked.sequence && written.manifestSha256 === this.unlinked.manifestSha256;
        if (wroteIt && written.sha256 === this.manifest.previousBundleSha256) this.unlinked = undefined;
      }
    }
  }

  finish(): void {
    const site = this.manifest.site.id;
    if (!this.exported) throw new AppError('merge.replayed', { site, got: this.manifest.sequence });
    if (this.unlinked) throw new AppError('merge.previousBundleMismatch', { site, got: this.manifest.sequence, have: this.unlinked.sequence });
  }
}
