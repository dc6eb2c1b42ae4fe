// Rows in COPY's text format (tab-separated, \N for null, backslash escapes), for the merge's COPY FROM STDIN.

const RESERVED = /[\\\n\r\t]/;

/** One value as COPY's text format reads it back to the same text. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value as number | boolean);
  // Most values need no escaping: the test is cheaper than four replacements.
  return RESERVED.test(text) ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : text;
}

/** A row's line, with its newline. */
export function copyLine(values: readonly unknown[]): string {
  let line = copyField(values[0]);
  for (let i = 1; i < values.length; i += 1) line += `\t${copyField(values[i])}`;
  return `${line}\n`;
}
