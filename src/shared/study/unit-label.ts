// The unit of a field as a reader sees it: the definition's label in the reader's language, else the unit's code.

import type { Field } from './definition.schema';
import type { Lang } from './localized';

export function unitLabel(field: Field, lang: Lang): string | undefined {
  if (!('unit' in field) || field.unit === undefined) return undefined;
  return field.unitLabel?.[lang] ?? field.unit;
}
