// CSV dialects: RFC 4180 (comma, UTF-8) for R/Stata/SAS, and Excel for Italian locales (semicolon, decimal
// comma, UTF-8 BOM) for people opening files in a spreadsheet. Dates are ISO in both: Excel reads YYYY-MM-DD
// as a date in every locale and `read.csv2(colClasses = "Date")` / `as.Date()` read it without a format,
// where dd/mm/yyyy needed converting by hand in R (and is read month first by an English Excel).

import { formatPlainNumber, parseDateText } from '../../../shared/format';

export type DialectName = 'rfc4180' | 'excel-it';
export type Delimiter = ',' | ';';

export interface Dialect {
  readonly name: DialectName;
  readonly delimiter: Delimiter;
  readonly bom: boolean;
  readonly decimalComma: boolean;
  /** Excel runs a cell starting with = + - @ as a formula; such text cells get a leading apostrophe. */
  readonly guardFormulas: boolean;
}

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  rfc4180: { name: 'rfc4180', delimiter: ',', bom: false, decimalComma: false, guardFormulas: false },
  'excel-it': { name: 'excel-it', delimiter: ';', bom: true, decimalComma: true, guardFormulas: true },
};

/** A number as stored: the shortest text that reads back as the same number, with the dialect's decimal mark. */
export function formatNumber(n: number, dialect: Dialect): string {
  return formatPlainNumber(n, dialect.decimalComma);
}

export function formatText(text: string, dialect: Dialect): string {
  if (dialect.guardFormulas && /^[=+\-@\t\r]/.test(text)) return `'${text}`;
  return text;
}

/** Reads a date cell back (ISO as written); Excel files of earlier versions wrote dd/mm/yyyy, still read. */
export function parseDate(text: string, dialect: Dialect): string {
  return dialect.name === 'excel-it' ? (parseDateText(text) ?? text) : text;
}
