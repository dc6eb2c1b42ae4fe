// Writes a study definition as a definition folder laid out like the built-in ones: study.json naming its
// form files, checks, identification log and unit costs. Only into a new or empty folder.

import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors/app-error';
import type { StudyDefinition } from '../../../shared/study/definition.schema';
import { writeFileAtomic } from '../../files/write-file-atomic';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function writeDefinitionFolder(definition: StudyDefinition, dir: string): string[] {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new AppError('input.folderNotEmpty', { folder: dir });
  mkdirSync(join(dir, 'forms'), { recursive: true });
  // A definition made from a REDCap dictionary has no reference lists (choices are inline), so none are named.
  const { forms, checks, identificationLog, unitCosts, references: _references, ...header } = definition;
  const formFiles = forms.map((f, i) => `forms/${String(i + 1).padStart(2, '0')}-${f.key}.json`);
  const files: [string, unknown][] = [
    ['study.json', { ...header, forms: formFiles, checks: 'checks.json', identificationLog: 'identification-log.json', unitCosts: 'unit-costs.json', references: {} }],
    ...forms.map((f, i): [string, unknown] => [formFiles[i]!, f]),
    ['checks.json', checks],
    ['identification-log.json', identificationLog],
    ['unit-costs.json', unitCosts],
  ];
  for (const [name, value] of files) writeFileAtomic(join(dir, name), json(value));
  return files.map(([name]) => name);
}
