// The study definitions shipped with the app (resources/studies/*), read by their headers.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors/app-error';
import { builtInStudyDir, resourcesDir } from '../resources';
import { loadDefinition, type LoadedStudy } from './load-definition';

const Header = z.object({ id: z.string(), version: z.string(), title: z.object({ it: z.string(), en: z.string() }) });
export type StudyHeader = z.infer<typeof Header>;

export function listBuiltInStudies(): StudyHeader[] {
  const dir = join(resourcesDir(), 'studies');
  const out: StudyHeader[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'study.json');
    if (!existsSync(file)) continue;
    const parsed = Header.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) out.push({ id: parsed.data.id, version: parsed.data.version, title: parsed.data.title });
  }
  return out;
}

const loaded = new Map<string, LoadedStudy>();

export function loadBuiltInStudy(id: string): LoadedStudy {
  if (!/^[a-z][a-z0-9-]*$/.test(id) || !listBuiltInStudies().some((s) => s.id === id)) throw new AppError('study.unknown', { study: id });
  let study = loaded.get(id);
  if (!study) {
    study = loadDefinition(builtInStudyDir(id));
    loaded.set(id, study);
  }
  return study;
}
