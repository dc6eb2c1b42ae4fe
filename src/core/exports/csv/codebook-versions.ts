// The codebook during an amendment's changeover: a column only an older version has is described under that
// version, and a column whose codes or labels changed lists the older version's too (rows say their def_version).

import type { CompiledStudy } from '../../../shared/study/compile';
import type { Field } from '../../../shared/study/definition.schema';
import type { Column } from './columns';

type Describe = (study: CompiledStudy, column: Column, file: string) => string[];

const CODES = 7;
const DERIVATION = 9;

/** The column's codebook row, with what older versions (newest first) said of it where that differs. */
export function versionedRow(study: CompiledStudy, older: readonly CompiledStudy[], column: Column, file: string, describe: Describe): string[] {
  if (column.version !== undefined) {
    const own = older.find((o) => o.definition.version === column.version) ?? study;
    const row = describe(own, column, file);
    row[DERIVATION] = `Only in definition version ${column.version} (rows with that def_version; not in version ${study.definition.version}). ${row[DERIVATION] ?? ''}`.trim();
    return row;
  }
  const row = describe(study, column, file);
  if (column.field === undefined || column.form === undefined) return row;
  const notes: string[] = [];
  for (const version of older) {
    const field: Field | undefined = version.field(column.form, column.field.name)?.field;
    if (!field || field.type !== column.field.type) continue;
    const was = describe(version, { ...column, field }, file);
    if (was[CODES] !== row[CODES]) notes.push(`under ${version.definition.version}: ${was[CODES] ?? ''}`);
  }
  if (notes.length > 0) row[CODES] = `${row[CODES] ?? ''} (version ${study.definition.version}); ${notes.join('; ')}`;
  return row;
}
