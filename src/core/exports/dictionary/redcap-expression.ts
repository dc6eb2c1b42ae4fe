// What an expression uses beyond REDCap's syntax: other-form references, aggregates, functions REDCap lacks.

import { walk } from '../../../shared/expr/ast';
import { parseExpression } from '../../../shared/expr/parser';
import type { CompiledStudy } from '../../../shared/study/compile';

/** Functions with the same name and meaning in REDCap (calculated fields, branching logic, @CALCTEXT). */
const REDCAP_FUNCTIONS = new Set(['if', 'datediff', 'round', 'roundup', 'rounddown', 'sqrt', 'abs', 'min', 'max', 'sum', 'mean', 'concat']);
const AGGREGATES = new Set(['min', 'max', 'sum', 'mean', 'count']);

/** Human-readable notes on the extensions an expression uses; empty when REDCap can read it as it is. */
export function expressionExtensions(study: CompiledStudy, expression: string): string[] {
  const crossForm = new Set<string>();
  const aggregates = new Set<string>();
  const functions = new Set<string>();
  walk(parseExpression(expression), (node) => {
    if (node.kind === 'ref' && node.form !== undefined) crossForm.add(`[${node.form}:${node.field}]`);
    if (node.kind !== 'call') return;
    if (!REDCAP_FUNCTIONS.has(node.name)) functions.add(`${node.name}()`);
    if (AGGREGATES.has(node.name)) {
      const first = node.args[0];
      const forms = new Set<string>();
      if (first) {
        walk(first, (n) => {
          if (n.kind === 'ref' && n.form !== undefined && study.isRepeating(n.form)) forms.add(n.form);
        });
      }
      for (const form of forms) aggregates.add(`${node.name}() over the instances of repeating form ${form}`);
    }
  });
  const notes: string[] = [];
  if (crossForm.size > 0) notes.push(`reference to another form ${[...crossForm].join(', ')} (field names are unique in the study: [field] alone reads the same field in REDCap when not repeating)`);
  for (const a of aggregates) notes.push(a);
  if (functions.size > 0) notes.push(`function${functions.size > 1 ? 's' : ''} ${[...functions].join(', ')} (see docs/expression-language.md)`);
  return notes;
}
