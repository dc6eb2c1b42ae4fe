// Italian tax code (codice fiscale): its format and check character (validation of the site-only identification
// log), and the code of a person (synthetic identities).

const ODD: Readonly<Record<string, number>> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20,
  O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function evenValue(ch: string): number {
  return /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
}

// Digits may be replaced by letters (omocodia), so positions 7-8, 10-11, 13-15 accept both.
const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

/** The check character of the first 15 characters of a codice fiscale (upper case). */
export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const ch = first15[i]!;
    sum += i % 2 === 0 ? ODD[ch]! : evenValue(ch);
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** True for a 16-character codice fiscale whose check character is right. */
export function isValidCodiceFiscale(raw: string): boolean {
  const code = raw.trim().toUpperCase();
  return SHAPE.test(code) && checkCharacter(code) === code[15];
}

const MONTHS = 'ABCDEHLMPRST';

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

/** The codice fiscale of a person born on an ISO date in a municipality (Belfiore code), without omocodia. */
export function codiceFiscale(surname: string, firstName: string, birth: string, female: boolean, town: string): string {
  const [y, m, d] = birth.split('-').map(Number) as [number, number, number];
  const head = `${surnameCode(surname)}${firstNameCode(firstName)}${String(y % 100).padStart(2, '0')}${MONTHS[m - 1]}${String(female ? d + 40 : d).padStart(2, '0')}${town}`;
  return head + checkCharacter(head);
}
