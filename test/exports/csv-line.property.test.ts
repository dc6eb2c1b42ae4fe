// The hand-written CSV record writer: csv-parse reads back the cells it wrote, for any text in both
// delimiters; and it gives byte for byte what csv-stringify gives, except that it also quotes a cell with a
// lone CR or LF (csv-stringify 6 with CRLF records leaves them bare, and R, Stata or Excel split the row there).
// It is the one CSV writer of the app (lint refuses csv-stringify under src/): exports, codebook, REDCap files.

import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { csvLine } from '../../src/core/exports/csv/csv-line';
import type { Delimiter } from '../../src/core/exports/csv/dialect';

// Cells made mostly of the characters that matter to CSV, so quoting cases come up often.
const tricky = fc.constantFrom(',', ';', '"', '\r', '\n', ' ', '\t', '\u00a0', 'a', 'è', '1', '.', '=', "'");
const cell = fc.oneof(fc.string({ unit: tricky, maxLength: 8 }), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const record = fc.array(cell, { minLength: 1, maxLength: 8 });

describe.each<Delimiter>([',', ';'])('csvLine with delimiter %s', (delimiter) => {
  it('writes what csv-stringify writes, quoting and all, for cells without a line break', () => {
    fc.assert(
      fc.property(record, (cells) => {
        fc.pre(cells.every((c) => !/[\r\n]/.test(c)));
        expect(csvLine(cells, delimiter)).toBe(stringify([cells], { delimiter, record_delimiter: 'windows', quoted_match: /^\s|\s$/ }));
      }),
      { numRuns: 5000 },
    );
  });

  it('is read back by csv-parse as the same cells', () => {
    fc.assert(
      fc.property(record, (cells) => {
        const rows = parse(csvLine(cells, delimiter), { delimiter, record_delimiter: '\r\n', relax_column_count: true }) as string[][];
        expect(rows).toEqual([cells]);
      }),
      { numRuns: 5000 },
    );
  });

  it('writes documents that a reader splitting records at any line ending (as REDCap and spreadsheets do) reads back record by record', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), (records) => {
        const text = records.map((cells) => csvLine(cells, delimiter)).join('');
        const rows = parse(text, { delimiter, record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true }) as string[][];
        expect(rows).toEqual(records);
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes a cell with a lone CR or LF (a line break typed in a text field) so it stays one cell', () => {
    expect(csvLine(['a\rb', 'c\nd', 'e'], delimiter)).toBe(`"a\rb"${delimiter}"c\nd"${delimiter}e\r\n`);
  });
});
