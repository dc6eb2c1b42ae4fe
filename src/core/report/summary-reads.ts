// Whether any calculated value reads a subject summary (forms complete, open queries): only then does a full
// evaluation give other calcs than a calcs-only one, so only then does the report evaluate twice.

import { walk, type Expr } from '../../shared/expr/ast';
import type { CompiledStudy } from '../../shared/study/compile';

const SUMMARIES: ReadonlySet<string> = new Set(['forms_complete', 'open_queries']);
const cache = new WeakMap<CompiledStudy, boolean>();

function reads(study: CompiledStudy, form: string, expr: Expr, seen: Set<string>): boolean {
  let found = false;
  walk(expr, (node) => {
    // system('…') reads the value it names; a name not written as a literal counts as a summary read.
    if (node.kind === 'call' && node.name === 'system') {
      const name = node.args[0];
      if (name?.kind !== 'string' || SUMMARIES.has(name.value)) found = true;
    }
    if (found || node.kind !== 'ref') return;
    const target = node.form ?? form;
    if (calcReads(study, target, node.field, seen)) found = true;
  });
  return found;
}

function calcReads(study: CompiledStudy, form: string, field: string, seen: Set<string>): boolean {
  const key = `${form}:${field}`;
  if (seen.has(key)) return false;
  seen.add(key);
  const compiled = study.field(form, field);
  if (compiled?.field.type !== 'calc') return false;
  if (compiled.field.system !== undefined) return SUMMARIES.has(compiled.field.system);
  return compiled.calc ? reads(study, form, compiled.calc, seen) : false;
}

/** True when some calculated field that is not itself a summary reads one, directly or through other calcs. */
export function calcsReadSummary(study: CompiledStudy): boolean {
  const known = cache.get(study);
  if (known !== undefined) return known;
  let found = false;
  for (const form of study.definition.forms) {
    for (const field of form.fields) {
      if (found || field.type !== 'calc' || field.system !== undefined) continue;
      const compiled = study.field(form.key, field.name);
      if (compiled?.calc && reads(study, form.key, compiled.calc, new Set([`${form.key}:${field.name}`]))) found = true;
    }
  }
  cache.set(study, found);
  return found;
}
