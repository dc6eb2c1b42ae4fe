// Forging audit trails for tamper tests: re-hash a trail after a test edited entries, or chain new entries
// onto it, as an attacker who knows the documented hash (SHA-256 over the previous hash and the entry's
// canonical JSON) would — with the entries the site's app would have written for the same changes.

import { GENESIS_HASH, hashAuditEntry } from '../../src/core/store/audit-chain';
import { canonicalJson } from '../../src/shared/canonical-json';
import type { AuditRecord, FormInstanceRecord } from '../../src/shared/contract/bundle-records';
import { entryText, StoredEntry } from '../../src/shared/study/entries';

/** Recomputes the hash chain from the first record on (after a test edited some entries). */
export function rechainAudit(records: readonly AuditRecord[]): AuditRecord[] {
  let prev = GENESIS_HASH;
  return records.map((r, i) => {
    const { hash: _old, ...rest } = { ...r, id: i + 1, prev_hash: prev };
    const hash = hashAuditEntry(rest);
    prev = hash;
    return { ...rest, hash };
  });
}

/** An entry a forger writes: the action and whichever columns it sets (the rest stay null). */
export type ForgedEntry = Pick<AuditRecord, 'action'> & Partial<Pick<AuditRecord, 'subject_id' | 'form_key' | 'instance_no' | 'field' | 'old_value' | 'new_value' | 'reason' | 'details'>>;

/** Chains entries onto the end of a trail, as the site's app appends them (ids and hashes go on from its head). */
export function extendAudit(trail: readonly AuditRecord[], entries: readonly ForgedEntry[], by = { at: '2026-11-30T10:00:00.000Z', user: 'insider' }): AuditRecord[] {
  const head = trail.at(-1);
  let id = head?.id ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const added = entries.map((e) => {
    id += 1;
    const rest = {
      id,
      at: by.at,
      user: by.user,
      action: e.action,
      subject_id: e.subject_id ?? null,
      form_key: e.form_key ?? null,
      instance_no: e.instance_no ?? null,
      field: e.field ?? null,
      old_value: e.old_value ?? null,
      new_value: e.new_value ?? null,
      reason: e.reason ?? null,
      details: e.details ?? null,
      prev_hash: prev,
    };
    prev = hashAuditEntry(rest);
    return { ...rest, hash: prev };
  });
  return [...trail, ...added];
}

/** The entry a site's export writes before it reads its snapshot. */
export function exportEntry(sequence: number): ForgedEntry {
  return { action: 'bundle.export', details: canonicalJson({ sequence }) };
}

const textOf = (value: unknown): string | null => entryText(value === undefined ? undefined : StoredEntry.parse(value));

/**
 * The entries the site's app writes when its records go from `before` to `after`: a creation with every
 * field and the status for a new instance, a change per field and the status for an edited one, a
 * removal for one that is gone.
 */
export function changeEntries(before: readonly FormInstanceRecord[], after: readonly FormInstanceRecord[]): ForgedEntry[] {
  const key = (r: FormInstanceRecord): string => `${r.subject_id}|${r.form_key}|${r.instance_no}`;
  const old = new Map(before.map((r) => [key(r), r]));
  const entries: ForgedEntry[] = [];
  for (const r of after) {
    const where = { subject_id: r.subject_id, form_key: r.form_key, instance_no: r.instance_no };
    const was = old.get(key(r));
    old.delete(key(r));
    if (!was) entries.push({ action: 'form.create', ...where });
    const fields = [...new Set([...Object.keys(was?.data ?? {}), ...Object.keys(r.data)])].sort();
    for (const field of fields) {
      const [from, to] = [textOf(was?.data[field]), textOf(r.data[field])];
      if (from !== to) entries.push({ action: 'field.change', ...where, field, old_value: from, new_value: to });
    }
    if (was?.status !== r.status) entries.push({ action: 'form.status', ...where, old_value: was?.status ?? null, new_value: r.status });
  }
  for (const r of old.values()) entries.push({ action: 'form.remove', subject_id: r.subject_id, form_key: r.form_key, instance_no: r.instance_no, old_value: canonicalJson(r.data) });
  return entries;
}
