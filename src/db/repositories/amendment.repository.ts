// Queries on the protocol amendments a store holds (queued at the centre, applied at a site), one per version.

import { canonicalJson } from '../../shared/canonical-json';
import { kyselyOf, type Db, type Tx } from '../handle';
import { decodeJson } from '../mappers/json-column';

export interface StoredAmendment {
  readonly version: string;
  readonly studyId: string;
  readonly baseVersion: string;
  readonly definitionHash: string;
  /** The amendment document as stored; its reader parses it. */
  readonly document: unknown;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

/** Records an amendment; false when the store already holds one for that version. */
export async function insertAmendment(tx: Tx, amendment: StoredAmendment): Promise<boolean> {
  const row = {
    version: amendment.version,
    study_id: amendment.studyId,
    base_version: amendment.baseVersion,
    definition_hash: amendment.definitionHash,
    document: canonicalJson(amendment.document),
    recorded_at: amendment.recordedAt,
    recorded_by: amendment.recordedBy,
  };
  const result = await kyselyOf(tx).insertInto('amendments').values(row).onConflict((oc) => oc.column('version').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Every amendment held, in the order they were recorded. */
export async function listAmendments(db: Db): Promise<StoredAmendment[]> {
  const rows = await kyselyOf(db).selectFrom('amendments').selectAll().orderBy('recorded_at').orderBy('version').execute();
  return rows.map((r) => ({
    version: r.version,
    studyId: r.study_id,
    baseVersion: r.base_version,
    definitionHash: r.definition_hash,
    document: decodeJson<unknown>(r.document),
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
  }));
}
