// How a reference list's texts show in the form's language: the generic grade names of a translated list, whether
// its other texts (grade texts, definitions) are still in the list's language (English) there, and a calculated
// value copied from the list (the AE's SOC) in the language, while the stored value stays the list's own.

import { parseExpression } from '../../shared/expr/parser';
import type { Field, ReferenceList } from '../../shared/study/definition.schema';
import type { Lang } from '../../shared/study/localized';

/** The list is translated into the language, but only its labels, groups and grade names: other texts are English. */
export function textsUntranslated(list: ReferenceList | undefined, lang: Lang): boolean {
  return list?.localized?.[lang] !== undefined;
}

/** The generic name of a grade in the language (CTCAE v5.0 grade 1 → "Lieve"), where the translation gives one. */
export function gradeName(list: ReferenceList | undefined, lang: Lang, code: string): string | undefined {
  return list?.localized?.[lang]?.gradeNames?.[code];
}

/**
 * For a calculated field written `ref("list", [key], "attribute")` whose attribute is the list's label or group and
 * is translated into the language: the value in that language. Undefined where there is nothing to translate.
 */
export function referenceCalcDisplay(field: Field, references: Readonly<Record<string, ReferenceList>>, lang: Lang): ((value: string) => string) | undefined {
  if (field.type !== 'calc' || !field.calc) return undefined;
  let expr;
  try {
    expr = parseExpression(field.calc);
  } catch {
    return undefined;
  }
  if (expr.kind !== 'call' || expr.name !== 'ref' || expr.args.length !== 3) return undefined;
  const [listArg, , attributeArg] = expr.args;
  if (listArg?.kind !== 'string' || attributeArg?.kind !== 'string') return undefined;
  const list = references[listArg.value];
  const local = list?.localized?.[lang];
  if (!list || !local) return undefined;
  const attribute = attributeArg.value;
  const localAttribute = attribute === list.groupAttribute ? local.group : attribute === list.labelAttribute ? local.label : undefined;
  if (!localAttribute) return undefined;
  const names = new Map<string, string>();
  for (const e of list.entries) {
    const own = e.attributes[attribute];
    const there = e.attributes[localAttribute];
    if (own && there) names.set(own, there);
  }
  return (value) => names.get(value) ?? value;
}
