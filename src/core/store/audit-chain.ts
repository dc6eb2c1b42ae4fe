// The hash-chained audit trail: each entry's hash covers the previous hash and the canonical JSON of the
// entry (DESIGN.md "Audit trail"), so any changed, deleted or reordered entry breaks the chain.

import { hash } from 'node:crypto';
import type { AuditEntry } from '../../db/domain';
import { auditPage, insertAuditEntries, lastAuditEntry } from '../../db/repositories/audit.repository';
import { getMeta, setMeta } from '../../db/repositories/meta.repository';
import type { Db, Tx } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntryInput {
  readonly action: string;
  readonly subject_id?: string | null;
  readonly form_key?: string | null;
  readonly instance_no?: number | null;
  readonly field?: string | null;
  readonly old_value?: string | null;
  readonly new_value?: string | null;
  readonly reason?: string | null;
  readonly details?: Readonly<Record<string, unknown>> | null;
}

type Unhashed = Omit<AuditEntry, 'hash'>;

/**
 * The canonical JSON of an audit entry without its hashes, written out with the keys in sorted order:
 * identical to canonicalJson() on these flat rows, and fast enough to verify millions of entries.
 */
export function canonicalAuditJson(e: Omit<Unhashed, 'prev_hash'>): string {
  const j = JSON.stringify;
  return (
    `{"action":${j(e.action)},"at":${j(e.at)},"details":${j(e.details)},"field":${j(e.field)},"form_key":${j(e.form_key)},"id":${j(e.id)},` +
    `"instance_no":${j(e.instance_no)},"new_value":${j(e.new_value)},"old_value":${j(e.old_value)},"reason":${j(e.reason)},"subject_id":${j(e.subject_id)},"user":${j(e.user)}}`
  );
}

/** SHA-256 over the previous hash followed by the entry's canonical JSON (one-shot: no hasher object per entry). */
export function hashAuditEntry(entry: Unhashed): string {
  return hash('sha256', entry.prev_hash + canonicalAuditJson(entry), 'hex');
}

/** Appends entries inside the caller's write transaction and moves the recorded head. */
export async function appendAudit(tx: Tx, at: string, user: string, entries: readonly AuditEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await lastAuditEntry(tx);
  let id = head?.id ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const rows: AuditEntry[] = [];
  for (const e of entries) {
    id += 1;
    const row: Unhashed = {
      id,
      at,
      user,
      action: e.action,
      subject_id: e.subject_id ?? null,
      form_key: e.form_key ?? null,
      instance_no: e.instance_no ?? null,
      field: e.field ?? null,
      old_value: e.old_value ?? null,
      new_value: e.new_value ?? null,
      reason: e.reason ?? null,
      details: e.details ? canonicalJson(e.details) : null,
      prev_hash: prev,
    };
    const hash = hashAuditEntry(row);
    rows.push({ ...row, hash });
    prev = hash;
  }
  await insertAuditEntries(tx, rows);
  await setMeta(tx, 'audit_head', `${id}:${prev}`);
}

export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly headHash: string }
  | { readonly ok: false; readonly entries: number; readonly brokenAt: number; readonly reason: 'gap' | 'order' | 'link' | 'hash' | 'head' };

/** Walks the whole trail: ids must run 1, 2, 3 …; each link and hash must hold; the last must be the recorded head. */
export async function verifyAuditChain(db: Db): Promise<AuditVerification> {
  let expectedId = 1;
  let prev = GENESIS_HASH;
  let afterId = 0;
  for (;;) {
    const page = await auditPage(db, afterId, 5000);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.id !== expectedId) return { ok: false, entries: expectedId - 1, brokenAt: expectedId, reason: row.id > expectedId ? 'gap' : 'order' };
      if (row.prev_hash !== prev) return { ok: false, entries: expectedId - 1, brokenAt: row.id, reason: 'link' };
      const { hash, ...rest } = row;
      if (hashAuditEntry(rest) !== hash) return { ok: false, entries: expectedId - 1, brokenAt: row.id, reason: 'hash' };
      prev = hash;
      expectedId += 1;
      afterId = row.id;
    }
  }
  const entries = expectedId - 1;
  const recorded = await getMeta(db, 'audit_head');
  const actual = `${entries}:${prev}`;
  if ((recorded ?? `0:${GENESIS_HASH}`) !== actual) {
    // The recorded head names a later entry than the trail holds: entries were cut off the end.
    return { ok: false, entries, brokenAt: entries + 1, reason: 'head' };
  }
  return { ok: true, entries, headHash: prev };
}
