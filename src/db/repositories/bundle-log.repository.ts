// Queries on a site's bundle exports and the receipts it imported from the coordinating centre.

import type { BundleExport, ImportedReceipt } from '../domain/exchange';
import { kyselyOf, type Db, type Tx } from '../handle';
import { bundleExportRow, receiptRow, toBundleExport, toImportedReceipt } from '../mappers/exchange.mapper';

export async function lastExport(db: Db): Promise<BundleExport | undefined> {
  const row = await kyselyOf(db).selectFrom('bundle_exports').selectAll().orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  return row ? toBundleExport(row) : undefined;
}

export async function insertExport(tx: Tx, exported: BundleExport): Promise<void> {
  await kyselyOf(tx).insertInto('bundle_exports').values(bundleExportRow(exported)).execute();
}

export async function findExport(db: Db, sequence: number): Promise<BundleExport | undefined> {
  const row = await kyselyOf(db).selectFrom('bundle_exports').selectAll().where('sequence', '=', sequence).executeTakeFirst();
  return row ? toBundleExport(row) : undefined;
}

export async function lastReceipt(db: Db): Promise<ImportedReceipt | undefined> {
  const row = await kyselyOf(db).selectFrom('receipts').selectAll().orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  return row ? toImportedReceipt(row) : undefined;
}

export async function upsertReceipt(tx: Tx, receipt: ImportedReceipt): Promise<void> {
  const row = receiptRow(receipt);
  const { sequence: _s, ...rest } = row;
  await kyselyOf(tx)
    .insertInto('receipts')
    .values(row)
    .onConflict((oc) => oc.column('sequence').doUpdateSet(rest))
    .execute();
}

export async function findReceipt(db: Db, sequence: number): Promise<ImportedReceipt | undefined> {
  const row = await kyselyOf(db).selectFrom('receipts').selectAll().where('sequence', '=', sequence).executeTakeFirst();
  return row ? toImportedReceipt(row) : undefined;
}
