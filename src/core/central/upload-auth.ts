// Who is uploading, decided from the request's headers alone (before any of its body is read): a
// registered site whose pinned key verifies the request signature, sent within the allowed clock skew,
// and never seen before (each nonce is remembered for as long as its time could still be accepted).

import { listSites } from '../../db/repositories/central.repository';
import { inReadSnapshot, type Db } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import type { Clock } from '../clock';
import { readUploadHeaders, verifyUploadRequest } from '../exchange/upload-request';

export interface UploadSender {
  readonly siteId: string;
  /** The body's SHA-256 the site signed: the body received must have it. */
  readonly bodySha256: string;
}

export interface UploadAuthOptions {
  readonly db: Db;
  readonly clock: Clock;
  /** How far a request's time may be from the centre's clock, either way. */
  readonly skewMs: number;
  /** Sites registered since the last look (by `edc merge` in another process) are looked up at most this often. */
  readonly refreshMs?: number;
}

export class UploadAuthenticator {
  private pinned = new Map<string, string>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: UploadAuthOptions) {}

  /** The sender of a request, or the coded refusal (the server answers 401). */
  async check(method: string, path: string, headers: Readonly<Record<string, string | string[] | undefined>>): Promise<UploadSender> {
    const signed = readUploadHeaders(method, path, headers);
    if (!signed) throw new AppError('upload.unsigned');
    const { fields, signature } = signed;
    const now = this.options.clock().getTime();
    const skewSeconds = Math.round(this.options.skewMs / 1000);
    if (Math.abs(Date.parse(fields.time) - now) > this.options.skewMs) throw new AppError('upload.staleRequest', { time: fields.time, seconds: skewSeconds });
    const key = await this.keyOf(fields.siteId);
    if (key === undefined) throw new AppError('upload.unknownSite', { site: fields.siteId });
    if (!verifyUploadRequest(key, fields, signature)) throw new AppError('upload.badSignature', { site: fields.siteId });
    this.forgetExpired(now);
    if (this.seen.has(fields.nonce)) throw new AppError('upload.replayed', { site: fields.siteId });
    // Remembered until its time falls outside the window: a replay after that is refused as stale.
    this.seen.set(fields.nonce, Date.parse(fields.time) + this.options.skewMs);
    return { siteId: fields.siteId, bodySha256: fields.bodySha256 };
  }

  private async keyOf(siteId: string): Promise<string | undefined> {
    const known = this.pinned.get(siteId);
    // Wall time, not the study clock: this only spaces out look-ups.
    if (known !== undefined || Date.now() - this.loadedAt < (this.options.refreshMs ?? 5000)) return known;
    this.loadedAt = Date.now();
    // On a connection of its own: a merge holding the store's connection does not delay the answer.
    const sites = await inReadSnapshot(this.options.db, (db) => listSites(db));
    this.pinned = new Map(sites.map((s) => [s.siteId, s.publicKeyPem]));
    return this.pinned.get(siteId);
  }

  private forgetExpired(now: number): void {
    for (const [nonce, until] of this.seen) if (until < now) this.seen.delete(nonce);
  }
}
