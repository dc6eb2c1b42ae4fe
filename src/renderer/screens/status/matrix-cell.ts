// What a cell of the status matrix shows and where a click on it goes: a shape and a letter besides the colour,
// so the status reads without colour (WCAG 1.4.1), and the full wording for screen readers.

import type { MatrixCell } from '../../../shared/contract/status-matrix';
import type { Route } from '../../app/routes';

export type CellState = MatrixCell['status'] | 'empty';

/** The glyph of each status: a shape cue that survives greyscale printing and colour blindness. */
export const STATUS_GLYPH: Readonly<Record<CellState, string>> = { empty: '·', draft: '✎', complete: '✓', signed: '✍', locked: '■' };
/** The mark of the worst open issue beside the glyph. */
export const ISSUE_MARK: Readonly<Record<'none' | 'missing' | 'soft' | 'hard', string>> = { none: '', missing: '?', soft: '!', hard: '‼' };

/** The form itself for a form with one instance (or none yet, at a site); the casebook to pick among several. */
export function cellTarget(subjectId: string, form: string, cell: MatrixCell | undefined, opts: { repeating: boolean; central: boolean }): Route {
  if (cell && cell.instances === 1) return { name: 'form', subjectId, form, instanceNo: 1 };
  if (!cell && !opts.repeating && !opts.central) return { name: 'form', subjectId, form };
  return { name: 'casebook', subjectId };
}
