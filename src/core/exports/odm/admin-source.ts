// Sites and site users (trail actors, users added, signers, with names and roles where known) for AdminData.

import { listSites } from '../../../db/repositories/central.repository';
import { getAllMeta } from '../../../db/repositories/meta.repository';
import { instanceSigners, type AuditSource } from '../../../db/repositories/snapshot.repository';
import { auditUsers } from '../../../db/repositories/audit-users.repository';
import { listDefinitionVersions } from '../../../db/repositories/study-definition.repository';
import { listUsers } from '../../../db/repositories/users.repository';
import type { Db } from '../../../db/transaction';

export interface OdmSite {
  readonly siteId: string;
  readonly name: string;
  /** Date (YYYY-MM-DD) the exported definition version was installed in the store (else the site's set-up or registration). */
  readonly since: string;
}

export interface OdmUser {
  readonly siteId: string;
  readonly username: string;
  displayName?: string;
  role?: string;
}

export interface OdmAdmin {
  readonly sites: readonly OdmSite[];
  readonly users: readonly OdmUser[];
}

export type OdmScope = { readonly kind: 'site' } | { readonly kind: 'central'; readonly siteId?: string };

class UserIndex {
  private readonly byKey = new Map<string, OdmUser>();
  get(siteId: string, username: string): OdmUser {
    const key = `${siteId}\u0000${username}`;
    let user = this.byKey.get(key);
    if (!user) {
      user = { siteId, username };
      this.byKey.set(key, user);
    }
    return user;
  }
  list(): OdmUser[] {
    return [...this.byKey.values()].sort((a, b) => (a.siteId === b.siteId ? (a.username < b.username ? -1 : 1) : a.siteId < b.siteId ? -1 : 1));
  }
}

async function collectAuditUsers(db: Db, source: AuditSource, users: UserIndex, siteOf: (actor: { siteId: string | null }) => string): Promise<void> {
  const { actors, facts } = await auditUsers(db, source);
  for (const row of actors) users.get(siteOf(row), row.user);
  for (const fact of facts) {
    const { details } = fact;
    if (fact.action === 'form.sign') {
      if (typeof details.displayName === 'string') users.get(siteOf(fact), fact.user).displayName = details.displayName;
      continue;
    }
    if (typeof details.username !== 'string') continue;
    const user = users.get(siteOf(fact), details.username);
    const role = fact.action === 'user.role' ? fact.newValue : details.role;
    if (typeof role === 'string') user.role = role;
  }
}

export async function readAdmin(db: Db, scope: OdmScope, definitionVersion: string, now: Date): Promise<OdmAdmin> {
  const users = new UserIndex();
  const installed = (await listDefinitionVersions(db)).find((v) => v.version === definitionVersion)?.installedAt;
  const dateOf = (fallback: string | undefined): string => [installed, fallback, now.toISOString()].find((iso) => iso !== undefined && /^\d{4}-\d{2}-\d{2}/.test(iso))!.slice(0, 10);
  if (scope.kind === 'site') {
    const meta = await getAllMeta(db);
    const siteId = meta.site_id ?? 'SITE';
    await collectAuditUsers(db, { table: 'audit' }, users, () => siteId);
    for (const s of await instanceSigners(db)) users.get(siteId, s.user);
    for (const u of await listUsers(db)) {
      const user = users.get(siteId, u.username);
      user.displayName = u.displayName;
      user.role = u.role;
    }
    return { sites: [{ siteId, name: meta.site_name ?? siteId, since: dateOf(meta.created_at) }], users: users.list() };
  }
  const sites = (await listSites(db)).filter((s) => scope.siteId === undefined || s.siteId === scope.siteId);
  await collectAuditUsers(db, { table: 'site_audit', ...(scope.siteId !== undefined ? { siteId: scope.siteId } : {}) }, users, (actor) => actor.siteId ?? '');
  for (const s of await instanceSigners(db, scope.siteId)) users.get(s.siteId, s.user);
  return { sites: sites.map((s) => ({ siteId: s.siteId, name: s.siteName, since: dateOf(s.registeredAt) })), users: users.list() };
}
