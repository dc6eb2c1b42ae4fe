// One CSV file being written: dialect header (BOM), CRLF records, RFC 4180 quoting, SHA-256 of the
// bytes as written, and backpressure so millions of rows never pile up in memory.

import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Dialect } from './dialect';

export class CsvFile {
  private readonly stream: WriteStream;
  private readonly hash = createHash('sha256');
  private buffer: string[] = [];
  private bufferedChars = 0;
  rows = 0;

  constructor(
    readonly path: string,
    private readonly dialect: Dialect,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    if (dialect.bom) this.push('\uFEFF');
    this.push(this.line(header));
  }

  private line(cells: readonly string[]): string {
    return stringify([cells as string[]], { delimiter: this.dialect.delimiter, record_delimiter: 'windows', quoted_match: /^\s|\s$/ });
  }

  private push(text: string): void {
    this.buffer.push(text);
    this.bufferedChars += text.length;
  }

  async row(cells: readonly string[]): Promise<void> {
    this.push(this.line(cells));
    this.rows += 1;
    if (this.bufferedChars > 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.bufferedChars = 0;
    this.hash.update(chunk);
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<{ path: string; sha256: string; rows: number }> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
    return { path: this.path, sha256: this.hash.digest('hex'), rows: this.rows };
  }
}
