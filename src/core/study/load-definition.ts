// Loads a study definition from its folder (or one assembled JSON file), validates it with the
// meta-schema and the expression analyser, and reports each problem at its file, line and column.

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as jsonc from 'jsonc-parser';
import { canonicalJson } from '../../shared/canonical-json';
import { AppError } from '../../shared/errors/app-error';
import { CompiledStudy } from '../../shared/study/compile';
import { StudyDefinition, type ReferenceList } from '../../shared/study/definition.schema';
import { ctcaeReference } from './ctcae-reference';
import { StudyManifest } from './definition-files';

export interface DefinitionLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface LocatedProblem {
  readonly location: DefinitionLocation;
  readonly path: string;
  readonly message: string;
}

export interface LoadedStudy {
  readonly compiled: CompiledStudy;
  readonly definition: StudyDefinition;
  /** SHA-256 of the canonical JSON of the assembled definition. */
  readonly hash: string;
}

type JsonPath = (string | number)[];

interface SourceFile {
  readonly file: string;
  readonly text: string;
  readonly tree: jsonc.Node | undefined;
}

/** Maps a path in the assembled definition back to the file and path it came from. */
type SourceMap = (path: readonly (string | number)[]) => { source: SourceFile; path: JsonPath };

function parseJsonFile(file: string): { source: SourceFile; value: unknown; problems: LocatedProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('input.file', { file });
  }
  const errors: jsonc.ParseError[] = [];
  const tree = jsonc.parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const source = { file, text, tree };
  const problems = errors.map((e) => ({
    location: locate(source, e.offset),
    path: '',
    message: `JSON syntax: ${jsonc.printParseErrorCode(e.error)}`,
  }));
  return { source, value: tree ? jsonc.getNodeValue(tree) : undefined, problems };
}

function locate(source: SourceFile, offset: number): DefinitionLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.text.length; i += 1) {
    if (source.text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { file: source.file, line, column: offset - lineStart + 1 };
}

/** The offset of the deepest node that exists along a path (zod paths may name a missing key). */
function offsetOf(source: SourceFile, path: JsonPath, inner?: number): number {
  if (!source.tree) return 0;
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = jsonc.findNodeAtLocation(source.tree, path.slice(0, depth));
    if (node) {
      // Inside an expression string: +1 for the opening quote.
      return inner !== undefined && node.type === 'string' ? node.offset + 1 + inner : node.offset;
    }
  }
  return source.tree.offset;
}

/** Reads a definition folder into the assembled definition object, with a map back to its files. */
function assembleFolder(folder: string): { raw: unknown; map: SourceMap; problems: LocatedProblem[] } {
  const problems: LocatedProblem[] = [];
  const studyFile = parseJsonFile(join(folder, 'study.json'));
  problems.push(...studyFile.problems);
  const manifest = StudyManifest.safeParse(studyFile.value);
  if (!manifest.success) {
    return {
      raw: undefined,
      map: () => ({ source: studyFile.source, path: [] }),
      problems: [...problems, ...manifest.error.issues.map((i) => ({ location: locate(studyFile.source, offsetOf(studyFile.source, i.path as JsonPath)), path: i.path.join('.'), message: i.message }))],
    };
  }
  const { forms, checks, identificationLog, unitCosts, references, ...rest } = manifest.data;
  const formFiles = forms.map((f) => parseJsonFile(join(folder, f)));
  const checksFile = parseJsonFile(join(folder, checks));
  const idFile = parseJsonFile(join(folder, identificationLog));
  const costFile = parseJsonFile(join(folder, unitCosts));
  for (const f of [...formFiles, checksFile, idFile, costFile]) problems.push(...f.problems);
  const refs: Record<string, ReferenceList> = {};
  for (const [name, ref] of Object.entries(references)) {
    const file = resolve(folder, ref.file);
    const translations = Object.fromEntries(Object.entries(ref.translations ?? {}).map(([lang, f]) => [lang, resolve(folder, f)]));
    refs[name] = ctcaeReference(file, parseJsonFile(file).value, translations);
  }
  const raw = {
    ...rest,
    forms: formFiles.map((f) => f.value),
    checks: checksFile.value,
    identificationLog: idFile.value,
    unitCosts: costFile.value,
    references: refs,
  };
  const map: SourceMap = (path) => {
    const [head, index, ...tail] = path;
    if (head === 'forms' && typeof index === 'number' && formFiles[index]) return { source: formFiles[index].source, path: tail };
    const section = head === 'checks' ? checksFile : head === 'identificationLog' ? idFile : head === 'unitCosts' ? costFile : undefined;
    if (section) return { source: section.source, path: path.slice(1) };
    if (head === 'forms') return { source: studyFile.source, path: ['forms'] };
    return { source: studyFile.source, path: [...path] };
  };
  return { raw, map, problems };
}

