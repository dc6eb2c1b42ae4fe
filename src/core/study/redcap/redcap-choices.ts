// REDCap's choice lists (`code, label | code, label`) both ways, and the name REDCap gives a checkbox
// choice's column in import and export files (`field___code`).

import type { Choice } from '../../../shared/study/definition.schema';
import type { Lang } from '../../../shared/study/localized';

/** `code, label | code, label`; a `|` inside a label would end the choice, so it becomes `/`; line breaks become spaces. */
export function formatChoices(choices: readonly Choice[], lang: Lang): string {
  return choices.map((c) => `${c.code}, ${c.label[lang].replace(/\|/g, '/').replace(/\s*[\r\n]+\s*/g, ' ')}`).join(' | ');
}

export interface ParsedChoice {
  readonly code: string;
  readonly label: string;
}

/**
 * REDCap's reading of a choices cell: pairs split on `|`, the code up to the first comma, the label after it
 * (a pair without a comma is its own code and label). Also accepts one pair per line, as the Online Designer writes.
 */
export function parseChoices(cell: string): ParsedChoice[] {
  return cell
    .split(/\||\r?\n/)
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const comma = pair.indexOf(',');
      if (comma < 0) return { code: pair, label: pair };
      return { code: pair.slice(0, comma).trim(), label: pair.slice(comma + 1).trim() };
    });
}

/**
 * The column of one checkbox choice: REDCap writes `-` and `.` as `_`, lower-cases the code and drops any
 * other character outside [a-z0-9_] (Project::getExtendedCheckboxCodeFormatted in REDCap's source).
 */
export function checkboxColumn(field: string, code: string): string {
  return `${field}___${code.replace(/[-.]/g, '_').toLowerCase().replace(/[^a-z_0-9]/g, '')}`;
}
