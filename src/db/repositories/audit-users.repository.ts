// The users an audit trail names (actors, users added or re-roled, signers). At the centre from the summary the
// merge keeps beside each site's trail (site_audit_users, site_user_changes); on a site store in one pass over its
// own trail. On a central store of millions of entries each full scan costs seconds.

import type { AuditActor, AuditSource, AuditUserFact } from '../domain/audit';
import { handleOf, isPostgres, kyselyOf, type Db } from '../handle';

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

/** The merged trails' users from the merge's summary: one site's, or every site's. */
async function mergedTrailUsers(db: Db, siteId: string | undefined): Promise<AuditUsers> {
  const k = kyselyOf(db);
  let users = k.selectFrom('site_audit_users').select(['site_id', 'user', 'signs', 'sign_details']);
  let changes = k.selectFrom('site_user_changes').select(['site_id', 'user', 'action', 'new_value', 'details']);
  if (siteId !== undefined) {
    users = users.where('site_id', '=', siteId);
    changes = changes.where('site_id', '=', siteId);
  }
  const userRows = await users.orderBy('site_id').orderBy('user').execute();
  const changeRows = await changes.orderBy('site_id').orderBy('id').execute();
  const facts: AuditUserFact[] = changeRows.map((r) => ({ siteId: r.site_id, user: r.user, action: r.action, newValue: r.new_value, details: detailsOf(r.details) }));
  for (const r of userRows) if (Number(r.signs) > 0) facts.push({ siteId: r.site_id, user: r.user, action: 'form.sign', newValue: null, details: detailsOf(r.sign_details) });
  return { actors: userRows.map((r) => ({ siteId: r.site_id, user: r.user })), facts };
}

/** A store's own trail on PostgreSQL (a central store's coordinator trail): the same facts through the query builder. */
async function ownTrailUsersOnPostgres(db: Db): Promise<AuditUsers> {
  const k = kyselyOf(db);
  const actors = await k.selectFrom('audit').select('user').distinct().orderBy('user').execute();
  const managed = await k.selectFrom('audit').select(['user', 'action', 'new_value', 'details']).where('action', 'in', ['user.add', 'user.role']).orderBy('id').execute();
  const signers = await k
    .selectFrom('audit')
    .select(['user', (eb) => eb.fn.max('details').as('details')])
    .where('action', '=', 'form.sign')
    .groupBy('user')
    .execute();
  const facts = [...managed, ...signers.map((r) => ({ ...r, action: 'form.sign', new_value: null }))].map((r) => ({ siteId: null, user: r.user, action: r.action, newValue: r.new_value, details: detailsOf(r.details) }));
  return { actors: actors.map((r) => ({ siteId: null, user: r.user })), facts };
}

type Managed = [id: number, action: string, newValue: string | null, details: string | null];

/**
 * The users of a trail: at the centre from the merge's summary; a site store's own trail in one GROUP BY, per
 * user the greatest signature details and the user.add / user.role entries. It reads the table in storage order
 * (NOT INDEXED): walking the primary key's index instead fetches every row out of order, about twice as slow.
 */
export async function auditUsers(db: Db, source: AuditSource): Promise<AuditUsers> {
  if (source.table === 'site_audit') return mergedTrailUsers(db, source.siteId);
  const handle = handleOf(db);
  if (isPostgres(handle)) return ownTrailUsersOnPostgres(db);
  const rows = handle.sqlite
    .prepare<[], [string, string | null, number, string]>(
      `SELECT user, max(details) FILTER (WHERE action = 'form.sign'), count(*) FILTER (WHERE action = 'form.sign'), ` +
        `json_group_array(json_array(id, action, new_value, details)) FILTER (WHERE action IN ('user.add', 'user.role')) ` +
        `FROM audit NOT INDEXED GROUP BY user ORDER BY user`,
    )
    .raw(true)
    .all();
  const managed: (AuditUserFact & { id: number })[] = [];
  const signers: AuditUserFact[] = [];
  for (const [user, signDetails, signs, list] of rows) {
    for (const [id, action, newValue, details] of JSON.parse(list) as Managed[]) managed.push({ id, siteId: null, user, action, newValue, details: detailsOf(details) });
    if (signs > 0) signers.push({ siteId: null, user, action: 'form.sign', newValue: null, details: detailsOf(signDetails) });
  }
  managed.sort((a, b) => a.id - b.id);
  return { actors: rows.map(([user]) => ({ siteId: null, user })), facts: [...managed.map(({ id: _id, ...fact }) => fact), ...signers] };
}
