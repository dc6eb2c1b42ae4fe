// Queries on a site's bundle exports and the receipts it imported from the coordinating centre.

import type { Kysely } from 'kysely';
import type { BundleExportRow, Database, ReceiptRow } from '../schema/tables';

export async function lastExport(db: Kysely<Database>): Promise<BundleExportRow | undefined> {
  return db.selectFrom('bundle_exports').selectAll().orderBy('sequence', 'desc').limit(1).executeTakeFirst();
}

export async function insertExport(db: Kysely<Database>, row: BundleExportRow): Promise<void> {
  await db.insertInto('bundle_exports').values(row).execute();
}

export async function findExport(db: Kysely<Database>, sequence: number): Promise<BundleExportRow | undefined> {
  return db.selectFrom('bundle_exports').selectAll().where('sequence', '=', sequence).executeTakeFirst();
}

export async function lastReceipt(db: Kysely<Database>): Promise<ReceiptRow | undefined> {
  return db.selectFrom('receipts').selectAll().orderBy('sequence', 'desc').limit(1).executeTakeFirst();
}

export async function upsertReceipt(db: Kysely<Database>, row: ReceiptRow): Promise<void> {
  const { sequence: _s, ...rest } = row;
  await db
    .insertInto('receipts')
    .values(row)
    .onConflict((oc) => oc.column('sequence').doUpdateSet(rest))
    .execute();
}
