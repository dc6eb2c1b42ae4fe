// How the site applies each section of a return bundle, inside the import's one transaction, auditing what
// changes. The section names and record schemas are the format's (shared/contract/return-bundles.ts); the
// centre collects them in core/central/return-sections.ts. Applying the same records again changes nothing.

import { findExport, findReceipt, upsertReceipt } from '../../db/repositories/bundle-log.repository';
import { deleteCentralLock, insertCentralLock, insertReviewMark, listCentralLocks } from '../../db/repositories/return-exchange.repository';
import type { Tx } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';
import { lockConcernsSite, type ReturnRecord, type ReturnSectionName } from '../../shared/contract/return-bundles';
import { appendAudit } from '../store/audit-chain';
import { verifyReceipt } from '../exchange/receipts';
import { applyTransferredQueriesAs } from '../queries/query-transfer';
import type { Session } from '../store/session';
import type { AmendmentOutcome } from '../../shared/contract/amendments';
import { applyAmendments } from './apply-amendment';

export interface ApplyContext {
  readonly tx: Tx;
  readonly siteId: string;
  readonly at: string;
  readonly user: string;
  readonly coordinatorPublicKeyPem: string;
  /** The importing session (amendments evaluate and migrate the site's records with it). */
  readonly session: Session;
  /** What each amendment did, collected for the import result. */
  readonly amendments: AmendmentOutcome[];
}

/** Applies a section's records; returns how many changed the store. */
export type ReturnApplier<N extends ReturnSectionName> = (ctx: ApplyContext, records: readonly ReturnRecord<N>[]) => Promise<number>;

/** Receipts of this site's own exports, each signature checked again; a receipt already held is kept. */
const applyReceipts: ReturnApplier<'receipts'> = async (ctx, receipts) => {
  let applied = 0;
  for (const raw of receipts) {
    const { receipt: body } = verifyReceipt(raw, ctx.coordinatorPublicKeyPem);
    if (body.siteId !== ctx.siteId) continue;
    const exported = await findExport(ctx.tx, body.sequence);
    if (!exported || exported.manifestSha256 !== body.manifestSha256) continue;
    const held = await findReceipt(ctx.tx, body.sequence);
    if (held && canonicalJson(held.receipt) === canonicalJson(raw)) continue;
    await upsertReceipt(ctx.tx, { sequence: body.sequence, manifestSha256: body.manifestSha256, mergedAt: body.mergedAt, importedAt: ctx.at, importedBy: ctx.user, receipt: raw });
    await appendAudit(ctx.tx, ctx.at, ctx.user, [{ action: 'receipt.import', details: { sequence: body.sequence, mergedAt: body.mergedAt, quarantined: body.counts.quarantined, via: 'return' } }]);
    applied += 1;
  }
  return applied;
};

/** Source-verification marks of this site's forms; an instance keeps its first mark. */
const applyReviews: ReturnApplier<'reviews'> = async (ctx, marks) => {
  let applied = 0;
  for (const mark of marks) {
    if (mark.siteId !== ctx.siteId) continue;
    if (!(await insertReviewMark(ctx.tx, mark))) continue;
    // Not `review.mark`: that action is a mark made here, which the site bundle carries to the centre.
    await appendAudit(ctx.tx, ctx.at, ctx.user, [
      { action: 'review.received', subject_id: mark.subjectId, form_key: mark.form, instance_no: mark.instanceNo, details: { side: mark.side, markedBy: mark.markedBy, markedAt: mark.markedAt } },
    ]);
    applied += 1;
  }
  return applied;
};

/** The centre's locks of this site, as a whole: new ones are added, lifted ones removed. */
const applyLocks: ReturnApplier<'locks'> = async (ctx, locks) => {
  const incoming = new Map(locks.filter((l) => lockConcernsSite(l, ctx.siteId)).map((l) => [l.lockId, l]));
  const held = new Map((await listCentralLocks(ctx.tx)).map((l) => [l.lockId, l]));
  let applied = 0;
  for (const [id, lock] of held) {
    if (incoming.has(id)) continue;
    await deleteCentralLock(ctx.tx, id);
    await appendAudit(ctx.tx, ctx.at, ctx.user, [{ action: 'lock.lifted', subject_id: lock.scope === 'subject' ? lock.target : null, details: { lockId: id, scope: lock.scope, target: lock.target } }]);
    applied += 1;
  }
  for (const [id, lock] of incoming) {
    if (held.has(id)) continue;
    await insertCentralLock(ctx.tx, lock);
    await appendAudit(ctx.tx, ctx.at, ctx.user, [
      { action: 'lock.received', subject_id: lock.scope === 'subject' ? lock.target : null, reason: lock.reason, details: { lockId: id, scope: lock.scope, target: lock.target, lockedBy: lock.lockedBy, lockedAt: lock.lockedAt } },
    ]);
    applied += 1;
  }
  return applied;
};

export const RETURN_APPLIERS: { readonly [N in ReturnSectionName]: ReturnApplier<N> } = {
  receipts: applyReceipts,
  reviews: applyReviews,
  locks: applyLocks,
  queries: async (ctx, records) => (await applyTransferredQueriesAs(ctx, ctx.tx, records)).newEvents,
  amendments: async (ctx, docs) => {
    const outcomes = await applyAmendments(ctx, docs);
    ctx.amendments.push(...outcomes);
    return outcomes.filter((o) => o.status === 'applied').length;
  },
};
