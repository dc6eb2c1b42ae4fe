// Migration 20261214-10: the users each site's trail names, kept beside the trail at every merge, so the ODM
// AdminData reads a few rows instead of scanning millions of entries; existing central trails are summarised once.

import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('site_audit_users')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('user', 'text', (c) => c.notNull())
    .addColumn('signs', 'integer', (c) => c.notNull())
    .addColumn('sign_details', 'text')
    .addPrimaryKeyConstraint('site_audit_users_pk', ['site_id', 'user'])
    .execute();
  await db.schema
    .createTable('site_user_changes')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('user', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('new_value', 'text')
    .addColumn('details', 'text')
    .addPrimaryKeyConstraint('site_user_changes_pk', ['site_id', 'id'])
    .execute();
  // The same summary the merge writes (site-snapshot.writer.ts), from the trails merged so far.
  await sql`INSERT INTO site_audit_users (site_id, "user", signs, sign_details)
    SELECT site_id, "user", count(*) FILTER (WHERE action = 'form.sign'), max(details) FILTER (WHERE action = 'form.sign')
    FROM site_audit GROUP BY site_id, "user"`.execute(db);
  await sql`INSERT INTO site_user_changes (site_id, id, "user", action, new_value, details)
    SELECT site_id, id, "user", action, new_value, details FROM site_audit WHERE action IN ('user.add', 'user.role')`.execute(db);
}
