// Calculated fields that read site-only data (the exact birth date of the identification log): which they are, and
// whether a device's value of them came from that data. Shared by the site's bundle export and the centre's dataset.

import { parseIsoDate } from '../dates/partial-date';
import type { CompiledStudy } from './compile';

/** A calc that reads system("identity_birth_date"): its device value can be better than a central recomputation. */
export function readsSiteOnlyData(study: CompiledStudy, form: string, field: string): boolean {
  const compiled = study.field(form, field);
  return compiled?.field.type === 'calc' && typeof compiled.field.calc === 'string' && compiled.field.calc.includes('identity_birth_date');
}

/** The identification log's birth date is usable for an exact age only when it is a full date (crf-spec §4). */
export function hasExactBirthDate(identityBirthDate: string | null | undefined): boolean {
  return typeof identityBirthDate === 'string' && parseIsoDate(identityBirthDate) !== undefined;
}
