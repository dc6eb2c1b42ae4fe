// Fake but well-formed Italian identities for the ino-all-it site-only log: names, codice fiscale, hospital record numbers.

import { codiceFiscale } from '../../../shared/study/codice-fiscale';
import { iso, type Day } from './days';
import type { IdentityPlan } from '../../../core/modules/patient-plan';
import type { Rng } from '../../../core/stats/random';

const SURNAMES = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti',
  'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi',
  'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone', 'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola',
  'De Santis', "D'Angelo", 'Marchetti', 'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso',
  'Valentini', 'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti', 'Cattaneo',
];
const MALE = [
  'Giuseppe', 'Giovanni', 'Antonio', 'Mario', 'Luigi', 'Francesco', 'Angelo', 'Vincenzo', 'Pietro', 'Salvatore', 'Carlo', 'Franco',
  'Domenico', 'Bruno', 'Paolo', 'Michele', 'Giorgio', 'Aldo', 'Sergio', 'Luciano', 'Marco', 'Andrea', 'Alessandro', 'Matteo',
  'Lorenzo', 'Davide', 'Stefano', 'Simone', 'Luca', 'Federico', 'Riccardo', 'Gabriele', 'Emanuele', 'Fabio', 'Roberto', 'Massimo',
];
const FEMALE = [
  'Maria', 'Anna', 'Giuseppina', 'Rosa', 'Angela', 'Giovanna', 'Teresa', 'Lucia', 'Carmela', 'Caterina', 'Francesca', 'Antonietta',
  'Elena', 'Paola', 'Laura', 'Chiara', 'Sara', 'Giulia', 'Martina', 'Federica', 'Valentina', 'Silvia', 'Alessandra', 'Elisa',
  'Roberta', 'Monica', 'Cristina', 'Barbara', 'Daniela', 'Simona', 'Ilaria', 'Marta', 'Beatrice', 'Alice', 'Irene', 'Serena',
];
/** Municipality (Belfiore) codes of large Italian towns. */
const TOWNS = ['H501', 'F205', 'F839', 'L219', 'G273', 'A944', 'D612', 'D969', 'L736', 'A662', 'C351', 'L781', 'G224', 'B157', 'G478', 'B354', 'L424', 'A271', 'G482', 'E506'];
export function generateIdentity(rng: Rng, args: { female: boolean; birthDay: Day; registrationDay: Day; firstDoseYear: number; consent: boolean }): IdentityPlan {
  const surname = rng.pick(SURNAMES);
  const firstName = rng.pick(args.female ? FEMALE : MALE);
  const birth = iso(args.birthDay);
  const records = [`${args.firstDoseYear}${String(rng.int(1, 999_999)).padStart(6, '0')}`];
  if (rng.bernoulli(0.35)) records.push(`CC-${String(rng.int(10_000, 999_999))}`);
  const identity: IdentityPlan = {
    sil_surname: surname,
    sil_first_name: firstName,
    sil_codice_fiscale: codiceFiscale(surname, firstName, birth, args.female, rng.pick(TOWNS)),
    sil_hospital_record_no: records,
    sil_birth_date: birth,
    sil_registration_date: iso(args.registrationDay),
  };
  if (args.consent) identity.sil_consent_location = `Faldone consensi LAL ${iso(args.registrationDay).slice(0, 4)}, archivio Ematologia`;
  if (rng.bernoulli(0.4)) identity.sil_contact = `+39 3${rng.int(20, 99)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`;
  return identity;
}
