// A study definition from a REDCap data dictionary: forms in order, fields mapped one by one, identifiers
// into the identification log, descriptive texts as help. The definition is then checked the way the app
// loads one; an expression the check refuses (a field it reads was left out, say) is dropped and reported,
// so what comes out is always a definition the app accepts.

import { basename } from 'node:path';
import { AppError } from '../../../shared/errors/app-error';
import { translate } from '../../../shared/i18n/catalogue';
import type { StudyDefinition, StudyDefinitionInput } from '../../../shared/study/definition.schema';
import { checkDefinitionObject, type LocatedProblem } from '../load-definition';
import { readDictionaryRows, type DictionaryRow } from './dictionary-rows';
import { htmlToText } from './html-text';
import { FieldImporter, type FieldInput, type IdentificationInput, type ReportItem } from './import-field';

export interface ImportOptions {
  /** Study id; by default from the file name. */
  readonly id?: string;
  /** Forms that repeat (REDCap keeps this in the project, not the dictionary). */
  readonly repeating?: readonly string[];
}

export interface ImportedStudy {
  readonly definition: StudyDefinition;
  readonly report: readonly ReportItem[];
}

const NAME = /^[a-z][a-z0-9_]*$/;
/** Names a form entry may hold (the stored form data's key limit). */
const NAME_MAX = 64;
/** The form title this app's export writes as the section header of a form's first row. */
const FORM_HEADER = /^(F\d{2}[ab]?) (.+?)( \((?:repeating instrument|scheda ripetibile)\))?$/;
/** The app's subject pseudonyms (site code, four digits). */
const SUBJECT_ID_PATTERN = '^[A-Z0-9]{2,6}-[0-9]{4}$';
/** Rounds of dropping expressions the check refuses: one per chain of calculations reading each other is plenty. */
const REPAIR_ROUNDS = 20;

/** `MyProject_DataDictionary_2024-05-01.csv` → `myproject`. */
export function studyIdFromFile(file: string): string {
  const stem = basename(file).replace(/\.[^.]*$/, '').replace(/_DataDictionary(_\d{4}-\d{2}-\d{2})?$/i, '');
  const id = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(id) ? id : `study-${id || 'redcap'}`;
}

interface FormDraft {
  key: string;
  specId?: string;
  title?: string;
  repeating: boolean;
  fields: FieldInput[];
}

function assemble(rows: readonly DictionaryRow[], importer: FieldImporter, options: ImportOptions): { forms: FormDraft[]; identification: IdentificationInput[] } {
  const forms = new Map<string, FormDraft>();
  const identification: IdentificationInput[] = [];
  const seen = new Set<string>();
  // Section headers and descriptive texts wait for the next field of their form, which takes them as help.
  const pendingHelp = new Map<string, { text: string; from: string; descriptive: boolean }[]>();
  const report = (key: string, params: Record<string, string | number>): void => {
    importer.report.push({ key, params });
  };
  rows.forEach((row, index) => {
    if (!NAME.test(row.name) || row.name.length > NAME_MAX || !NAME.test(row.form) || row.form.length > NAME_MAX) {
      report('name', { field: row.name || `line ${row.line}` });
      return;
    }
    if (seen.has(row.name)) {
      report('duplicate', { field: row.name });
      return;
    }
    seen.add(row.name);
    if (index === 0) report('recordId', { field: row.name });
    let form = forms.get(row.form);
    let formHeader = false;
    if (!form) {
      form = { key: row.form, repeating: options.repeating?.includes(row.form) ?? false, fields: [] };
      forms.set(row.form, form);
      const header = FORM_HEADER.exec(row.section.trim());
      if (header) {
        formHeader = true;
        form.specId = header[1]!;
        form.title = header[2]!;
        if (header[3]) form.repeating = true;
      }
    }
    // The record identifier opens the first form (and may carry its title) but is not a field of the study.
    if (index === 0) return;
    const help = pendingHelp.get(row.form) ?? [];
    pendingHelp.set(row.form, help);
    const section = htmlToText(row.section);
    if (section !== '' && !formHeader) {
      report('sectionHeader', { field: row.name });
      help.push({ text: section, from: row.name, descriptive: false });
    }
    const result = importer.row(row, help.length > 0 ? help.map((h) => h.text).join(' — ') : undefined);
    if (result.kind === 'help') {
      if (result.text !== '') help.push({ text: result.text, from: row.name, descriptive: true });
      return;
    }
    if (result.kind === 'identification') identification.push(result.entry);
    if (result.kind !== 'field') return;
    for (const h of help) if (h.descriptive) report('descriptive', { field: h.from, target: row.name });
    form.fields.push(result.field);
    pendingHelp.delete(row.form);
  });
  for (const [form, help] of pendingHelp) for (const h of help) if (h.descriptive) report('descriptiveDropped', { field: h.from, form });
  for (const form of options.repeating ?? []) if (!forms.has(form)) report('repeatingUnknown', { form });
  return { forms: [...forms.values()], identification };
}

