// The Field Annotation of a REDCap dictionary row: REDCap action tags, and the notes this app writes there
// for what REDCap cannot hold (partial dates, EDC expressions REDCap cannot run, missing-data codes).
// One place for the wording, so that the export writes and the import reads the same sentences.

import { MISSING_REASONS, type MissingReason } from '../../../shared/study/definition.schema';

export type CalcValueType = 'number' | 'date' | 'code' | 'text';
export type DatePrecision = 'year' | 'month' | 'day';

/** The beginnings of the app's own annotation lines. */
export const NOTE = {
  requiredWhen: 'Required when: ',
  edcRequiredWhen: 'Required when (EDC expression, not REDCap syntax): ',
  edcShownIf: 'Shown only if (EDC expression, not REDCap syntax): ',
  edcCalculation: (valueType: CalcValueType): string => `EDC calculation (${valueType}): `,
  notRedcap: 'Not REDCap syntax: ',
  cannotCompute: 'REDCap cannot compute it: ',
  systemValue: (valueType: CalcValueType): string => `Value kept by the EDC application (${valueType}): `,
  partialDate: (precision: DatePrecision): string => `Partial date: YYYY, YYYY-MM or YYYY-MM-DD, at least to the ${precision} (no REDCap validation type accepts it).`,
  decimals: (n: number): string => `At most ${n} decimal place${n === 1 ? '' : 's'}.`,
  missingCodes: 'Missing-data codes: ',
  /** The codes of a coded calculation: `Codes: 1 = Yes; 0 = No.` */
  codes: 'Codes: ',
} as const;

export interface AnnotationNotes {
  readonly requiredWhen?: string;
  readonly edcRequiredWhen?: string;
  readonly edcShownIf?: string;
  readonly edcCalculation?: { readonly valueType: CalcValueType; readonly expression: string };
  readonly systemValue?: { readonly valueType: CalcValueType; readonly name: string };
  readonly partialDate?: DatePrecision;
  readonly decimals?: number;
  /** Codes listed in a `Missing-data codes:` line; `[]` for @NOMISSING; absent when neither is there. */
  readonly missingReasons?: readonly MissingReason[];
  readonly charLimit?: number;
  /** A coded calculation's codes and labels. */
  readonly codes?: readonly { readonly code: string; readonly label: string }[];
  readonly noneOfTheAbove?: readonly string[];
  readonly calcText?: string;
  readonly calcDate?: string;
  readonly today: boolean;
  readonly readOnly: boolean;
}

/** The text inside the parentheses that follow `tag`, parentheses and quotes inside balanced; undefined if unclosed. */
export function actionTagArgument(annotation: string, tag: string): string | undefined {
  const start = annotation.search(new RegExp(`${tag.replace(/[@]/g, '\\@')}\\s*\\(`, 'i'));
  if (start < 0) return undefined;
  const open = annotation.indexOf('(', start);
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < annotation.length; i += 1) {
    const ch = annotation[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') {
      depth -= 1;
      if (depth === 0) return annotation.slice(open + 1, i).trim();
    }
  }
  return undefined;
}

function lineAfter(lines: readonly string[], prefix: string): string | undefined {
  const line = lines.find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : line.slice(prefix.length).trim();
}

export function readAnnotation(annotation: string): AnnotationNotes {
  const lines = annotation.split(/\r?\n/).map((l) => l.trim());
  const calcLine = lines.map((l) => /^EDC calculation \((number|date|code|text)\): (.+)$/.exec(l)).find((m) => m !== null);
  const partial = /Partial date: .*at least to the (year|month|day)/.exec(annotation);
  const decimals = /At most (\d+) decimal places?\./.exec(annotation);
  const missingLine = lineAfter(lines, NOTE.missingCodes);
  const codesLine = lineAfter(lines, NOTE.codes);
  const charLimit = /@CHARLIMIT\s*=\s*'?(\d+)/i.exec(annotation);
  const none = /@NONEOFTHEABOVE\s*=\s*(['"])([^'"]*)\1/i.exec(annotation);
  const notes: {
    -readonly [K in keyof AnnotationNotes]: AnnotationNotes[K];
  } = { today: /@TODAY\b/i.test(annotation), readOnly: /@READONLY\b/i.test(annotation) };
  const requiredWhen = lineAfter(lines, NOTE.requiredWhen);
  if (requiredWhen) notes.requiredWhen = requiredWhen;
  const edcRequiredWhen = lineAfter(lines, NOTE.edcRequiredWhen);
  if (edcRequiredWhen) notes.edcRequiredWhen = edcRequiredWhen;
  const edcShownIf = lineAfter(lines, NOTE.edcShownIf);
  if (edcShownIf) notes.edcShownIf = edcShownIf;
  if (calcLine) notes.edcCalculation = { valueType: calcLine[1] as CalcValueType, expression: calcLine[2]!.trim() };
  const system = lines.map((l) => /^Value kept by the EDC application \((number|date|code|text)\): (\w+)\.?$/.exec(l)).find((m) => m !== null);
  if (system) notes.systemValue = { valueType: system[1] as CalcValueType, name: system[2]! };
  if (partial) notes.partialDate = partial[1] as DatePrecision;
  if (decimals) notes.decimals = Number(decimals[1]);
  if (/@NOMISSING\b/i.test(annotation)) notes.missingReasons = [];
  else if (missingLine !== undefined) notes.missingReasons = MISSING_REASONS.filter((r) => new RegExp(`(^|, )${r} = `).test(missingLine));
  if (charLimit) notes.charLimit = Number(charLimit[1]);
  if (codesLine) {
    notes.codes = codesLine
      .replace(/\.$/, '')
      .split('; ')
      .map((pair) => /^(\S+) = (.*)$/.exec(pair))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ code: m[1]!, label: m[2]! }));
  }
  if (none) notes.noneOfTheAbove = none[2]!.split(',').map((c) => c.trim()).filter((c) => c !== '');
  const calcText = actionTagArgument(annotation, '@CALCTEXT');
  if (calcText !== undefined) notes.calcText = calcText;
  const calcDate = actionTagArgument(annotation, '@CALCDATE');
  if (calcDate !== undefined) notes.calcDate = calcDate;
  return notes;
}
