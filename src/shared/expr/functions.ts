// The functions the expression language offers, with their arity, for the parser's analyser and the evaluator.

export interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  /** Aggregates iterate the instances of a repeating form named inside their first argument. */
  readonly aggregate?: boolean;
  readonly doc: string;
}

export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = {
  if: { min: 3, max: 3, doc: 'if(condition, then, else)' },
  datediff: { min: 3, max: 4, doc: 'datediff(from, to, "d"|"w"|"M"|"y", signed) — absolute unless signed is true, as in REDCap' },
  fullyears: { min: 2, max: 2, doc: 'fullyears(birth, date) — completed years' },
  impute: { min: 1, max: 1, doc: 'impute(partial date) — 15th of the month for YYYY-MM, 1 July for YYYY (crf-spec §4)' },
  makedate: { min: 3, max: 3, doc: 'makedate(year, month, day)' },
  today: { min: 0, max: 0, doc: 'today()' },
  round: { min: 1, max: 2, doc: 'round(x, decimals)' },
  roundup: { min: 1, max: 2, doc: 'roundup(x, decimals) — towards +infinity' },
  rounddown: { min: 1, max: 2, doc: 'rounddown(x, decimals) — towards -infinity' },
  sqrt: { min: 1, max: 1, doc: 'sqrt(x)' },
  abs: { min: 1, max: 1, doc: 'abs(x)' },
  isblank: { min: 1, max: 1, doc: 'isblank(x) — empty or carrying a missing-data reason' },
  hasmissingcode: { min: 1, max: 1, doc: 'hasmissingcode([field]) — the field carries ND, NK or NA' },
  nselected: { min: 1, max: 1, doc: 'nselected([multi]) — number of ticked choices' },
  concat: { min: 1, max: 10, doc: 'concat(a, b, …) — text joined' },
  param: { min: 1, max: 1, doc: 'param("name") — a study or site parameter' },
  ref: { min: 3, max: 3, doc: 'ref("list", key, "attribute") — a value from a reference list' },
  system: { min: 1, max: 1, doc: 'system("name") — a value kept by the app (signature date, open queries …)' },
  min: { min: 1, max: 20, aggregate: true, doc: 'min(a, b, …) or min([form:field], filter)' },
  max: { min: 1, max: 20, aggregate: true, doc: 'max(a, b, …) or max([form:field], filter)' },
  sum: { min: 1, max: 20, aggregate: true, doc: 'sum(a, b, …) or sum([form:field], filter)' },
  mean: { min: 1, max: 20, aggregate: true, doc: 'mean(a, b, …) or mean([form:field], filter)' },
  count: { min: 1, max: 2, aggregate: true, doc: 'count(condition over [form:field]) or count([form:field], filter)' },
};

/** The spec of a function of the language; own properties only, so 'constructor' is not a function. */
export function functionSpec(name: string): FunctionSpec | undefined {
  return Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}
