// Migration: data queries and their events (open → answered → closed / reopened), in site and central
// stores alike; ids are made where a query or event happens and stay the same in every store.

import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // No foreign key to subjects: a merge replaces a site's snapshot, and a query outlives it.
  await db.schema
    .createTable('queries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('form_key', 'text')
    .addColumn('instance_no', 'integer')
    .addColumn('field', 'text')
    .addColumn('check_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('missing','inconsistent','out_of_range','protocol','other')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','answered','closed','reopened')`))
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('queries_site_status').on('queries').columns(['site_id', 'status']).execute();
  await db.schema.createIndex('queries_target').on('queries').columns(['subject_id', 'form_key', 'instance_no']).execute();
  await db.schema
    .createTable('query_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('query_id', 'text', (c) => c.notNull().references('queries.id'))
    // How many events of the query its author had seen: the causal order both stores fold in.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('raise','answer','close','reopen')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull().check(sql`origin in ('centre','site')`))
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('query_events_query').on('query_events').columns(['query_id', 'seq']).execute();
}
