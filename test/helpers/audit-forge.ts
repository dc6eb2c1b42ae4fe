// Forging audit trails for tamper tests: re-hash a trail after a test edited entries, as an attacker who
// knows the documented hash (SHA-256 over the previous hash and the entry's canonical JSON) would.

import { GENESIS_HASH, hashAuditEntry } from '../../src/core/store/audit-chain';
import type { AuditRecord } from '../../src/shared/contract/bundle-records';

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
