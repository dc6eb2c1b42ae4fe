// AST of the study expression language (REDCap branching-logic syntax plus cross-form aggregates); shared by every process.

/** Offset of a node in the expression source, used to point errors at the definition line. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOp = '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | 'and' | 'or';

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly span: Span }
  | {
      readonly kind: 'ref';
      /** Form key when written `[form:field]`; absent for `[field]` (the current form). */
      readonly form?: string;
      readonly field: string;
      /** Choice code when written `[field(code)]`: 1 if that choice is ticked, 0 if not. */
      readonly code?: string;
      readonly span: Span;
    }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly span: Span }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly span: Span }
  | { readonly kind: 'not'; readonly operand: Expr; readonly span: Span }
  | { readonly kind: 'negate'; readonly operand: Expr; readonly span: Span };

export type RefExpr = Extract<Expr, { kind: 'ref' }>;

/** Visits every node of an expression, parents before children. */
export function walk(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'call':
      for (const arg of expr.args) walk(arg, visit);
      break;
    case 'binary':
      walk(expr.left, visit);
      walk(expr.right, visit);
      break;
    case 'not':
    case 'negate':
      walk(expr.operand, visit);
      break;
    default:
      break;
  }
}

/** Every field reference in an expression. */
export function refsOf(expr: Expr): RefExpr[] {
  const refs: RefExpr[] = [];
  walk(expr, (node) => {
    if (node.kind === 'ref') refs.push(node);
  });
  return refs;
}
