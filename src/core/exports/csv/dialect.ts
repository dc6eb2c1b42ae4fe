// CSV dialects: RFC 4180 (comma, UTF-8, ISO dates) for R/Stata/SAS, and Excel for Italian locales
// (semicolon, decimal comma, UTF-8 BOM, dd/mm/yyyy) for people opening files in a spreadsheet. The notation
// itself comes from the one formatting module (src/shared/format), as on the screen and in the report.

import { dayFirst, formatPlainNumber, parseDateText } from '../../../shared/format';

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

/** A number as stored: the shortest text that reads back as the same number, with the dialect's decimal mark. */
export function formatNumber(n: number, dialect: Dialect): string {
  return formatPlainNumber(n, dialect.decimalComma);
}

/** YYYY-MM-DD → dd/mm/yyyy, YYYY-MM → mm/yyyy, YYYY stays (Italian dialect only). */
export function formatDate(iso: string, dialect: Dialect): string {
  return dialect.italianDates ? dayFirst(iso) : iso;
}

export function formatText(text: string, dialect: Dialect): string {
  if (dialect.guardFormulas && /^[=+\-@\t\r]/.test(text)) return `'${text}`;
  return text;
}

/** Reverses formatDate (for reading files back); text that is no date is returned as it is. */
export function parseDate(text: string, dialect: Dialect): string {
  return dialect.italianDates ? (parseDateText(text) ?? text) : text;
}
