// Fake but well-formed Italian identities for the site-only log: names, codice fiscale with a valid check character, hospital record numbers.

import { isValidCodiceFiscale } from '../../shared/study/codice-fiscale';
import { iso, type Day } from './days';
import type { IdentityPlan } from './plan';
import type { Rng } from './random';

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
const MONTHS = 'ABCDEHLMPRST';

const ODD: Readonly<Record<string, number>> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20,
  O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function letters(name: string): { consonants: string[]; vowels: string[] } {
  const chars = [...name.toUpperCase().replace(/[^A-Z]/g, '')];
  return { consonants: chars.filter((c) => !'AEIOU'.includes(c)), vowels: chars.filter((c) => 'AEIOU'.includes(c)) };
}

function surnameCode(surname: string): string {
  const { consonants, vowels } = letters(surname);
  return [...consonants, ...vowels, 'X', 'X', 'X'].slice(0, 3).join('');
}

function firstNameCode(name: string): string {
  const { consonants, vowels } = letters(name);
  if (consonants.length >= 4) return `${consonants[0]}${consonants[2]}${consonants[3]}`;
  return [...consonants, ...vowels, 'X', 'X', 'X'].slice(0, 3).join('');
}

export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const ch = first15[i]!;
    sum += i % 2 === 0 ? ODD[ch]! : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26));
}

export function codiceFiscale(surname: string, firstName: string, birth: string, female: boolean, town: string): string {
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  const head = `${surnameCode(surname)}${firstNameCode(firstName)}${String(y % 100).padStart(2, '0')}${MONTHS[m - 1]}${String(female ? d + 40 : d).padStart(2, '0')}${town}`;
  const code = head + checkCharacter(head);
  if (!isValidCodiceFiscale(code)) throw new Error(`generated an invalid codice fiscale ${code}`);
  return code;
}

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