function assembleFile(file: string): { raw: unknown; map: SourceMap; problems: LocatedProblem[] } {
  const parsed = parseJsonFile(file);
  return { raw: parsed.value, map: (path) => ({ source: parsed.source, path: [...path] }), problems: parsed.problems };
}

/** Validates a definition; returns every problem found (empty when it is sound). */
export function checkDefinitionSource(pathOnDisk: string): { study?: LoadedStudy; problems: LocatedProblem[] } {
  let isDir: boolean;
  try {
    isDir = statSync(pathOnDisk).isDirectory();
  } catch {
    throw new AppError('input.file', { file: pathOnDisk });
  }
  const { raw, map, problems } = isDir ? assembleFolder(pathOnDisk) : assembleFile(pathOnDisk);
  if (problems.length > 0 || raw === undefined) return { problems };
  return checkAssembled(raw, map);
}

/** Validates an already assembled definition object (from a site kit, say). */
export function checkDefinitionObject(raw: unknown, label = 'definition'): { study?: LoadedStudy; problems: LocatedProblem[] } {
  // Positions only matter when there is a problem to point at: build the text and its tree lazily.
  let source: SourceFile | undefined;
  return checkAssembled(raw, (path) => {
    if (!source) {
      const text = JSON.stringify(raw, null, 1) ?? '';
      source = { file: label, text, tree: jsonc.parseTree(text) };
    }
    return { source, path: [...path] };
  });
}

function checkAssembled(raw: unknown, map: SourceMap): { study?: LoadedStudy; problems: LocatedProblem[] } {
  const at = (path: readonly (string | number)[], inner?: number): { location: DefinitionLocation; path: string } => {
    const { source, path: local } = map(path);
    return { location: locate(source, offsetOf(source, local, inner)), path: path.join('.') };
  };
  const parsed = StudyDefinition.safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => ({ ...at(i.path as JsonPath), message: i.message })) };
  }
  const compiled = new CompiledStudy(parsed.data);
  if (compiled.problems.length > 0) {
    return { problems: compiled.problems.map((p) => ({ ...at(p.path, p.offset), message: p.message })) };
  }
  const hash = createHash('sha256').update(canonicalJson(parsed.data)).digest('hex');
  return { study: { compiled, definition: parsed.data, hash }, problems: [] };
}

export function formatProblem(problem: LocatedProblem, base = process.cwd()): string {
  const file = relative(base, problem.location.file) || problem.location.file;
  return `${file}:${problem.location.line}:${problem.location.column}: ${problem.message}${problem.path ? ` (${problem.path})` : ''}`;
}

/** Loads a definition or throws study.invalid naming the first problem with its line. */
export function loadDefinition(pathOnDisk: string): LoadedStudy {
  const { study, problems } = checkDefinitionSource(pathOnDisk);
  if (!study) throw new AppError('study.invalid', { count: problems.length, first: problems[0] ? formatProblem(problems[0]) : 'unknown' });
  return study;
}

export function loadDefinitionObject(raw: unknown): LoadedStudy {
  const { study, problems } = checkDefinitionObject(raw);
  if (!study) throw new AppError('study.invalid', { count: problems.length, first: problems[0] ? formatProblem(problems[0]) : 'unknown' });
  return study;
}