function draftDefinition(id: string, forms: readonly FormDraft[], identification: readonly IdentificationInput[]): StudyDefinitionInput {
  const both = (key: string, params: Record<string, string> = {}): { en: string; it: string } => ({ en: translate('en', 'redcap', key, params), it: translate('it', 'redcap', key, params) });
  const titled = (text: string): { en: string; it: string } => ({ en: text, it: text });
  return {
    id,
    version: '1.0.0',
    title: both('import.title', { id }),
    subjectIdPattern: SUBJECT_ID_PATTERN,
    parameters: [],
    codeLists: {},
    forms: forms.map((f, i) => ({
      key: f.key,
      specId: f.specId ?? `F${String(Math.min(i + 1, 99)).padStart(2, '0')}`,
      title: titled(f.title ?? f.key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())),
      repeating: f.repeating,
      fields: f.fields,
    })),
    checks: [],
    identificationLog: [...identification],
    unitCosts: [],
    references: {},
    signatureMeaning: both('import.signatureMeaning'),
  };
}

type Path = readonly (string | number)[];

/** Drops the expression a problem points at (or the calculated field that holds it); false when it points elsewhere. */
function dropAt(draft: StudyDefinitionInput, problem: LocatedProblem, importer: FieldImporter): boolean {
  const path: Path = problem.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [head, fi, sub, i, prop] = path;
  if (head !== 'forms' || typeof fi !== 'number' || sub !== 'fields' || typeof i !== 'number') return false;
  const form = draft.forms[fi];
  const field = form?.fields[i] as Record<string, unknown> | undefined;
  if (!form || !field) return false;
  const name = String(field.name);
  if (prop === 'showIf' || prop === 'requiredIf') {
    importer.report.push({ key: prop, params: { field: name, reason: problem.message, expression: String(field[prop]) } });
    delete field[prop];
    return true;
  }
  if (field.type === 'calc') {
    importer.report.push({ key: 'calculation', params: { field: name, reason: problem.message, expression: String(field.calc ?? field.system ?? '') } });
    form.fields.splice(i, 1);
    return true;
  }
  return false;
}

export function importRedcapDictionary(text: string, file: string, options: ImportOptions = {}): ImportedStudy {
  const rows = readDictionaryRows(text, file);
  const formOf = new Map<string, string>();
  for (const row of rows.slice(1)) if (!formOf.has(row.name)) formOf.set(row.name, row.form);
  const importer = new FieldImporter((field) => formOf.get(field));
  const { forms, identification } = assemble(rows, importer, options);
  const kept = forms.filter((f) => {
    if (f.fields.length > 0) return true;
    importer.report.push({ key: 'emptyForm', params: { form: f.key } });
    return false;
  });
  if (kept.length === 0) throw new AppError('study.importEmpty', {});
  const draft = draftDefinition(options.id ?? studyIdFromFile(file), kept, identification);
  for (let round = 0; round < REPAIR_ROUNDS; round += 1) {
    const { study, problems } = checkDefinitionObject(draft, file);
    if (study) {
      importer.report.unshift({ key: 'labels', params: {} });
      return { definition: study.definition, report: importer.report };
    }
    // Last field first, one problem per field, so removing a field does not shift the ones still to handle.
    const byField = new Map<string, LocatedProblem>();
    for (const p of problems) {
      const key = /^forms\.\d+\.fields\.\d+/.exec(p.path)?.[0] ?? p.path;
      if (!byField.has(key)) byField.set(key, p);
    }
    const position = (p: LocatedProblem): number[] => p.path.split('.').filter((x) => /^\d+$/.test(x)).map(Number);
    const ordered = [...byField.values()].sort((a, b) => {
      const [af = 0, ai = 0] = position(a);
      const [bf = 0, bi = 0] = position(b);
      return bf - af || bi - ai;
    });
    const repaired = ordered.filter((p) => dropAt(draft, p, importer));
    if (repaired.length === 0) throw new AppError('study.importInvalid', { first: `${problems[0]?.path ?? ''}: ${problems[0]?.message ?? ''}` });
  }
  throw new AppError('study.importInvalid', { first: 'too many expressions refer to fields that were left out' });
}
