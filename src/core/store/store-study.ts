// The study definition a store was created with, read from the store itself and compiled once per process.

import { getMeta } from '../../db/repositories/meta.repository';
import { getDefinition } from '../../db/repositories/study-definition.repository';
import type { Db } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import { loadDefinitionObject, type LoadedStudy } from '../study/load-definition';

const compiledByHash = new Map<string, LoadedStudy>();

export async function studyOfStore(db: Db): Promise<LoadedStudy> {
  const version = await getMeta(db, 'def_version');
  if (!version) throw new AppError('store.notADatabase');
  const row = await getDefinition(db, version);
  if (!row) throw new AppError('store.notADatabase');
  const cached = compiledByHash.get(row.hash);
  if (cached) return cached;
  const study = loadDefinitionObject(row.definition);
  compiledByHash.set(study.hash, study);
  return study;
}

export function rememberStudy(study: LoadedStudy): void {
  compiledByHash.set(study.hash, study);
}
