// A content digest of the central dataset (db/repositories/content-digest.repository.ts computes it beside
// the stored encoding it hashes); exported here for the merge run, the summary and the report.

export { centralContentDigest as centralDigest } from '../../db/repositories/content-digest.repository';
