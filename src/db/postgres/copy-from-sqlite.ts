// Moving a SQLite central store into an empty PostgreSQL database: every table, row by row as stored (ids,
// audit chain, receipts), in one transaction, parents before children; meta values re-sealed on the way
// (sealed-meta.ts). The caller checks the copy inside the same transaction, so a copy that differs is never committed.

import { sql } from 'kysely';
import { AppError } from '../../shared/errors/app-error';
import { asTx, handleOf, isPostgres, sqliteHandleOf, type Db, type Tx } from '../handle';
import type { PostgresLocation } from '../location';
import { getAllMeta, setMetaValues } from '../repositories/meta.repository';
import { inWriteTransaction } from '../transaction';
import { openPostgresStore } from './open-postgres';

export interface CopiedTable {
  readonly table: string;
  readonly rows: number;
}

const MAX_PARAMETERS = 60_000;

/** Tables of the SQLite store, each after the tables it references. */
function tablesInOrder(source: Db): string[] {
  const { sqlite } = sqliteHandleOf(source);
  const names = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  const parents = new Map(names.map((n) => [n, (sqlite.prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)').all(n) as { parent: string }[]).map((r) => r.parent).filter((p) => p !== n)]));
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>): void => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    ordered.push(name);
  };
  for (const name of names) visit(name, new Set());
  return ordered;
}

export async function copySqliteToPostgres(source: Db, target: PostgresLocation, anchorFile: string, check: (copy: Tx) => Promise<void>): Promise<CopiedTable[]> {
  const { sqlite, key } = sqliteHandleOf(source);
  const opened = await openPostgresStore(target, anchorFile, key, { create: true });
  try {
    return await inWriteTransaction(asTx(opened.handle), async (tx) => {
      const handle = handleOf(tx);
      if (!isPostgres(handle) || !handle.client) throw new AppError('store.sqliteOnly');
      const client = handle.client;
      const copied: CopiedTable[] = [];
      for (const table of tablesInOrder(source)) {
        if (table === 'meta') {
          const meta = await getAllMeta(source);
          await setMetaValues(tx, meta);
          copied.push({ table, rows: Object.keys(meta).length });
          continue;
        }
        const columns = (sqlite.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string }[]).map((c) => c.name);
        const quoted = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
        const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
        const statement = sqlite.prepare(`SELECT ${quoted} FROM "${table.replace(/"/g, '""')}"`).raw(true);
        let batch: unknown[][] = [];
        let rows = 0;
        const send = async (): Promise<void> => {
          if (batch.length === 0) return;
          const params: unknown[] = [];
          const values = batch.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
          await client.query(`INSERT INTO "${table}" (${quoted}) VALUES ${values.join(', ')}`, params);
          rows += batch.length;
          batch = [];
        };
        for (const row of statement.iterate() as IterableIterator<unknown[]>) {
          batch.push(row);
          if (batch.length >= perStatement) await send();
        }
        await send();
        // Identity columns continue after the ids copied.
        for (const column of columns) {
          const seq = await client.query<{ s: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS s', [table, column]);
          const name = seq.rows[0]?.s;
          if (name) await sql`SELECT setval(${name}::regclass, greatest((SELECT max(${sql.id(column)}) FROM ${sql.id(table)}), 1))`.execute(handle.kysely);
        }
        copied.push({ table, rows });
      }
      // Every table has as many rows as its source, then the caller's own check.
      for (const { table, rows } of copied) {
        const n = await client.query<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`);
        if (Number(n.rows[0]?.n) !== rows) throw new AppError('store.digestMismatch', { before: `${table}: ${rows}`, after: `${table}: ${String(n.rows[0]?.n)}` });
      }
      await check(tx);
      return copied;
    });
  } finally {
    await opened.close();
  }
}
