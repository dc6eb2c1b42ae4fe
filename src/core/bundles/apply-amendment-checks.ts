// Whether a site may apply an amendment it received: the same study, a step forward from exactly the version
// it holds, a definition that loads and hashes to what the amendment states, the same diff the site computes
// and a migration that loses nothing here. Any other amendment is refused with its own code; one the site
// already applied (same version, same definition) is recognised and skipped.

import { getMeta } from '../../db/repositories/meta.repository';
import { getDefinition } from '../../db/repositories/study-definition.repository';
import type { Db } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';
import type { AmendmentDocument } from '../../shared/contract/amendments';
import { AppError } from '../../shared/errors/app-error';
import { diffDefinitions } from '../../shared/study/amendment-diff';
import { checkMigration } from '../../shared/study/amendment-migration';
import { compareVersions } from '../../shared/study/definition-version';
import { studyOfStore } from '../store/store-study';
import { loadDefinitionObject, type LoadedStudy } from '../study/load-definition';

export type AmendmentDecision = { readonly kind: 'alreadyApplied' } | { readonly kind: 'apply'; readonly base: LoadedStudy; readonly next: LoadedStudy };

function loadNew(doc: AmendmentDocument): LoadedStudy {
  try {
    return loadDefinitionObject(doc.definition);
  } catch (error) {
    if (error instanceof AppError) throw new AppError('return.amendmentInvalid', { version: doc.version, detail: String(error.details.first ?? error.code) });
    throw error;
  }
}

export async function decideAmendment(db: Db, studyId: string, doc: AmendmentDocument): Promise<AmendmentDecision> {
  if (doc.study !== studyId) throw new AppError('return.amendmentOtherStudy', { found: doc.study, study: studyId });
  const current = (await getMeta(db, 'def_version')) ?? '';
  if (compareVersions(doc.version, doc.baseVersion) <= 0) throw new AppError('return.amendmentDowngrade', { version: doc.version, current: doc.baseVersion });
  if (compareVersions(doc.version, current) <= 0) {
    const held = await getDefinition(db, doc.version);
    if (held && held.hash === doc.definitionHash) return { kind: 'alreadyApplied' };
    throw new AppError('return.amendmentDowngrade', { version: doc.version, current });
  }
  if (doc.baseVersion !== current) throw new AppError('return.amendmentWrongBase', { version: doc.version, base: doc.baseVersion, current });
  const next = loadNew(doc);
  if (next.definition.id !== studyId) throw new AppError('return.amendmentOtherStudy', { found: next.definition.id, study: studyId });
  if (next.definition.version !== doc.version) throw new AppError('return.amendmentInvalid', { version: doc.version, detail: `definition version ${next.definition.version}` });
  if (next.hash !== doc.definitionHash) throw new AppError('return.amendmentHashMismatch', { version: doc.version });
  const base = await studyOfStore(db);
  const problems = checkMigration(base.definition, next.definition, doc.migration);
  if (problems.length > 0) throw new AppError('return.amendmentLossy', { version: doc.version, count: problems.length, fields: problems.slice(0, 20).map((p) => `${p.field} (${p.problem}: ${p.detail})`) });
  if (canonicalJson(diffDefinitions(base.definition, next.definition)) !== canonicalJson(doc.changes)) throw new AppError('return.amendmentDiffMismatch', { version: doc.version });
  return { kind: 'apply', base, next };
}
