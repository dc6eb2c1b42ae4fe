// One CSV record as text: RFC 4180 quoting (a cell with the delimiter, a quote, CR or LF is quoted and its
// quotes doubled), plus quotes around cells with leading or trailing spaces so spreadsheets keep them.
// Written by hand because it runs for every row of a 40-site export; it matches csv-stringify's output except
// that a lone CR or LF is quoted too (csv-stringify 6 with CRLF records leaves it bare; readers split the row).

import type { Delimiter } from './dialect';

const NEEDS_QUOTES: Readonly<Record<Delimiter, RegExp>> = {
  ',': /[",\r\n]|^\s|\s$/,
  ';': /[";\r\n]|^\s|\s$/,
};

/** The record followed by CRLF. */
export function csvLine(cells: readonly string[], delimiter: Delimiter): string {
  const needsQuotes = NEEDS_QUOTES[delimiter];
  let line = '';
  for (let i = 0; i < cells.length; i += 1) {
    const cell = cells[i]!;
    if (i > 0) line += delimiter;
    if (cell === '') continue;
    line += needsQuotes.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return `${line}\r\n`;
}
