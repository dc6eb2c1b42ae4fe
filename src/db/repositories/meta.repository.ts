// Queries on the meta table: store-wide settings (study, site, keys, audit head), text values, and the
// two that hold JSON (site parameters, the kit's coordinator keys), decoded here.

import { handleOf, isPostgres, kyselyOf, type Db, type Tx } from '../handle';
import { sealMeta, unsealMeta } from '../postgres/sealed-meta';
import { decodeJson, encodeJson } from '../mappers/json-column';

export async function getMeta(db: Db, key: string): Promise<string | undefined> {
  const row = await kyselyOf(db).selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row ? opened(db, key, row.value) : undefined;
}

export async function getAllMeta(db: Db): Promise<Record<string, string>> {
  const rows = await kyselyOf(db).selectFrom('meta').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.key, opened(db, r.key, r.value)]));
}

/** A value as read: on PostgreSQL, unsealed with the store's key (postgres/sealed-meta.ts). */
function opened(db: Db, key: string, stored: string): string {
  const handle = handleOf(db);
  return isPostgres(handle) ? unsealMeta(handle.key, key, stored) : stored;
}

export async function setMeta(tx: Tx, key: string, plain: string): Promise<void> {
  const handle = handleOf(tx);
  const value = isPostgres(handle) ? sealMeta(handle.key, key, plain) : plain;
  await kyselyOf(tx)
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** A meta value written with `setMetaJson`, decoded (the caller validates its shape). */
export async function getMetaJson(db: Db, key: string): Promise<unknown> {
  const text = await getMeta(db, key);
  return text === undefined ? undefined : decodeJson<unknown>(text);
}

export async function setMetaJson(tx: Tx, key: string, value: unknown): Promise<void> {
  await setMeta(tx, key, encodeJson(value));
}

/** Several meta values at once: text as it is, objects as JSON. */
export async function setMetaValues(tx: Tx, values: Readonly<Record<string, string | Readonly<Record<string, unknown>>>>): Promise<void> {
  for (const [key, value] of Object.entries(values)) await (typeof value === 'string' ? setMeta(tx, key, value) : setMetaJson(tx, key, value));
}

export type SiteParams = Record<string, string | number | null>;

/** Site parameters of the study definition set by an admin (scope "site"); empty until one is set. */
export async function getSiteParams(db: Db): Promise<SiteParams> {
  const text = await getMeta(db, 'site_params');
  return text ? decodeJson<SiteParams>(text) : {};
}

export async function setSiteParams(tx: Tx, params: SiteParams): Promise<void> {
  await setMeta(tx, 'site_params', encodeJson(params));
}
