// Migration 20261202-10: the return path (centre → site) — return bundles written (centre) and imported
// (site), the sites' age recipients (centre), source-verification marks and central locks (both stores).

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('return_exports')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('return_exports_pk', ['site_id', 'sequence'])
    .execute();
  await db.schema
    .createTable('return_imports')
    .addColumn('sequence', 'integer', (c) => c.primaryKey())
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('bundle_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('site_recipients')
    .addColumn('site_id', 'text', (c) => c.primaryKey())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('review_marks')
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('instance_no', 'integer', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_marks_pk', ['subject_id', 'form_key', 'instance_no'])
    .execute();
  await db.schema
    .createTable('central_locks')
    .addColumn('lock_id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text', (c) => c.notNull())
    .addColumn('certificate_sha256', 'text')
    .execute();
}
