// CSV dialects: RFC 4180 (comma, UTF-8, ISO dates) for R/Stata/SAS, and Excel for Italian locales
// (semicolon, decimal comma, UTF-8 BOM, dd/mm/yyyy) for people opening files in a spreadsheet.

export type DialectName = 'rfc4180' | 'excel-it';
export type Delimiter = ',' | ';';

export interface Dialect {
  readonly name: DialectName;
  readonly delimiter: Delimiter;
  readonly bom: boolean;
  readonly decimalComma: boolean;
  readonly italianDates: boolean;
  /** Excel runs a cell starting with = + - @ as a formula; such text cells get a leading apostrophe. */
  readonly guardFormulas: boolean;
}

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  rfc4180: { name: 'rfc4180', delimiter: ',', bom: false, decimalComma: false, italianDates: false, guardFormulas: false },
  'excel-it': { name: 'excel-it', delimiter: ';', bom: true, decimalComma: true, italianDates: true, guardFormulas: true },
};

export function formatNumber(n: number, dialect: Dialect): string {
  const text = Number.isInteger(n) ? String(n) : String(n);
  return dialect.decimalComma ? text.replace('.', ',') : text;
}

/** YYYY-MM-DD → dd/mm/yyyy, YYYY-MM → mm/yyyy, YYYY stays (Italian dialect only). */
export function formatDate(iso: string, dialect: Dialect): string {
  if (!dialect.italianDates) return iso;
  const [y, m, d] = iso.split('-');
  if (d !== undefined) return `${d}/${m}/${y}`;
  if (m !== undefined) return `${m}/${y}`;
  return iso;
}

export function formatText(text: string, dialect: Dialect): string {
  if (dialect.guardFormulas && /^[=+\-@\t\r]/.test(text)) return `'${text}`;
  return text;
}

/** Reverses formatDate (for reading files back). */
export function parseDate(text: string, dialect: Dialect): string {
  if (!dialect.italianDates) return text;
  const parts = text.split('/');
  if (parts.length === 3) return `${parts[2]}-${parts[1]}-${parts[0]}`;
  if (parts.length === 2) return `${parts[1]}-${parts[0]}`;
  return text;
}
