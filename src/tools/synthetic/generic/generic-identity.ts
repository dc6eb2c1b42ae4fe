// A synthetic identification log for any study: each field of the definition's log filled from its type (a birth
// date, a hospital record number list, a codice fiscale where the field has that format, a short text).

import { isoFromDay, dayNumber } from '../../../shared/dates/partial-date';
import { codiceFiscale } from '../../../shared/study/codice-fiscale';
import type { StudyDefinition } from '../../../shared/study/definition.schema';
import type { IdentityPlan } from '../../../core/modules/patient-plan';
import type { Rng } from '../../../core/stats/random';

const SURNAMES = ['Rossi', 'Bianchi', 'Colombo', 'Ricci', 'Greco', 'Conti', 'Gallo', 'Costa'];
const NAMES = ['Maria', 'Giulia', 'Anna', 'Marco', 'Luca', 'Paolo', 'Sara', 'Andrea'];

export function genericIdentity(definition: StudyDefinition, rng: Rng): IdentityPlan {
  const birth = isoFromDay(rng.int(dayNumber(1935, 1, 1)!, dayNumber(2004, 12, 31)!));
  const surname = rng.pick(SURNAMES);
  const name = rng.pick(NAMES);
  const identity: IdentityPlan = {};
  for (const field of definition.identificationLog) {
    if (field.type === 'date') identity[field.name] = birth;
    else if (field.type === 'textList') identity[field.name] = [`MRN${rng.int(100_000, 999_999)}`];
    else if (field.format === 'codice_fiscale') identity[field.name] = codiceFiscale(surname, name, birth, rng.bernoulli(0.5), 'H501');
    else if (field.required) identity[field.name] = `${surname} ${name}`.slice(0, field.maxLength ?? 40);
  }
  return identity;
}
