// A number in positional decimal notation, never with an exponent (1e-7 → 0.0000001): for files read by
// tools that reject scientific notation (REDCap's number validation and its calculation parser).

const EXPONENT = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

/** The shortest text that reads back as `n`, written out in digits; `n` must be finite. */
export function formatDecimal(n: number): string {
  const text = String(n);
  const m = EXPONENT.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = '', exp] = m;
  const digits = `${lead}${rest}`;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
