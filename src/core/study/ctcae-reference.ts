// Turns the CTCAE v5.0 term list, and its translations where the study gives them, into the definition's reference list.

import { readFileSync } from 'node:fs';
import { AppError } from '../../shared/errors/app-error';
import type { Lang } from '../../shared/study/localized';
import { REFERENCE_SYNONYM_SEPARATOR, type ReferenceList } from '../../shared/study/definition.schema';
import { CtcaeFile, CtcaeTranslationFile } from './definition-files';

const invalid = (file: string, problem: string): AppError => new AppError('study.invalid', { count: 1, first: `${file}: ${problem}` });

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('input.file', { file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid(file, 'not JSON');
  }
}

/** A translation file, parsed; the language it declares must be the one the manifest files it under. */
export function readCtcaeTranslation(file: string, lang: Lang): CtcaeTranslationFile {
  const parsed = CtcaeTranslationFile.safeParse(readJson(file));
  if (!parsed.success) throw invalid(file, `not a CTCAE translation (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
  if (parsed.data.language !== lang) throw invalid(file, `declares language ${parsed.data.language}, listed as ${lang}`);
  return parsed.data;
}

type Entry = ReferenceList['entries'][number];

/** Adds term_<lang>, synonyms_<lang> and soc_<lang> to the entries; a translation naming a code or term the list lacks is an error. */
function translate(entries: Entry[], file: string, lang: Lang, translation: CtcaeTranslationFile): void {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  for (const t of translation.terms) {
    const entry = byKey.get(String(t.meddra_code));
    if (!entry) throw invalid(file, `MedDRA code ${t.meddra_code} is not in the CTCAE list`);
    if (entry.attributes.term !== t.term) throw invalid(file, `MedDRA code ${t.meddra_code} is "${entry.attributes.term ?? ''}" in the CTCAE list, not "${t.term}"`);
    if (entry.attributes[`term_${lang}`] !== undefined) throw invalid(file, `MedDRA code ${t.meddra_code} is translated twice`);
    entry.attributes[`term_${lang}`] = t.label;
    entry.attributes[`synonyms_${lang}`] = t.synonyms.length > 0 ? t.synonyms.join(REFERENCE_SYNONYM_SEPARATOR) : null;
  }
  for (const entry of entries) {
    const soc = entry.attributes.soc ?? '';
    const name = translation.socs[soc];
    if (!name) throw invalid(file, `SOC "${soc}" has no name in ${lang}`);
    entry.attributes[`soc_${lang}`] = name;
  }
}

/** The reference list of a CTCAE v5.0 file, with the translation files given per language. */
export function ctcaeReference(file: string, value: unknown, translations: Partial<Record<Lang, string>> = {}): ReferenceList {
  const parsed = CtcaeFile.safeParse(value);
  if (!parsed.success) throw invalid(file, 'not a CTCAE v5.0 term list');
  const entries: Entry[] = parsed.data.terms.map((t) => ({
    key: String(t.meddra_code),
    attributes: {
      term: t.term,
      soc: t.soc,
      definition: t.definition,
      note: t.note,
      grade1: t.grades[0] ?? null,
      grade2: t.grades[1] ?? null,
      grade3: t.grades[2] ?? null,
      grade4: t.grades[3] ?? null,
      grade5: t.grades[4] ?? null,
    },
  }));
  const localized: NonNullable<ReferenceList['localized']> = {};
  for (const [lang, translationFile] of Object.entries(translations) as [Lang, string][]) {
    const translation = readCtcaeTranslation(translationFile, lang);
    translate(entries, translationFile, lang, translation);
    localized[lang] = { label: `term_${lang}`, group: `soc_${lang}`, synonyms: `synonyms_${lang}`, ...(translation.grades ? { gradeNames: translation.grades } : {}) };
  }
  return {
    source: parsed.data.source,
    labelAttribute: 'term',
    groupAttribute: 'soc',
    entries,
    ...(Object.keys(localized).length > 0 ? { localized } : {}),
  };
}
