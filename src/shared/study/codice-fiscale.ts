// Italian tax code (codice fiscale) format and check character, for the site-only identification log.

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

/** True for a 16-character codice fiscale whose check character is right. */
export function isValidCodiceFiscale(raw: string): boolean {
  const code = raw.trim().toUpperCase();
  if (!SHAPE.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const ch = code[i]!;
    sum += i % 2 === 0 ? ODD[ch]! : evenValue(ch);
  }
  return String.fromCharCode(65 + (sum % 26)) === code[15];
}
