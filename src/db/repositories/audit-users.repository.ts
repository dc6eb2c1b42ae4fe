// The users an audit trail names (actors, users added or re-roled, signers) in one pass over the trail: on a
// central store of millions of entries each full scan costs seconds, and the ODM AdminData needs all three.

import type { AuditActor, AuditSource, AuditUserFact } from '../domain/audit';
import { handleOf, isPostgres, type Db } from '../handle';
import { auditActors, auditUserFacts } from './snapshot.repository';

export interface AuditUsers {
  /** Every (site, user) that acted, sorted. */
  readonly actors: readonly AuditActor[];
  /** As auditUserFacts: user.add and user.role entries oldest first, then one form.sign per signer. */
  readonly facts: readonly AuditUserFact[];
}

/** An entry's details decoded; a trail received from a site may hold anything there, which reads as none. */
function detailsOf(details: unknown): Readonly<Record<string, unknown>> {
  if (typeof details !== 'string' || details === '') return {};
  try {
    const parsed = JSON.parse(details) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

type Managed = [id: number, action: string, newValue: string | null, details: string | null];

/**
 * One GROUP BY over the trail: per (site, user), the last signature's details and its user.add / user.role entries.
 * Over the whole trail it reads the table in storage order (NOT INDEXED): walking the primary key's index instead
 * fetches every row out of order, about twice as slow on a central store of millions of entries.
 */
export async function auditUsers(db: Db, source: AuditSource): Promise<AuditUsers> {
  const handle = handleOf(db);
  if (isPostgres(handle)) return { actors: await auditActors(db, source), facts: await auditUserFacts(db, source) };
  const site = source.table === 'site_audit';
  const where = site && source.siteId !== undefined ? 'WHERE site_id = ?' : '';
  const rows = handle.sqlite
    .prepare<unknown[], [string | null, string, string | null, number, string]>(
      `SELECT ${site ? 'site_id' : 'NULL'}, user, max(details) FILTER (WHERE action = 'form.sign'), count(*) FILTER (WHERE action = 'form.sign'), ` +
        `json_group_array(json_array(id, action, new_value, details)) FILTER (WHERE action IN ('user.add', 'user.role')) ` +
        `FROM ${source.table} ${where === '' ? 'NOT INDEXED ' : ''}${where} GROUP BY ${site ? 'site_id, ' : ''}user ORDER BY ${site ? 'site_id, ' : ''}user`,
    )
    .raw(true)
    .all(...(where !== '' ? [(source as { siteId: string }).siteId] : []));
  const managed: (AuditUserFact & { id: number })[] = [];
  const signers: AuditUserFact[] = [];
  for (const [siteId, user, signDetails, signs, list] of rows) {
    for (const [id, action, newValue, details] of JSON.parse(list) as Managed[]) managed.push({ id, siteId, user, action, newValue, details: detailsOf(details) });
    if (signs > 0) signers.push({ siteId, user, action: 'form.sign', newValue: null, details: detailsOf(signDetails) });
  }
  managed.sort((a, b) => (a.siteId === b.siteId ? a.id - b.id : (a.siteId ?? '') < (b.siteId ?? '') ? -1 : 1));
  return { actors: rows.map(([siteId, user]) => ({ siteId, user })), facts: [...managed.map(({ id: _id, ...fact }) => fact), ...signers] };
}
