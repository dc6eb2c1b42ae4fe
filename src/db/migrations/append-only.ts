// A table the database itself keeps append-only (the audit trail, DESIGN.md): triggers that refuse UPDATE
// and DELETE, written per dialect (SQLite's RAISE, PostgreSQL's trigger function). Imports nothing from the app.

import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function makeAppendOnly(db: Kysely<unknown>, table: string, message: string): Promise<void> {
  const id = sql.id(table);
  const text = sql.lit(message);
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const fn = sql.id(`${table}_append_only`);
    await sql`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(`BEGIN RAISE EXCEPTION '${message.replace(/'/g, "''")}'; END`)}`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_update`)} BEFORE UPDATE ON ${id} FOR EACH ROW EXECUTE FUNCTION ${fn}()`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_delete`)} BEFORE DELETE ON ${id} FOR EACH ROW EXECUTE FUNCTION ${fn}()`.execute(db);
    // TRUNCATE bypasses row triggers; a statement trigger refuses it too.
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_truncate`)} BEFORE TRUNCATE ON ${id} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
    return;
  }
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_update`)} BEFORE UPDATE ON ${id} BEGIN SELECT RAISE(ABORT, ${text}); END`.execute(db);
  await sql`CREATE TRIGGER ${sql.id(`${table}_no_delete`)} BEFORE DELETE ON ${id} BEGIN SELECT RAISE(ABORT, ${text}); END`.execute(db);
}
